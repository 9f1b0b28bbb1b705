/**
 * Which template version a school pathway follows, after pulling a template
 * update into its draft. The draft itself is saved through
 * `db.pathways.updateDraft` first; this then sets `source_template_id` /
 * `source_version`, which `updateDraft` cannot (packages/db/NEEDS-FROM-REPORTS.md §5).
 * A failure here leaves the update merely still "available", never a
 * half-written draft.
 */
import type { JalurDb } from '@jalur/db';
import { setLineageSqlite } from './sqlite/lineage.ts';
import { setLineagePostgres } from './postgres/lineage.ts';

export interface LineageInput {
  schoolId: string;
  pathwayId: string;
  templateId: string;
  version: number;
}

/** Records that `pathwayId` (of `schoolId`) now follows `templateId` at `version`; false when no such pathway. */
export async function setLineage(db: JalurDb, input: LineageInput): Promise<boolean> {
  const h = db.reportHandle;
  return h.dialect === 'sqlite' ? setLineageSqlite(h, input) : setLineagePostgres(h, input);
}
