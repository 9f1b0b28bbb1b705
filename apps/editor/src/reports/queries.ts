/** School report data as server state (TanStack Query over the typed client). */
import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../api/client.ts';
import type { JalurClient } from '@jalur/api/client';

export type Summary = InferResponseType<JalurClient['api']['reports']['summary']['$get'], 200>;
export type BeforeAfter = InferResponseType<JalurClient['api']['reports']['before-after']['$get'], 200>;
export type Trends = InferResponseType<JalurClient['api']['reports']['trends']['$get'], 200>;

export interface PeriodInput {
  from: string;
  to: string;
}

export function useSummary() {
  return useQuery({ queryKey: ['reports', 'summary'], queryFn: () => unwrap(api.api.reports.summary.$get()) });
}

export function useBeforeAfter(period: PeriodInput) {
  return useQuery({ queryKey: ['reports', 'before-after', period], queryFn: () => unwrap(api.api.reports['before-after'].$get({ query: period })) });
}

export function useTrends() {
  return useQuery({ queryKey: ['reports', 'trends'], queryFn: () => unwrap(api.api.reports.trends.$get()) });
}

/** The CSV download address of one school table. */
export function schoolCsvUrl(table: string, period?: PeriodInput): string {
  const q = new URLSearchParams({ table, ...(period ?? {}) });
  return `/api/reports/export.csv?${q.toString()}`;
}

/** `YYYY-MM-DD` of a date in the browser's calendar. */
export function isoDay(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The last 90 days. */
export function defaultPeriod(now = new Date()): PeriodInput {
  return { from: isoDay(new Date(now.getTime() - 89 * 86_400_000)), to: isoDay(now) };
}
