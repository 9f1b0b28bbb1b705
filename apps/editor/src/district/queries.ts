/** District data as server state (admin_dinas). */
import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { api, unwrap } from '../api/client.ts';

export type Aggregates = InferResponseType<JalurClient['api']['district']['aggregates']['$get'], 200>;
export type AggregateBlock = Aggregates['district'];

export type OversightNode = InferResponseType<JalurClient['api']['district']['node']['$get'], 200>;

/** The admin's node of the oversight tree (province, cabang dinas, kabupaten/kota), its parents and schools. */
export function useDistrictNode() {
  return useQuery({ queryKey: ['district', 'node'], queryFn: () => unwrap(api.api.district.node.$get()), staleTime: 300_000 });
}

export function useDistrictSchools() {
  return useQuery({ queryKey: ['district', 'schools'], queryFn: () => unwrap(api.api.district.schools.$get()) });
}

export function useAggregates(input: { schoolId: string; from: string; to: string }) {
  const query = { from: input.from, to: input.to, ...(input.schoolId ? { schoolId: input.schoolId } : {}) };
  return useQuery({ queryKey: ['district', 'aggregates', query], queryFn: () => unwrap(api.api.district.aggregates.$get({ query })) });
}

export function districtCsvUrl(table: string, input: { schoolId: string; from: string; to: string }): string {
  const q = new URLSearchParams({ table, from: input.from, to: input.to, ...(input.schoolId ? { schoolId: input.schoolId } : {}) });
  return `/api/district/aggregates.csv?${q.toString()}`;
}
