/**
 * Server state of the process view and the what-if check: the API's
 * `GET /api/pathways/{id}/process` and `POST /api/pathways/{id}/what-if`,
 * with the names the page shows (students, classes, version documents).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import type { JalurClient } from '@jalur/api/client';
import type { InferResponseType } from 'hono/client';
import type { PathwayDocument } from '@jalur/engine';
import { call } from '../cases/http.ts';
import type { CaseView, StudentView, VersionDetail } from '../cases/types.ts';
import type { PathwayDetail, PathwaySummary } from '../api/client.ts';
import type { ProcessData } from './model.ts';

type Api = JalurClient['api'];
export type ProcessAnswer = InferResponseType<Api['pathways'][':id']['process']['$get'], 200>;
export type WhatIfAnswer = InferResponseType<Api['pathways'][':id']['what-if']['$post'], 200>;
export type WhatIfCase = WhatIfAnswer['cases'][number];

// The page's model and the API's answer are the same shape: a changed route breaks this build.
const sameShape: (a: ProcessAnswer) => ProcessData = (a) => a;
void sameShape;

export interface ProcessFilters {
  from?: string | undefined;
  to?: string | undefined;
  className?: string | undefined;
  riskFactor?: string | undefined;
  version?: string | undefined;
}

export const procKeys = {
  process: (id: string, q: string) => ['proc', 'process', id, q] as const,
  pathway: (id: string) => ['proc', 'pathway', id] as const,
  version: (id: string, v: number) => ['cw', 'version-detail', id, v] as const,
  classes: ['proc', 'classes'] as const,
  counts: ['proc', 'counts'] as const,
  pathways: ['proc', 'pathways'] as const,
  students: ['proc', 'students'] as const,
  cases: (id: string) => ['proc', 'cases', id] as const,
};

/** The filters as the API's query string (empty ones left out). */
export function processQuery(f: ProcessFilters): string {
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'className', 'riskFactor', 'version'] as const) if (f[k]) q.set(k, f[k]);
  return q.toString();
}

export function useProcess(id: string, f: ProcessFilters) {
  const q = processQuery(f);
  return useQuery({ queryKey: procKeys.process(id, q), queryFn: () => call<ProcessAnswer>('GET', `/api/pathways/${id}/process${q ? `?${q}` : ''}`), enabled: !!id, placeholderData: (prev) => prev });
}

export function usePathwayDetail(id: string) {
  return useQuery({ queryKey: procKeys.pathway(id), queryFn: () => call<PathwayDetail>('GET', `/api/pathways/${id}`), enabled: !!id, staleTime: 30_000 });
}

/** The school's pathways (not archived), each with its number of active cases. */
export function useSchoolPathways() {
  const list = useQuery({ queryKey: procKeys.pathways, queryFn: () => call<{ items: PathwaySummary[] }>('GET', '/api/pathways'), staleTime: 60_000 });
  const school = (list.data?.items ?? []).filter((p) => p.scope === 'school' && !p.archivedAt);
  const counts = useQueries({
    queries: school.map((p) => ({
      queryKey: [...procKeys.counts, p.id],
      queryFn: () => call<{ total: number }>('GET', `/api/cases/board?status=active&pathwayId=${encodeURIComponent(p.id)}`),
      staleTime: 60_000,
    })),
  });
  return { list, items: school.map((p, i) => ({ pathway: p, active: counts[i]?.data?.total })) };
}

/** The published versions' documents (names of steps that older versions had). */
export function useVersionDocuments(id: string, versions: readonly number[]) {
  return useQueries({
    queries: versions.map((v) => ({
      queryKey: procKeys.version(id, v),
      queryFn: () => call<VersionDetail>('GET', `/api/pathways/${id}/versions/${v}`),
      staleTime: Infinity,
    })),
    combine: (rs) => ({ docs: new Map(rs.flatMap((r) => (r.data ? [[r.data.version, r.data.document as PathwayDocument] as const] : []))), pending: rs.some((r) => r.isPending) }),
  });
}

/** The classes of the school's students (the class filter's choices). */
export function useClasses() {
  return useQuery({
    queryKey: procKeys.classes,
    queryFn: async () => {
      const r = await call<{ items: StudentView[] }>('GET', '/api/students?limit=500');
      return [...new Set(r.items.map((s) => s.className).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'id', { numeric: true }));
    },
    staleTime: 60_000,
  });
}

/** The pathway's active cases (the students' names for the what-if list). */
export function useActiveCases(pathwayId: string, enabled: boolean) {
  return useQuery({
    queryKey: procKeys.cases(pathwayId),
    enabled,
    queryFn: async () => {
      const out: CaseView[] = [];
      for (let offset = 0; ; offset += 500) {
        const r = await call<{ items: CaseView[] }>('GET', `/api/cases?status=active&pathwayId=${encodeURIComponent(pathwayId)}&limit=500&offset=${offset}`);
        out.push(...r.items);
        if (r.items.length < 500) break;
      }
      return new Map(out.map((c) => [c.id, c]));
    },
  });
}

/** Replays the school's active cases through a draft document (nothing is written). */
export function runWhatIf(pathwayId: string, document: PathwayDocument) {
  return call<WhatIfAnswer>('POST', `/api/pathways/${pathwayId}/what-if`, { json: { document } });
}
