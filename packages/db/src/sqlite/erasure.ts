/**
 * Erasing a student's free text from their cases (UU PDP): every `text` form
 * field of the pinned pathway version is replaced, in the events' data and in
 * the snapshot's recorded forms alike — so the scrubbed events still replay to
 * the scrubbed snapshot, and choices and numbers (what guards and reports
 * read) stay.
 */
import { and, eq, inArray, isNotNull, like, or } from 'drizzle-orm';
import { auditLog, caseEvents, cases, consents, flags, idempotencyKeys, indicators, notifications, referrals, tasks } from '../schema/index.ts';
import type { SqliteContext } from './context.ts';
import { erasePaperwork } from './paperwork-erasure.ts';

export const ERASED = '[dihapus / erased]';

type FormNode = { states?: Record<string, FormNode>; meta?: { form?: { name?: string; type?: string }[] } };

/** Names of every `text` field in a pathway document. */
export function textFieldsOf(document: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: FormNode | undefined) => {
    if (!node) return;
    for (const f of node.meta?.form ?? []) if (f.type === 'text' && f.name) names.add(f.name);
    for (const child of Object.values(node.states ?? {})) walk(child);
  };
  walk((document as { machine?: FormNode } | null)?.machine);
  return names;
}

function scrub(values: unknown, names: Set<string>): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = names.has(k) && typeof v === 'string' && v !== '' ? ERASED : v;
  return out;
}

/** Scrubs one case's events and snapshot (inside the caller's transaction). Returns how many events changed. */
export function eraseCaseText(ctx: SqliteContext, caseId: string): number {
  const { sqlite } = ctx;
  const c = sqlite.prepare('SELECT c.snapshot, v.document FROM cases c JOIN pathway_versions v ON v.id = c.pathway_version_id WHERE c.id = ?').get(caseId) as
    | { snapshot: string; document: string }
    | undefined;
  if (!c) return 0;
  const names = textFieldsOf(JSON.parse(c.document));
  if (names.size === 0) return 0;
  const snapshot = JSON.parse(c.snapshot) as { context?: { form?: unknown; forms?: Record<string, unknown> } };
  if (snapshot.context) {
    snapshot.context.form = scrub(snapshot.context.form, names);
    if (snapshot.context.forms) {
      snapshot.context.forms = Object.fromEntries(Object.entries(snapshot.context.forms).map(([step, values]) => [step, scrub(values, names)]));
    }
  }
  sqlite.prepare('UPDATE cases SET snapshot = ? WHERE id = ?').run(JSON.stringify(snapshot), caseId);
  const update = sqlite.prepare('UPDATE case_events SET data = ? WHERE id = ?');
  let changed = 0;
  for (const e of sqlite.prepare('SELECT id, data FROM case_events WHERE case_id = ? AND data IS NOT NULL').all(caseId) as { id: string; data: string }[]) {
    const before = e.data;
    const after = JSON.stringify(scrub(JSON.parse(before), names));
    if (after !== before) {
      update.run(after, e.id);
      changed++;
    }
  }
  ctx.forgetSnapshot(caseId);
  return changed;
}

/** `indicatorsAtOpen` with the flags' free-text reasons replaced (levels, rule keys and facts stay). */
export function scrubIndicatorsAtOpen(value: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!value || !Array.isArray(value.flags)) return value;
  return { ...value, flags: value.flags.map((f: unknown) => (f && typeof f === 'object' ? { ...f, reason: { id: ERASED, en: ERASED } } : f)) };
}

/** Case events that carry free text about the student: the kepsek's reason, the guru BK's note when asking again. */
export const APPROVAL_EVENTS = ['approval.decided', 'approval.requested'];

/** An approval event's data with its free text replaced, or null when it has none. */
export function scrubApprovalEvent(data: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!data) return null;
  const texts = ['reason', 'note'].filter((k) => typeof data[k] === 'string' && data[k] !== '');
  return texts.length === 0 ? null : { ...data, ...Object.fromEntries(texts.map((k) => [k, ERASED])) };
}

