/**
 * Stop-gap write of a school pathway's lineage after pulling a template
 * update: `PathwayRepo.updateDraft` cannot set `source_version` yet
 * (requested in packages/db/NEEDS-FROM-REPORTS.md). One UPDATE on a second
 * connection to the same file, scoped by school; the draft itself is saved
 * through the repository first, so a failure here leaves the update merely
 * still "available", never a half-written draft.
 */
import Database from 'better-sqlite3';
import type { JalurDb } from '@jalur/db';

const writers = new WeakMap<JalurDb, Database.Statement>();

/** Records that `pathwayId` (of `schoolId`) now follows `templateId` at `version`. */
export function setLineage(db: JalurDb, input: { schoolId: string; pathwayId: string; templateId: string; version: number }): boolean {
  let st = writers.get(db);
  if (!st) {
    const conn = new Database(db.location, { fileMustExist: true, timeout: 5000 });
    st = conn.prepare('UPDATE pathways SET source_template_id = ?, source_version = ? WHERE id = ? AND school_id = ?');
    writers.set(db, st);
  }
  return st.run(input.templateId, input.version, input.pathwayId, input.schoolId).changes === 1;
}
