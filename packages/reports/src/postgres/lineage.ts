/**
 * Stop-gap (PostgreSQL): records a school pathway's lineage after a template
 * pull — one scoped UPDATE on the database's own pool (`db.reportHandle`),
 * because `PathwayRepo.updateDraft` cannot set `source_version` yet
 * (packages/db/NEEDS-FROM-REPORTS.md §5).
 */
import type { ReportHandle } from '@jalur/db';
import type { LineageInput } from '../lineage.ts';

/** True when the pathway (of that school) was updated. */
export async function setLineagePostgres(handle: Extract<ReportHandle, { dialect: 'postgres' }>, input: LineageInput): Promise<boolean> {
  const r = await handle.client`UPDATE pathways SET source_template_id = ${input.templateId}, source_version = ${input.version}
    WHERE id = ${input.pathwayId} AND school_id = ${input.schoolId}`;
  return r.count === 1;
}
