/**
 * Stop-gap (SQLite): records a school pathway's lineage after a template pull
 * — one scoped UPDATE on the database's own connection (`db.reportHandle`),
 * because `PathwayRepo.updateDraft` cannot set `source_version` yet
 * (packages/db/NEEDS-FROM-REPORTS.md §5). The only write reports make
 * outside the repository; it goes once the repository can do it.
 */
import type { ReportHandle } from '@jalur/db';
import type { LineageInput } from '../lineage.ts';

/** True when the pathway (of that school) was updated. */
export function setLineageSqlite(handle: Extract<ReportHandle, { dialect: 'sqlite' }>, input: LineageInput): boolean {
  return handle.sqlite
    .prepare('UPDATE pathways SET source_template_id = ?, source_version = ? WHERE id = ? AND school_id = ?')
    .run(input.templateId, input.version, input.pathwayId, input.schoolId).changes === 1;
}
