/**
 * Reading the cases to migrate and applying a planned migration, through the
 * repository of `@jalur/db` (either dialect): `cases.migrate` moves each
 * case in its own transaction — version check, new pin + snapshot + state
 * value, a `case.migrated` event, the timer and task effects persisted (and
 * school-day due dates recounted) exactly as for an advance, an audit row.
 * A case that moved since the dry run is reported, never half-written.
 */
import type { DbErrorCode, JalurDb } from '@jalur/db';
import type { CasePlan, MigratingCase } from './plan.ts';

export interface CaseFilter {
  /** Only these cases. */
  caseIds?: readonly string[];
  /** Cases with an active leaf equal to or under this state. */
  state?: string;
  riskFactor?: string;
}

/** The repository's largest page. */
const PAGE = 1000;

/** Active cases of `schoolId` pinned to `pathwayVersionId`, with their pending timers and open tasks. */
export async function loadMigratingCases(db: JalurDb, input: { schoolId: string; pathwayId: string; pathwayVersionId: string; filter?: CaseFilter }): Promise<MigratingCase[]> {
  const f = input.filter ?? {};
  const rows = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await db.cases.list(input.schoolId, {
      status: 'active', pathwayId: input.pathwayId, limit: PAGE, offset,
      ...(f.state ? { state: f.state } : {}), ...(f.riskFactor ? { riskFactor: f.riskFactor } : {}),
    });
    rows.push(...page);
    if (page.length < PAGE) break;
  }
  const ids = f.caseIds ? new Set(f.caseIds) : null;
  const chosen = [...new Map(rows.map((r) => [r.id, r])).values()]
    .filter((r) => r.pathwayVersionId === input.pathwayVersionId && (!ids || ids.has(r.id)))
    .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: MigratingCase[] = [];
  for (const r of chosen) {
    const [timers, tasks] = await Promise.all([db.timers.listForCase(input.schoolId, r.id), db.tasks.list(input.schoolId, { caseId: r.id, status: 'open' })]);
    out.push({
      id: r.id,
      version: r.version,
      snapshot: r.snapshot,
      stateValue: r.stateValue === '' ? [] : r.stateValue.split(','),
      pendingTimers: timers.filter((t) => t.status === 'pending').map((t) => ({ timerId: t.timerId, event: t.event, dueAt: t.dueAt })),
      openTasks: tasks.map((t) => ({ stateId: t.stateId })),
    });
  }
  return out;
}

export interface ApplyContext {
  schoolId: string;
  toPathwayVersionId: string;
  fromVersion: number;
  toVersion: number;
  actorId: string | null;
  now: Date;
}

export type ApplyOutcome =
  | { caseId: string; applied: true; version: number }
  | { caseId: string; applied: false; reason: DbErrorCode };

/** Applies each case plan in its own transaction (`db.cases.migrate`), one after the other. */
export async function applyMigration(db: JalurDb, plans: readonly CasePlan[], ctx: ApplyContext): Promise<ApplyOutcome[]> {
  const out: ApplyOutcome[] = [];
  for (const plan of plans) {
    const data = { fromVersion: ctx.fromVersion, toVersion: ctx.toVersion, from: plan.from, to: plan.to, timers: plan.timers, tasks: plan.tasks };
    const r = await db.cases.migrate({
      schoolId: ctx.schoolId,
      caseId: plan.caseId,
      expectedVersion: plan.expectedVersion,
      toPathwayVersionId: ctx.toPathwayVersionId,
      actorId: ctx.actorId,
      now: ctx.now,
      event: { type: 'case.migrated', data },
      // The plan was made from this very version of the case (checked above), so it is the transition.
      apply: () => ({ ok: true, value: { snapshot: plan.snapshot, stateValue: plan.to, status: 'active', effects: plan.effects } }),
      audit: [{ action: 'case.migrated', subject: plan.caseId, details: data }],
    });
    out.push(r.ok ? { caseId: plan.caseId, applied: true, version: r.value.case.version } : { caseId: plan.caseId, applied: false, reason: r.error.code });
  }
  return out;
}
