/**
 * Loads a cohort file (`workflows/cohorts/*.json`, format `jalur.cohort/1`)
 * into a school, following the file's replay rule: start each case at
 * `start`; before each step fire every timer due at or before it (earliest
 * first, no actor); send the step as a user of its role; finally fire the
 * timers due up to `period.to`. The seed-002 cohort reproduces the paper's
 * before/after table (motivation 11 → 4, economic 6 → 3).
 */
import { readFileSync } from 'node:fs';
import { activeSteps, type CaseSnapshot, type RiskFactor, type Role } from '@jalur/engine';
import type { CaseRow, JalurDb, NewIndicator, PathwayVersionRow, User } from '@jalur/db';
import type { CaseService } from '../service.ts';
import { sendAs, sendPlanStep } from './drive.ts';
import { withFundIds, type FundIds } from './seed-funds.ts';
import type { PlanStep } from './seed-data.ts';

export interface CohortStep {
  at: string;
  event: string;
  role: Role;
  data?: Record<string, unknown>;
}

export interface CohortStudent {
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
  format: 'jalur.cohort/1';
  key: string;
  pathway: string;
  period: { from: string; to: string };
  students: CohortStudent[];
}

/** Reads a cohort file; null when it is missing or not a `jalur.cohort/1`. */
export function readCohort(file: string): Cohort | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Cohort;
    return data.format === 'jalur.cohort/1' && Array.isArray(data.students) ? data : null;
  } catch {
    return null;
  }
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, what: string): T {
  if (!r.ok) throw new Error(`cohort: ${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const CLAIMER = 'seed-cohort';
const DAY = 86_400_000;

/**
 * What became of a cohort's cases still open at the end of its period: from
 * `from` on, each takes the step `steps` names for the step it is at (three
 * days apart, the timers due meanwhile fired first) until it closes. The
 * demo's 2023 cohort ends this way in the next semester, so no case of 2023
 * is still running (or years late) on today's board; the period's own
 * figures are those of the file.
 */
export interface CohortAfterwards {
  from: string;
  steps: Readonly<Record<string, PlanStep>>;
}

/**
 * Replays `cohort` into `schoolId` on `version`; `users` gives a user per role
 * the steps use. A step the template refuses ends that student's replay (a warning).
 */
export async function loadCohort(
  db: JalurDb,
  cases: CaseService,
  input: {
    cohort: Cohort; schoolId: string; version: PathwayVersionRow; users: Partial<Record<Role, User>>;
    /** Fund keys of the cohort's steps → the school's fund ids. */ fundIds?: FundIds;
    afterwards?: CohortAfterwards;
  },
): Promise<{ caseIds: string[]; warnings: string[] }> {
  const { cohort, schoolId, version, users } = input;
  const userFor = (role: Role): User => {
    const u = users[role];
    if (!u) throw new Error(`cohort: no user with role ${role}`);
    return u;
  };
  const bk = userFor('guru_bk');
  const ids: string[] = [];
  const warnings: string[] = [];
  const indicators: NewIndicator[] = [];
  for (const [i, s] of cohort.students.entries()) {
    const start = new Date(s.start);
    const nisn = `00${cohort.period.from.slice(0, 4)}${String(i + 1).padStart(4, '0')}`;
    const student = must(await db.students.create(schoolId, { nisn, name: s.name, className: s.class, gender: s.gender ?? null }, { now: start, actorId: bk.id }), s.id);
    const factors = s.factors ?? [s.factor];
    let row: CaseRow = must(
      await cases.open({
        schoolId, student, pathwayVersion: version, assigneeId: bk.id, riskFactors: factors as RiskFactor[], studentFacts: { className: s.class },
        actor: { id: bk.id, role: 'guru_bk' }, now: start,
        indicatorsAtOpen: firstValue(s, 'attendanceRate') === undefined ? null : { attendanceRate: firstValue(s, 'attendanceRate'), gradeAverage: firstValue(s, 'gradeAverage') ?? null },
      }),
      s.id,
    ).case;

    const fireDue = async (until: Date) => {
      for (;;) {
        if (row.status === 'closed') return;
        const [timer] = await db.timers.claimDue(until, 1, CLAIMER, { caseId: row.id });
        if (!timer) return;
        const out = must(await cases.fireTimer(timer, CLAIMER, timer.dueAt), `${s.id} ${timer.event}`);
        if (out.fired) row = out.change.case;
        else if (out.reason === 'refused') warnings.push(`${s.id} ${timer.event}: ${out.error?.message ?? 'refused'}`);
      }
    };
    for (const step of s.steps) {
      const at = new Date(step.at);
      await fireDue(at);
      const user = userFor(step.role);
      const event = step.data ? { type: step.event, data: withFundIds(step.data, input.fundIds) } : { type: step.event };
      const changed = await sendAs(cases, db, row, event, user, userFor('kepsek'), at);
      if (!changed.ok) {
        warnings.push(`${s.id} ${step.event}: ${changed.error.code} ${changed.error.message}`);
        break;
      }
      row = changed.row;
    }
    await fireDue(new Date(cohort.period.to));
    if (input.afterwards && row.status !== 'closed') {
      const { compiled } = await cases.versionOf(row);
      const staff = { kepsek: userFor('kepsek'), bk, wali: users.wali_kelas, tim: users.tim };
      let at = new Date(input.afterwards.from);
      // `fireDue` moves `row` too: read its status afresh.
      const closed = (): boolean => row.status === 'closed';
      for (let i = 0; i < 20 && !closed(); i++, at = new Date(at.getTime() + 3 * DAY)) {
        await fireDue(at);
        if (closed()) break;
        const leaves = activeSteps(compiled, row.snapshot as CaseSnapshot).map((x) => x.stateId);
        const next = leaves.map((l) => input.afterwards!.steps[l]).find((x) => x !== undefined);
        const driven = next
          ? await sendPlanStep(cases, db, compiled, row, next[0], next[1], staff, at, input.fundIds)
          : { ok: false as const, error: { code: 'no_step', message: `no closing step from ${leaves.join(', ')}` } };
        if (!driven.ok) {
          warnings.push(`${s.id} afterwards: ${driven.error.code} ${driven.error.message}`);
          break;
        }
        row = driven.row;
      }
    }
    ids.push(row.id);
    indicators.push(...attendanceOf(student.id, s));
  }
  await db.indicators.upsert(schoolId, indicators, { now: new Date(cohort.period.to) });
  return { caseIds: ids, warnings };
}

/** The first `field` any step recorded (identification data). */
function firstValue(s: CohortStudent, field: string): unknown {
  return s.steps.find((st) => st.data && field in st.data)?.data?.[field];
}

/** Monthly attendance from the rates the steps recorded (the last rate of each month). */
function attendanceOf(studentId: string, s: CohortStudent): NewIndicator[] {
  const byMonth = new Map<string, number>();
  for (const st of s.steps) {
    const rate = st.data?.attendanceRate;
    if (typeof rate === 'number') byMonth.set(st.at.slice(0, 7), rate);
  }
  return [...byMonth].map(([period, rate]) => {
    const schoolDays = 20;
    const present = Math.round(rate * schoolDays);
    return { studentId, kind: 'attendance' as const, period, subject: '', values: { schoolDays, present, sick: 0, permitted: 0, absent: schoolDays - present } };
  });
}
