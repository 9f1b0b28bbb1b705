/** The template library as server state. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { api, unwrap } from '../api/client.ts';

export type TemplateEntry = InferResponseType<JalurClient['api']['district']['templates']['$get'], 200>['items'][number];
const KEY = ['district', 'templates'] as const;

export function useTemplates() {
  return useQuery({ queryKey: KEY, queryFn: () => unwrap(api.api.district.templates.$get()) });
}

export function useTemplateSources(schoolId: string) {
  return useQuery({
    queryKey: [...KEY, 'sources', schoolId],
    queryFn: () => unwrap(api.api.district.templates.sources.$get({ query: { schoolId } })),
    enabled: schoolId !== '',
  });
}

export function usePublishTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (json: { schoolId: string; pathwayId: string; version: number; key?: string; description?: string; tags?: string[] }) => unwrap(api.api.district.templates.$post({ json })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useAdoptTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) => unwrap(api.api.pathways.$post({ json: { templateId } as never })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['pathways'] });
    },
  });
}

export function usePullTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { templateId: string; pathwayId: string }) => {
      const own = await unwrap(api.api.pathways[':id'].$get({ param: { id: input.pathwayId } }));
      return unwrap(api.api.district.templates[':id'].pull.$post({ param: { id: input.templateId }, json: { pathwayId: input.pathwayId, expectedRevision: own.draftRevision } }));
    },
    onSuccess: (_, input) => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['pathways', input.pathwayId] });
    },
  });
}
