/**
 * The seed-002 cohort (`workflows/cohorts/srps-2023.json`) and its replay
 * rule: start each case, then before each step send every timer due by then
 * (earliest first, no actor), then the step itself by an actor of its role.
 * The API's demo seed follows the same rule to create its demo cases.
 */
import { readFileSync } from 'node:fs';
import type { Localized, RiskFactor, Role } from '@jalur/engine';
import { WORKFLOWS_DIR, begin, fireTimersUntil, must, type CaseRun } from './harness.ts';
import type { CompiledPathway } from '@jalur/engine';

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
  gender: 'L' | 'P';
  factor: RiskFactor;
  story: Localized;
  start: string;
  steps: CohortStep[];
}

export interface Cohort {
  format: 'jalur.cohort/1';
  key: string;
  pathway: string;
  title: Localized;
  period: { from: string; to: string };
  paper: { byFactor: Record<string, { before: number; after: number }> };
  students: CohortStudent[];
}

/** Reads a cohort file from `workflows/cohorts/`. */
export function readCohort(key: string): Cohort {
  return JSON.parse(readFileSync(`${WORKFLOWS_DIR}cohorts/${key}.json`, 'utf8')) as Cohort;
}

/** Replays one student's case up to `until` (the period's end unless given). */
export function replayStudent(p: CompiledPathway, student: CohortStudent, until: Date): CaseRun {
  let run = begin(p, { caseId: student.id, riskFactors: [student.factor], student: { name: student.name, class: student.class } }, new Date(student.start));
  for (const step of student.steps) {
    const at = new Date(step.at);
    if (at.getTime() > until.getTime()) break;
    run = fireTimersUntil(run, at);
    run = must(run, step.event, { at, role: step.role, ...(step.data ? { data: step.data } : {}) });
  }
  return fireTimersUntil(run, until);
}
