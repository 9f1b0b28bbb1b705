/**
 * Replays a cohort file (workflows/cohorts/*.json, format `jalur.cohort/1`)
 * into a real database through the engine and the case unit of work, exactly
 * as the file's `replay` note says: start each case at `start`; before each
 * step fire every timer due at or before it (in due order, no actor); send
 * the step as a user of its role; finally fire the timers due up to
 * `period.to`. Used when `seedDemo` has not loaded the cohort itself.
 */
import { readFileSync } from 'node:fs';
import {
  advanceCase, compilePathway, pathwayDocumentSchema, startCase,
  type CaseEvent, type CaseSnapshot, type CompiledPathway, type Role,
} from '../../packages/engine/src/index.ts';
import type { ApplyResult, CaseRow, JalurDb, PathwayVersionRow, User } from '../../packages/db/src/index.ts';

interface CohortStep {
  at: string;
  event: string;
  role: Role;
  data?: Record<string, unknown>;
}
interface CohortStudent {
  id: string;
  name: string;
  class: string;
  gender?: 'L' | 'P';
  factor: string;
  factors?: string[];
  start: string;
  steps: CohortStep[];
}
export interface Cohort {
  key: string;
  pathway: string;
  period: { from: string; to: string };
  paper: { byFactor: Record<string, { before: number; after: number }> };
  students: CohortStudent[];
}

export const readCohort = (file: string): Cohort => JSON.parse(readFileSync(file, 'utf8')) as Cohort;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, what: string): T {
  if (!r.ok) throw new Error(`cohort replay: ${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function transition(p: CompiledPathway, row: CaseRow, event: CaseEvent, now: Date, actor?: { id: string; role: Role }): ApplyResult {
  const r = advanceCase(p, row.snapshot as CaseSnapshot, event, actor ? { now, actor } : { now });
  if (!r.ok) return { ok: false, error: { code: 'event_not_allowed', message: JSON.stringify(r.error) } };
  const s = r.value;
  const outcome = s.status === 'done' && typeof event.data?.outcome === 'string' ? event.data.outcome : null;
  return { ok: true, value: { snapshot: s.snapshot, stateValue: s.active.map((a) => a.stateId), status: s.status, effects: s.effects, outcome } };
}

/**
 * Loads `cohort` into `schoolId` on the school's published `version` of the
 * cohort's pathway. `users` maps each role the steps use to a user of that school.
 * Returns the case ids.
 */
export async function replayCohort(db: JalurDb, input: { cohort: Cohort; schoolId: string; version: PathwayVersionRow; users: Partial<Record<Role, User>> }): Promise<string[]> {
  const { cohort, schoolId, version, users } = input;
  const p = compilePathway(pathwayDocumentSchema.parse(version.document));
  const userFor = (role: Role): User => {
    const u = users[role];
    if (!u) throw new Error(`cohort replay: no user with role ${role}`);
    return u;
  };
  const ids: string[] = [];
  for (const [i, s] of cohort.students.entries()) {
    const start = new Date(s.start);
    const student = must(
      await db.students.create(schoolId, { nisn: `99${String(2023_000 + i).padStart(8, '0')}`, name: s.name, className: s.class, gender: s.gender ?? null }, { now: start, actorId: null }),
      `student ${s.id}`,
    );
    const factors = s.factors ?? [s.factor];
    const bk = userFor('guru_bk');
    const startInput = { riskFactors: factors, student: { className: s.class } };
    let row = must(
      await db.cases.create({
        schoolId, studentId: student.id, pathwayVersionId: version.id, assigneeId: bk.id, riskFactors: factors, actorId: bk.id, now: start,
        event: { type: 'case.opened', data: { input: startInput } },
        start: ({ caseId }) => {
          const st = startCase(p, { ...startInput, caseId } as Parameters<typeof startCase>[1], { now: start, actor: { id: bk.id, role: 'guru_bk' } });
          return { ok: true, value: { snapshot: st.snapshot, stateValue: st.active.map((a) => a.stateId), status: st.status, effects: st.effects } };
        },
      }),
      `case ${s.id}`,
    ).case;
    const fireDue = async (until: Date) => {
      for (;;) {
        const due = (await db.timers.listForCase(schoolId, row.id)).filter((t) => t.status === 'pending' && t.dueAt.getTime() <= until.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
        if (!due || row.status === 'closed') return;
        const [claimed] = (await db.timers.claimDue(due.dueAt, 1000, 'cohort-replay')).filter((t) => t.id === due.id);
        if (!claimed) throw new Error(`cohort replay: could not claim timer ${due.id}`);
        const out = must(await db.cases.fireTimer({ timer: claimed, claimer: 'cohort-replay', now: due.dueAt, apply: (r) => transition(p, r, { type: claimed.event }, due.dueAt) }), `timer ${claimed.event}`);
        if (out.fired) row = out.change.case;
      }
    };
    for (const step of s.steps) {
      const at = new Date(step.at);
      await fireDue(at);
      const user = userFor(step.role);
      const actor = { id: user.id, role: step.role };
      const event: CaseEvent = step.data ? { type: step.event, data: step.data } : { type: step.event };
      row = must(
        await db.cases.advance({ schoolId, caseId: row.id, expectedVersion: row.version, actorId: user.id, now: at, event: { type: step.event, data: step.data ?? null }, apply: (r) => transition(p, r, event, at, actor) }),
        `${s.id} ${step.event}`,
      ).case;
    }
    await fireDue(new Date(cohort.period.to));
    ids.push(row.id);
  }
  return ids;
}
