/**
 * Pathways as server state (TanStack Query over the typed client): the list,
 * one pathway with its draft, versions, and the writes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PathwayDocument } from '@jalur/engine';
import { api, unwrap } from '../api/client.ts';

export const pathwayKeys = {
  list: ['pathways'] as const,
  detail: (id: string) => ['pathways', id] as const,
  version: (id: string, v: number) => ['pathways', id, 'versions', v] as const,
};

export function usePathwayList() {
  return useQuery({ queryKey: pathwayKeys.list, queryFn: () => unwrap(api.api.pathways.$get()) });
}

/** A pathway with its draft. `fresh`: fetched again on mount (the designer edits the draft as the server has it now, not as this tab last saw it). */
export function usePathway(id: string, { fresh = false } = {}) {
  return useQuery({
    queryKey: pathwayKeys.detail(id),
    queryFn: () => unwrap(api.api.pathways[':id'].$get({ param: { id } })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    ...(fresh ? { refetchOnMount: 'always' as const } : {}),
  });
}

export function useVersion(id: string, v: number, enabled = true) {
  return useQuery({
    queryKey: pathwayKeys.version(id, v),
    queryFn: () => unwrap(api.api.pathways[':id'].versions[':v'].$get({ param: { id, v: String(v) } })),
    staleTime: Infinity,
    enabled,
  });
}

export type CreateInput = { document: PathwayDocument } | { templateId: string } | { templateKey: string };

export function useCreatePathway() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInput & { key?: string }) => unwrap(api.api.pathways.$post({ json: input as never })),
    onSuccess: (detail) => {
      void qc.invalidateQueries({ queryKey: pathwayKeys.list });
      qc.setQueryData(pathwayKeys.detail(detail.id), detail);
    },
  });
}

/** Saves a draft with the revision it was based on (409 when someone saved in between). */
export function saveDraft(id: string, document: PathwayDocument, expectedRevision: number) {
  return unwrap(api.api.pathways[':id'].$put({ param: { id }, json: { document: document as never, expectedRevision } }));
}

export function publishPathway(id: string, expectedRevision: number, changeNote?: string) {
  return unwrap(api.api.pathways[':id'].publish.$post({ param: { id }, json: changeNote ? { expectedRevision, changeNote } : { expectedRevision } }));
}

export function fetchPathway(id: string) {
  return unwrap(api.api.pathways[':id'].$get({ param: { id } }));
}

export function fetchVersion(id: string, v: number) {
  return unwrap(api.api.pathways[':id'].versions[':v'].$get({ param: { id, v: String(v) } }));
}

/** Archives (or restores) a pathway; cases on its versions keep running. */
export function archivePathway(id: string, archived: boolean) {
  return unwrap(api.api.pathways[':id'].archive.$post({ param: { id }, json: { archived } }));
}