/**
 * The rest of a student's traces outside their cases' events (inside the
 * caller's transaction): manual flag reasons, behaviour descriptions, the
 * guardian's name on consents, referral reasons and reports, the flags kept
 * in `indicatorsAtOpen`, and stored idempotency answers that name the
 * student or their cases (a retry of such a request runs afresh).
 */
export function eraseStudentTraces(ctx: SqliteContext, schoolId: string, studentId: string, caseIds: readonly string[]): void {
  const { db } = ctx;
  db.update(flags).set({ reason: ERASED }).where(and(eq(flags.schoolId, schoolId), eq(flags.studentId, studentId), eq(flags.source, 'manual'))).run();
  for (const row of db.select().from(indicators).where(and(eq(indicators.schoolId, schoolId), eq(indicators.studentId, studentId), eq(indicators.kind, 'behaviour'))).all()) {
    if (typeof row.values.description === 'string') db.update(indicators).set({ values: { ...row.values, description: ERASED } }).where(eq(indicators.id, row.id)).run();
  }
  if (caseIds.length > 0) {
    erasePaperwork(ctx, caseIds);
    db.update(consents).set({ givenBy: ERASED }).where(inArray(consents.caseId, [...caseIds])).run();
    db.update(referrals).set({ reason: ERASED }).where(inArray(referrals.caseId, [...caseIds])).run();
    db.update(referrals).set({ rejectionReason: ERASED }).where(and(inArray(referrals.caseId, [...caseIds]), isNotNull(referrals.rejectionReason))).run();
    db.update(referrals).set({ outcomeReport: ERASED }).where(and(inArray(referrals.caseId, [...caseIds]), isNotNull(referrals.outcomeReport))).run();
    for (const c of db.select({ id: cases.id, value: cases.indicatorsAtOpen }).from(cases).where(inArray(cases.id, [...caseIds])).all()) {
      if (c.value) db.update(cases).set({ indicatorsAtOpen: scrubIndicatorsAtOpen(c.value) }).where(eq(cases.id, c.id)).run();
    }
    // The kepsek's rejection reasons and the guru BK's notes: on the task, in the approval events and in the notifications about them.
    db.update(tasks).set({ approvalReason: ERASED }).where(and(inArray(tasks.caseId, [...caseIds]), isNotNull(tasks.approvalReason))).run();
    db.update(notifications).set({ body: { id: ERASED, en: ERASED } }).where(inArray(notifications.caseId, [...caseIds])).run();
    for (const e of db.select({ id: caseEvents.id, data: caseEvents.data }).from(caseEvents).where(and(inArray(caseEvents.caseId, [...caseIds]), inArray(caseEvents.type, APPROVAL_EVENTS))).all()) {
      const scrubbed = scrubApprovalEvent(e.data as Record<string, unknown> | null);
      if (scrubbed) db.update(caseEvents).set({ data: scrubbed }).where(eq(caseEvents.id, e.id)).run();
    }
    // Audit rows keep who did what and when; a free-text reason about the student goes.
    for (const caseId of caseIds) {
      for (const a of db.select({ id: auditLog.id, details: auditLog.details }).from(auditLog).where(like(auditLog.details, `%${caseId}%`)).all()) {
        const details = a.details as Record<string, unknown> | null;
        if (details && typeof details.reason === 'string' && details.reason !== '') db.update(auditLog).set({ details: { ...details, reason: ERASED } }).where(eq(auditLog.id, a.id)).run();
      }
    }
  }
  const mentions = [studentId, ...caseIds].map((id) => like(idempotencyKeys.body, `%${id}%`));
  for (let i = 0; i < mentions.length; i += 200) db.delete(idempotencyKeys).where(or(...mentions.slice(i, i + 200))).run();
}
