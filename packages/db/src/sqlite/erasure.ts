/**
 * Erasing a student's free text from their cases (UU PDP), by the rules of
 * `../erasure-rules.ts`: every string of the events' data and the snapshot's
 * recorded forms goes except the values of declared choice/number/date/
 * boolean fields — in the events and the snapshot alike, so the scrubbed
 * events still replay to the scrubbed snapshot, and what guards and reports
 * read stays.
 */
import { and, eq, inArray, isNotNull, like, or } from 'drizzle-orm';
import { auditLog, cases, consents, flags, idempotencyKeys, indicators, notifications, referrals, tasks } from '../schema/index.ts';
import type { SqliteContext } from './context.ts';
import { ERASED, keptFieldsOf, scrubDetails, scrubEventData, scrubIndicatorsAtOpen, scrubSnapshot, scrubStrings } from '../erasure-rules.ts';
import { erasePaperwork } from './paperwork-erasure.ts';
import { eraseFunds } from './funds.ts';

export { ERASED, APPROVAL_EVENTS, scrubApprovalEvent, scrubIndicatorsAtOpen, textFieldsOf } from '../erasure-rules.ts';

/** Scrubs one case's events and snapshot (inside the caller's transaction). Returns how many events changed. */
export function eraseCaseText(ctx: SqliteContext, caseId: string): number {
  const { sqlite } = ctx;
  const c = sqlite.prepare('SELECT c.snapshot, v.document FROM cases c JOIN pathway_versions v ON v.id = c.pathway_version_id WHERE c.id = ?').get(caseId) as
    | { snapshot: string; document: string }
    | undefined;
  if (!c) return 0;
  const kept = keptFieldsOf(JSON.parse(c.document));
  const snapshot = JSON.stringify(scrubSnapshot(JSON.parse(c.snapshot), kept));
  if (snapshot !== c.snapshot) sqlite.prepare('UPDATE cases SET snapshot = ? WHERE id = ?').run(snapshot, caseId);
  const update = sqlite.prepare('UPDATE case_events SET data = ? WHERE id = ?');
  let changed = 0;
  for (const e of sqlite.prepare('SELECT id, type, data FROM case_events WHERE case_id = ? AND data IS NOT NULL').all(caseId) as { id: string; type: string; data: string }[]) {
    const after = JSON.stringify(scrubEventData(e.type, JSON.parse(e.data), kept));
    if (after !== e.data) {
      update.run(after, e.id);
      changed++;
    }
  }
  ctx.forgetSnapshot(caseId);
  return changed;
}

/** Free-text keys an audit row's details may carry about a student (a decision's reason, a note, a message). */
export const AUDIT_TEXT_KEYS = ['reason', 'note', 'body', 'message', 'outcome', 'text', 'recipient', 'guardianName'];

/** An audit row's details with its free text gone (who did what, when, and the ids stay); null when nothing changes. */
export function scrubAuditDetails(details: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!details || typeof details !== 'object') return null;
  const texts = AUDIT_TEXT_KEYS.filter((k) => details[k] !== undefined && details[k] !== null && JSON.stringify(scrubStrings(details[k])) !== JSON.stringify(details[k]));
  return texts.length === 0 ? null : { ...details, ...Object.fromEntries(texts.map((k) => [k, scrubStrings(details[k])])) };
}

/**
 * The rest of a student's traces outside their cases' events (inside the
 * caller's transaction): manual flag reasons and details, every text of their
 * indicators (behaviour descriptions), the guardian's name and relationship
 * on consents, referral targets, reasons and reports, the flags and
 * indicators kept in `indicatorsAtOpen`, the kepsek's reasons and the guru
 * BK's notes on tasks, notifications about their cases, free text in audit
 * details, and stored idempotency answers that name the student or their
 * cases (a retry of such a request runs afresh).
 */
export function eraseStudentTraces(ctx: SqliteContext, schoolId: string, studentId: string, caseIds: readonly string[]): void {
  const { db } = ctx;
  for (const f of db.select({ id: flags.id, details: flags.details }).from(flags).where(and(eq(flags.schoolId, schoolId), eq(flags.studentId, studentId), eq(flags.source, 'manual'))).all()) {
    db.update(flags).set({ reason: ERASED, details: f.details ? (scrubDetails(f.details) as Record<string, unknown>) : null }).where(eq(flags.id, f.id)).run();
  }
  for (const row of db.select({ id: indicators.id, values: indicators.values }).from(indicators).where(and(eq(indicators.schoolId, schoolId), eq(indicators.studentId, studentId))).all()) {
    const values = scrubStrings(row.values) as Record<string, unknown>;
    if (JSON.stringify(values) !== JSON.stringify(row.values)) db.update(indicators).set({ values }).where(eq(indicators.id, row.id)).run();
  }
  eraseFunds(ctx, schoolId, studentId, caseIds);
  if (caseIds.length > 0) {
    const ids = [...caseIds];
    erasePaperwork(ctx, caseIds);
    db.update(consents).set({ givenBy: ERASED }).where(inArray(consents.caseId, ids)).run();
    db.update(consents).set({ relationship: ERASED }).where(and(inArray(consents.caseId, ids), isNotNull(consents.relationship))).run();
    db.update(referrals).set({ reason: ERASED, targetName: ERASED }).where(inArray(referrals.caseId, ids)).run();
    db.update(referrals).set({ rejectionReason: ERASED }).where(and(inArray(referrals.caseId, ids), isNotNull(referrals.rejectionReason))).run();
    db.update(referrals).set({ outcomeReport: ERASED }).where(and(inArray(referrals.caseId, ids), isNotNull(referrals.outcomeReport))).run();
    for (const c of db.select({ id: cases.id, value: cases.indicatorsAtOpen }).from(cases).where(inArray(cases.id, ids)).all()) {
      if (c.value) db.update(cases).set({ indicatorsAtOpen: scrubIndicatorsAtOpen(c.value) }).where(eq(cases.id, c.id)).run();
    }
    // The kepsek's rejection reasons and the guru BK's notes: on the task (the approval events are scrubbed with the rest of the events), and in the notifications about them.
    db.update(tasks).set({ approvalReason: ERASED }).where(and(inArray(tasks.caseId, ids), isNotNull(tasks.approvalReason))).run();
    db.update(notifications).set({ body: { id: ERASED, en: ERASED } }).where(inArray(notifications.caseId, ids)).run();
  }
  // Audit rows keep who did what and when; a free-text reason or note about the student goes.
  for (const id of [studentId, ...caseIds]) {
    for (const a of db.select({ id: auditLog.id, details: auditLog.details }).from(auditLog).where(and(eq(auditLog.schoolId, schoolId), or(like(auditLog.details, `%${id}%`), like(auditLog.subject, `%${id}%`)))).all()) {
      const details = scrubAuditDetails(a.details as Record<string, unknown> | null);
      if (details) db.update(auditLog).set({ details }).where(eq(auditLog.id, a.id)).run();
    }
  }
  const mentions = [studentId, ...caseIds].map((id) => like(idempotencyKeys.body, `%${id}%`));
  for (let i = 0; i < mentions.length; i += 200) db.delete(idempotencyKeys).where(or(...mentions.slice(i, i + 200))).run();
}
