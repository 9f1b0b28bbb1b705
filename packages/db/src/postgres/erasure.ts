/**
 * Erasing a student's free text from their cases on PostgreSQL (UU PDP): the
 * same rule as `../sqlite/erasure.ts` — every `text` form field of the pinned
 * pathway version is replaced in the events' data and in the snapshot's
 * recorded forms alike, so the scrubbed events still replay to the scrubbed
 * snapshot. Runs inside the caller's transaction.
 */
import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { auditLog, caseEvents, cases, consents, flags, idempotencyKeys, indicators, notifications, pathwayVersions, referrals, tasks } from '../schema-pg/index.ts';
import { erasePaperwork } from './paperwork-erasure.ts';
import { APPROVAL_EVENTS, ERASED, scrubApprovalEvent, scrubIndicatorsAtOpen, textFieldsOf } from '../sqlite/erasure.ts';
import type { Exec } from './context.ts';

/** `values` with every non-empty string field named in `names` replaced by {@link ERASED}. */
function scrub(values: unknown, names: Set<string>): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = names.has(k) && typeof v === 'string' && v !== '' ? ERASED : v;
  return out;
}

/** Scrubs one case's events and snapshot. Returns how many events changed. */
export async function eraseCaseText(tx: Exec, caseId: string): Promise<number> {
  const [c] = await tx
    .select({ snapshot: cases.snapshot, document: pathwayVersions.document })
    .from(cases)
    .innerJoin(pathwayVersions, eq(pathwayVersions.id, cases.pathwayVersionId))
    .where(eq(cases.id, caseId))
    .for('update', { of: cases });
  if (!c) return 0;
  const names = textFieldsOf(c.document);
  if (names.size === 0) return 0;
  const snapshot = c.snapshot as { context?: { form?: unknown; forms?: Record<string, unknown> } };
  if (snapshot.context) {
    snapshot.context.form = scrub(snapshot.context.form, names);
    if (snapshot.context.forms) {
      snapshot.context.forms = Object.fromEntries(Object.entries(snapshot.context.forms).map(([step, values]) => [step, scrub(values, names)]));
    }
  }
  await tx.update(cases).set({ snapshot }).where(eq(cases.id, caseId));
  let changed = 0;
  for (const e of await tx.select({ id: caseEvents.id, data: caseEvents.data }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), isNotNull(caseEvents.data)))) {
    const after = scrub(e.data, names) as Record<string, unknown> | null;
    if (JSON.stringify(after) !== JSON.stringify(e.data)) {
      await tx.update(caseEvents).set({ data: after }).where(eq(caseEvents.id, e.id));
      changed++;
    }
  }
  return changed;
}

/** The student's traces outside their cases' events: the same rule as `eraseStudentTraces` in `../sqlite/erasure.ts`. */
export async function eraseStudentTraces(tx: Exec, schoolId: string, studentId: string, caseIds: readonly string[]): Promise<void> {
  await tx.update(flags).set({ reason: ERASED }).where(and(eq(flags.schoolId, schoolId), eq(flags.studentId, studentId), eq(flags.source, 'manual')));
  for (const row of await tx.select().from(indicators).where(and(eq(indicators.schoolId, schoolId), eq(indicators.studentId, studentId), eq(indicators.kind, 'behaviour')))) {
    if (typeof row.values.description === 'string') await tx.update(indicators).set({ values: { ...row.values, description: ERASED } }).where(eq(indicators.id, row.id));
  }
  if (caseIds.length > 0) {
    const ids = [...caseIds];
    await erasePaperwork(tx, ids);
    await tx.update(consents).set({ givenBy: ERASED }).where(inArray(consents.caseId, ids));
    await tx.update(referrals).set({ reason: ERASED }).where(inArray(referrals.caseId, ids));
    await tx.update(referrals).set({ rejectionReason: ERASED }).where(and(inArray(referrals.caseId, ids), isNotNull(referrals.rejectionReason)));
    await tx.update(referrals).set({ outcomeReport: ERASED }).where(and(inArray(referrals.caseId, ids), isNotNull(referrals.outcomeReport)));
    for (const c of await tx.select({ id: cases.id, value: cases.indicatorsAtOpen }).from(cases).where(inArray(cases.id, ids))) {
      if (c.value) await tx.update(cases).set({ indicatorsAtOpen: scrubIndicatorsAtOpen(c.value) }).where(eq(cases.id, c.id));
    }
    await tx.update(tasks).set({ approvalReason: ERASED }).where(and(inArray(tasks.caseId, ids), isNotNull(tasks.approvalReason)));
    await tx.update(notifications).set({ body: { id: ERASED, en: ERASED } }).where(inArray(notifications.caseId, ids));
    for (const e of await tx.select({ id: caseEvents.id, data: caseEvents.data }).from(caseEvents).where(and(inArray(caseEvents.caseId, ids), inArray(caseEvents.type, APPROVAL_EVENTS)))) {
      const scrubbed = scrubApprovalEvent(e.data as Record<string, unknown> | null);
      if (scrubbed) await tx.update(caseEvents).set({ data: scrubbed }).where(eq(caseEvents.id, e.id));
    }
    for (const caseId of ids) {
      for (const a of await tx.select({ id: auditLog.id, details: auditLog.details }).from(auditLog).where(sql`${auditLog.details}::text LIKE ${`%${caseId}%`}`)) {
        const details = a.details as Record<string, unknown> | null;
        if (details && typeof details.reason === 'string' && details.reason !== '') await tx.update(auditLog).set({ details: { ...details, reason: ERASED } }).where(eq(auditLog.id, a.id));
      }
    }
  }
  const mentions = [studentId, ...caseIds].map((id) => sql`${idempotencyKeys.body}::text LIKE ${`%${id}%`}`);
  for (let i = 0; i < mentions.length; i += 200) await tx.delete(idempotencyKeys).where(or(...mentions.slice(i, i + 200)));
}
