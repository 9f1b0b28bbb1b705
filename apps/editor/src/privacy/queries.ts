/**
 * The kepsek's data-protection calls (UU PDP) over the typed client: one
 * student's export, saved as a JSON file, and the irreversible erasure.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { api, unwrap } from '../api/client.ts';

type StudentRoutes = JalurClient['api']['students'][':id'];
export type StudentExport = InferResponseType<StudentRoutes['export']['$get'], 200>;
export type ErasureResult = InferResponseType<StudentRoutes['erase']['$post'], 200>;

/** The file name of a student's export: NISN and date, never the name. */
export function exportFileName(nisn: string, now: Date): string {
  return `siswa-${nisn.replace(/[^\w-]/g, '_')}-${now.toISOString().slice(0, 10)}.json`;
}

/** Hands `data` to the browser as a JSON file download. */
function saveJson(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches one student's export (audited by the API) and downloads it. */
export function useStudentExport() {
  return useMutation({
    mutationFn: async (student: { id: string; nisn: string }) => {
      const doc = await unwrap(api.api.students[':id'].export.$get({ param: { id: student.id } }));
      saveJson(doc, exportFileName(student.nisn, new Date()));
      return doc;
    },
  });
}

/** Erases a student (irreversible); `confirm` must be the student's NISN. */
export function useStudentErase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; confirm: string }) => unwrap(api.api.students[':id'].erase.$post({ param: { id: input.id }, json: { confirm: input.confirm } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['cw'] }),
  });
}
