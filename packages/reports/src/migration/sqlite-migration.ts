/**
 * Reading the cases to migrate and applying a planned migration on SQLite —
 * one BEGIN IMMEDIATE transaction per case: the case row (new version pin,
 * snapshot, state value, version + 1), a `case.migrated` event, the timer and
 * task changes, an audit row. A stale case (moved since the dry run) is
 * skipped and reported, never half-written.
 *
 * Stop-gap: this writes the case tables from a second connection because the
 * repository has no `cases.migrate` yet (packages/db/NEEDS-FROM-REPORTS.md §3);
 * the SQL mirrors packages/db/src/sqlite/effects.ts.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CasePlan, MigratingCase } from './plan.ts';

export interface CaseFilter {
  /** Only these cases. */
  caseIds?: readonly string[];
  /** Cases with an active leaf equal to or under this state. */
  state?: string;
  riskFactor?: string;
}

/** Active cases of `schoolId` pinned to `pathwayVersionId`, with their pending timers and open tasks. */
export function loadMigratingCases(sqlite: Database.Database, input: { schoolId: string; pathwayVersionId: string; filter?: CaseFilter }): MigratingCase[] {
  const rows = sqlite
    .prepare("SELECT id, version, snapshot, state_value AS stateValue, risk_factors AS riskFactors FROM cases WHERE school_id = ? AND pathway_version_id = ? AND status = 'active' ORDER BY opened_at, id")
    .all(input.schoolId, input.pathwayVersionId) as { id: string; version: number; snapshot: string; stateValue: string; riskFactors: string }[];
  const timers = sqlite.prepare("SELECT timer_id AS timerId, event, due_at AS dueAt FROM timers WHERE case_id = ? AND status = 'pending'");
  const tasks = sqlite.prepare("SELECT state_id AS stateId FROM tasks WHERE case_id = ? AND status = 'open'");
  const f = input.filter ?? {};
  const ids = f.caseIds ? new Set(f.caseIds) : null;
  return rows
    .filter((r) => !ids || ids.has(r.id))
    .filter((r) => !f.state || r.stateValue.split(',').some((l) => l === f.state || l.startsWith(`${f.state}.`)))
    .filter((r) => !f.riskFactor || (JSON.parse(r.riskFactors) as string[]).includes(f.riskFactor))
    .map((r) => ({
      id: r.id,
      version: r.version,
      snapshot: JSON.parse(r.snapshot) as unknown,
      stateValue: r.stateValue === '' ? [] : r.stateValue.split(','),
      pendingTimers: (timers.all(r.id) as { timerId: string; event: string; dueAt: number }[]).map((t) => ({ ...t, dueAt: new Date(t.dueAt) })),
      openTasks: tasks.all(r.id) as { stateId: string }[],
    }));
}

export interface ApplyContext {
  schoolId: string;
  toPathwayVersionId: string;
  fromVersion: number;
  toVersion: number;
  actorId: string | null;
  now: Date;
}

export type ApplyOutcome = { caseId: string; applied: true; version: number } | { caseId: string; applied: false; reason: 'version_conflict' | 'not_found' };

/** Applies each case plan in its own transaction. */
export function applyMigration(sqlite: Database.Database, plans: readonly CasePlan[], ctx: ApplyContext): ApplyOutcome[] {
  const at = ctx.now.getTime();
  const load = sqlite.prepare("SELECT version, state_value AS stateValue, assignee_id AS assigneeId FROM cases WHERE id = ? AND school_id = ? AND status = 'active'");
  const update = sqlite.prepare('UPDATE cases SET pathway_version_id = ?, snapshot = ?, state_value = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?');
  const insertEvent = sqlite.prepare('INSERT INTO case_events (id, case_id, school_id, seq, type, data, actor_id, at, state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const cancelTimer = sqlite.prepare("UPDATE timers SET status = 'cancelled', done_at = ? WHERE case_id = ? AND timer_id = ? AND status = 'pending'");
  const insertTimer = sqlite.prepare("INSERT INTO timers (id, case_id, school_id, timer_id, state_id, event, due_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)");
  const closeTasks = sqlite.prepare("UPDATE tasks SET status = 'cancelled', closed_at = ? WHERE case_id = ? AND state_id = ? AND status = 'open'");
  const insertTask = sqlite.prepare(
    `INSERT INTO tasks (id, case_id, school_id, state_id, kind, title, roles, assignee_id, due_at, status, requires_approval, approval, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
  );
  const audit = sqlite.prepare('INSERT INTO audit_log (id, school_id, actor_id, action, subject, details, at) VALUES (?, ?, ?, ?, ?, ?, ?)');

  const one = sqlite.transaction((plan: CasePlan): ApplyOutcome => {
    const row = load.get(plan.caseId, ctx.schoolId) as { version: number; stateValue: string; assigneeId: string | null } | undefined;
    if (!row) return { caseId: plan.caseId, applied: false, reason: 'not_found' };
    if (row.version !== plan.expectedVersion) return { caseId: plan.caseId, applied: false, reason: 'version_conflict' };
    const version = row.version + 1;
    const stateAfter = [...plan.to].sort().join(',');
    update.run(ctx.toPathwayVersionId, JSON.stringify(plan.snapshot), stateAfter, version, at, plan.caseId, row.version);
    const data = { fromVersion: ctx.fromVersion, toVersion: ctx.toVersion, from: plan.from, to: plan.to, timers: plan.timers, tasks: plan.tasks };
    insertEvent.run(randomUUID(), plan.caseId, ctx.schoolId, version, 'case.migrated', JSON.stringify(data), ctx.actorId, at, row.stateValue, stateAfter);
    for (const e of plan.effects) {
      switch (e.type) {
        case 'timer.cancel':
          cancelTimer.run(at, plan.caseId, e.timerId);
          break;
        case 'timer.schedule':
          cancelTimer.run(at, plan.caseId, e.timerId);
          insertTimer.run(randomUUID(), plan.caseId, ctx.schoolId, e.timerId, e.stateId, e.event, Date.parse(e.dueAt), at);
          break;
        case 'task.close':
          closeTasks.run(at, plan.caseId, e.stateId);
          break;
        case 'task.open': {
          const assignee = e.roles.includes('guru_bk') ? row.assigneeId : null;
          insertTask.run(randomUUID(), plan.caseId, ctx.schoolId, e.stateId, e.kind, JSON.stringify(e.title), JSON.stringify(e.roles), assignee, e.dueAt ? Date.parse(e.dueAt) : null, e.requiresApproval ? 1 : 0, e.requiresApproval ? 'pending' : null, at);
          break;
        }
        default:
          break;
      }
    }
    audit.run(randomUUID(), ctx.schoolId, ctx.actorId, 'case.migrated', plan.caseId, JSON.stringify(data), at);
    return { caseId: plan.caseId, applied: true, version };
  });
  return plans.map((p) => one.immediate(p));
}
