/**
 * Erasing a student's free text from their cases on PostgreSQL (UU PDP): the
 * same rules as `../sqlite/erasure.ts` (`../erasure-rules.ts`) — every string
 * of the events' data and the snapshot's recorded forms goes except the
 * values of declared choice/number/date/boolean fields, in the events and the
 * snapshot alike, so the scrubbed events still replay to the scrubbed
 * snapshot. Runs inside the caller's transaction.
 */
import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { auditLog, caseEvents, cases, consents, flags, idempotencyKeys, indicators, notifications, pathwayVersions, referrals, tasks } from '../schema-pg/index.ts';
import { erasePaperwork } from './paperwork-erasure.ts';
import { eraseFunds } from './funds.ts';
import { ERASED, keptFieldsOf, scrubDetails, scrubEventData, scrubIndicatorsAtOpen, scrubSnapshot, scrubStrings } from '../erasure-rules.ts';
import { scrubAuditDetails } from '../sqlite/erasure.ts';
import type { Exec } from './context.ts';

/** The tables an erasure rewrites: `VACUUM`ed after it commits, so the old row versions leave the heap. */
export const ERASURE_TABLES = [
  'students', 'cases', 'case_events', 'notes', 'case_records', 'consents', 'referrals', 'flags', 'indicators', 'tasks', 'notifications', 'audit_log',
  'idempotency_keys', 'family_contacts', 'parent_meetings', 'generated_documents',
  'sponsors', 'fund_entries',
  'peer_counsellors', 'peer_supervisions', 'peer_supervision_attendees', 'group_sessions', 'group_session_members',
] as const;

/** Scrubs one case's events and snapshot. Returns how many events changed. */
export async function eraseCaseText(tx: Exec, caseId: string): Promise<number> {
  const [c] = await tx
    .select({ snapshot: cases.snapshot, document: pathwayVersions.document })
    .from(cases)
    .innerJoin(pathwayVersions, eq(pathwayVersions.id, cases.pathwayVersionId))
    .where(eq(cases.id, caseId))
    .for('update', { of: cases });
  if (!c) return 0;
  const kept = keptFieldsOf(c.document);
  const snapshot = scrubSnapshot(c.snapshot, kept);
  if (JSON.stringify(snapshot) !== JSON.stringify(c.snapshot)) await tx.update(cases).set({ snapshot }).where(eq(cases.id, caseId));
  let changed = 0;
  for (const e of await tx.select({ id: caseEvents.id, type: caseEvents.type, data: caseEvents.data }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), isNotNull(caseEvents.data)))) {
    const after = scrubEventData(e.type, e.data as Record<string, unknown> | null, kept);
    if (JSON.stringify(after) !== JSON.stringify(e.data)) {
      await tx.update(caseEvents).set({ data: after }).where(eq(caseEvents.id, e.id));
      changed++;
    }
  }
  return changed;
}

/** The student's traces outside their cases' events: the same rule as `eraseStudentTraces` in `../sqlite/erasure.ts`. */
export async function eraseStudentTraces(tx: Exec, schoolId: string, studentId: string, caseIds: readonly string[]): Promise<void> {
  for (const f of await tx.select({ id: flags.id, details: flags.details }).from(flags).where(and(eq(flags.schoolId, schoolId), eq(flags.studentId, studentId), eq(flags.source, 'manual')))) {
    await tx.update(flags).set({ reason: ERASED, details: f.details ? (scrubDetails(f.details) as Record<string, unknown>) : null }).where(eq(flags.id, f.id));
  }
  for (const row of await tx.select({ id: indicators.id, values: indicators.values }).from(indicators).where(and(eq(indicators.schoolId, schoolId), eq(indicators.studentId, studentId)))) {
    const values = scrubStrings(row.values) as Record<string, unknown>;
    if (JSON.stringify(values) !== JSON.stringify(row.values)) await tx.update(indicators).set({ values }).where(eq(indicators.id, row.id));
  }
  await eraseFunds(tx, schoolId, studentId, caseIds);
  if (caseIds.length > 0) {
    const ids = [...caseIds];
    await erasePaperwork(tx, ids);
    await tx.update(consents).set({ givenBy: ERASED }).where(inArray(consents.caseId, ids));
    await tx.update(consents).set({ relationship: ERASED }).where(and(inArray(consents.caseId, ids), isNotNull(consents.relationship)));
    await tx.update(referrals).set({ reason: ERASED, targetName: ERASED }).where(inArray(referrals.caseId, ids));
    await tx.update(referrals).set({ rejectionReason: ERASED }).where(and(inArray(referrals.caseId, ids), isNotNull(referrals.rejectionReason)));
    await tx.update(referrals).set({ outcomeReport: ERASED }).where(and(inArray(referrals.caseId, ids), isNotNull(referrals.outcomeReport)));
    for (const c of await tx.select({ id: cases.id, value: cases.indicatorsAtOpen }).from(cases).where(inArray(cases.id, ids))) {
      if (c.value) await tx.update(cases).set({ indicatorsAtOpen: scrubIndicatorsAtOpen(c.value) }).where(eq(cases.id, c.id));
    }
    await tx.update(tasks).set({ approvalReason: ERASED }).where(and(inArray(tasks.caseId, ids), isNotNull(tasks.approvalReason)));
    await tx.update(notifications).set({ body: { id: ERASED, en: ERASED } }).where(inArray(notifications.caseId, ids));
  }
  for (const id of [studentId, ...caseIds]) {
    const rows = await tx
      .select({ id: auditLog.id, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.schoolId, schoolId), or(sql`${auditLog.details}::text LIKE ${`%${id}%`}`, sql`${auditLog.subject} LIKE ${`%${id}%`}`)));
    for (const a of rows) {
      const details = scrubAuditDetails(a.details as Record<string, unknown> | null);
      if (details) await tx.update(auditLog).set({ details }).where(eq(auditLog.id, a.id));
    }
  }
  const mentions = [studentId, ...caseIds].map((id) => sql`${idempotencyKeys.body}::text LIKE ${`%${id}%`}`);
  for (let i = 0; i < mentions.length; i += 200) await tx.delete(idempotencyKeys).where(or(...mentions.slice(i, i + 200)));
}
