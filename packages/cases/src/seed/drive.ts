/**
 * Driving demo cases through the case service as a school would: a user's
 * event as that user; a step that needs the kepsek's approval gets it from
 * the kepsek first (as the demo's kepsek approves every plan); a timer fires
 * from its own timer row, claimed like the scheduler claims it.
 */
import type { CaseRow, DbError, JalurDb, User } from '@jalur/db';
import { activeSteps, handlersFor, type CaseEvent, type CaseSnapshot, type CompiledPathway, type FormField, type Role } from '@jalur/engine';
import type { CaseService } from '../service.ts';
import { withFundIds, type FundIds } from './seed-funds.ts';

export type Driven = { ok: true; row: CaseRow } | { ok: false; error: DbError };

const CLAIMER = 'seed';

/** Sends a user's event; when the kepsek's approval is missing, the kepsek approves the step and the event is sent again. */
export async function sendAs(
  cases: CaseService, db: JalurDb, row: CaseRow, event: CaseEvent, user: User, kepsek: User, at: Date,
): Promise<Driven> {
  const send = (r: CaseRow) =>
    cases.advance({ schoolId: r.schoolId, caseId: r.id, expectedVersion: r.version, event, actor: { id: user.id, role: user.role }, now: at });
  let result = await send(row);
  const reason = !result.ok ? (result.error.details as { code?: string; steps?: string[] } | undefined) : undefined;
  if (!result.ok && reason?.code === 'approval_required') {
    let current = row;
    for (const task of await db.tasks.list(row.schoolId, { caseId: row.id, status: 'open' })) {
      if (!task.requiresApproval || task.approval !== 'pending' || !reason.steps?.includes(task.stateId)) continue;
      const approved = await cases.changeApproval({ schoolId: row.schoolId, task, decision: 'approved', reason: null, actor: { id: kepsek.id, role: 'kepsek' }, now: at });
      if (!approved.ok) return { ok: false, error: approved.error };
      current = approved.value.case;
    }
    result = await send(current);
  }
  return result.ok ? { ok: true, row: result.value.case } : { ok: false, error: result.error };
}

/** Fires the case's pending timer for `type` (`xstate.after.…`) at `at`, claimed as the scheduler would. */
export async function fireTimer(cases: CaseService, db: JalurDb, row: CaseRow, type: string, at: Date): Promise<Driven> {
  const pending = (await db.timers.listForCase(row.schoolId, row.id)).find((t) => t.status === 'pending' && t.event === type);
  if (!pending) return { ok: false, error: { code: 'event_not_allowed', message: `no pending timer ${type}` } };
  const [claimed] = await db.timers.claimDue(pending.dueAt, 1, CLAIMER, { caseId: row.id });
  if (!claimed) return { ok: false, error: { code: 'event_not_allowed', message: `timer ${type} could not be claimed` } };
  const fired = await cases.fireTimer(claimed, CLAIMER, at);
  if (!fired.ok) return fired;
  if (!fired.value.fired) return { ok: false, error: fired.value.error ?? { code: 'event_not_allowed', message: `timer ${type}: ${fired.value.reason}` } };
  return { ok: true, row: fired.value.change.case };
}

/** A value that satisfies a form field (the demo fills what a plan does not say; tests that drive real cases do the same). */
export function sampleValue(field: FormField, now: Date): unknown {
  switch (field.type) {
    case 'number':
      return field.max !== undefined && field.max <= 1 ? 0.85 : Math.max(field.min ?? 0, Math.min(field.max ?? 70, 70));
    case 'choice':
      return field.options?.[0] ?? 'lainnya';
    case 'boolean':
      return true;
    case 'date':
      return now.toISOString().slice(0, 10);
    case 'text':
      return 'Catatan demo: dilaksanakan sesuai rencana.';
  }
}

/** The staff a school's demo cases are driven by. */
export interface DemoStaff {
  kepsek: User;
  bk: User;
  wali?: User | undefined;
  tim?: User | undefined;
}

const ROLE_PREFERENCE: Role[] = ['guru_bk', 'kepsek', 'wali_kelas', 'tim'];

/**
 * Sends one event of a plan as the first staff role its step allows (guru BK
 * first): the step's required fields filled with sample values, `overrides`
 * on top, register keys (`"dana-komite"`) replaced by the school's ids.
 */
/**
 * A plan step's form data and who sends it, for a case whose snapshot is
 * `snapshot`: the required fields of every active step handling `type`
 * filled with sample values, `overrides` on top; the first staff role of
 * `ROLE_PREFERENCE` the handling steps allow.
 */
export function planStepEvent(
  compiled: CompiledPathway, snapshot: CaseSnapshot, type: string, overrides: Record<string, unknown> | undefined, at: Date,
): { data: Record<string, unknown>; role: Role } {
  const leaves = activeSteps(compiled, snapshot).map((s) => s.stateId);
  const active = [...new Set(leaves.flatMap((l) => l.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))))];
  const handlers = handlersFor(compiled, active, type);
  const data: Record<string, unknown> = {};
  for (const h of handlers) for (const f of compiled.steps.get(h.source)?.form ?? []) if (f.required) data[f.name] = sampleValue(f, at);
  Object.assign(data, overrides);
  const roles = handlers.flatMap((h) => h.roles);
  return { data, role: ROLE_PREFERENCE.find((r) => roles.length === 0 || roles.includes(r)) ?? 'guru_bk' };
}

export async function sendPlanStep(
  cases: CaseService, db: JalurDb, compiled: CompiledPathway, row: CaseRow, type: string, overrides: Record<string, unknown> | undefined,
  staff: DemoStaff, at: Date, fundIds?: FundIds,
): Promise<Driven> {
  const { data, role } = planStepEvent(compiled, row.snapshot as CaseSnapshot, type, overrides, at);
  const user = role === 'kepsek' ? staff.kepsek : role === 'wali_kelas' ? (staff.wali ?? staff.bk) : role === 'tim' ? (staff.tim ?? staff.bk) : staff.bk;
  return sendAs(cases, db, row, { type, data: withFundIds(data, fundIds) }, user, staff.kepsek, at);
}
