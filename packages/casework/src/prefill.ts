/**
 * Prefill, do not retype: the figures an identify step asks for, computed
 * from the imported indicators with the definitions the early-warning rules
 * use — sakit, izin and alpa kept apart; `absentDays` counts all three (as
 * the absence rule does by default), `alpaDays` only the unexcused. The
 * case's start facts (`student.*`, read by guards) and the form prefill come
 * from this one function, so a form and a guard never disagree.
 */
import { DEFAULT_PASSING_SCORE } from './indicators.ts';
import type { IndicatorObservation } from './early-warning.ts';

export interface IdentifyPrefill {
  /** Form values by field name (`attendanceRate` 0–1, `absentDays`, `sickDays`, `permittedDays`, `alpaDays`, `gradeAverage`, `failingSubjects`). */
  values: Record<string, number>;
  /** Where they come from: the attendance month and the grade term. */
  source: { attendancePeriod: string | null; gradeTerm: string | null };
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The identify step's figures from a student's indicators (latest attendance month, latest grade term). */
export function identifyPrefill(obs: readonly IndicatorObservation[]): IdentifyPrefill {
  const values: Record<string, number> = {};
  const att = obs.filter((o) => o.kind === 'attendance').sort((a, b) => a.period.localeCompare(b.period)).at(-1);
  if (att) {
    const v = att.values;
    const days = n(v.schoolDays);
    const sick = n(v.sick);
    const permitted = n(v.permitted);
    const alpa = n(v.absent);
    if (days > 0) values.attendanceRate = Math.round(((typeof v.present === 'number' ? v.present : days - sick - permitted - alpa) / days) * 1000) / 1000;
    values.absentDays = sick + permitted + alpa;
    values.sickDays = sick;
    values.permittedDays = permitted;
    values.alpaDays = alpa;
  }
  const grades = obs.filter((o) => o.kind === 'grade');
  const term = [...new Set(grades.map((g) => g.period))].sort().at(-1) ?? null;
  if (term) {
    const g = grades.filter((x) => x.period === term);
    values.gradeAverage = Math.round((g.reduce((s, x) => s + n(x.values.score), 0) / g.length) * 10) / 10;
    values.failingSubjects = g.filter((x) => n(x.values.score) < (typeof x.values.passing === 'number' ? x.values.passing : DEFAULT_PASSING_SCORE)).length;
  }
  return { values, source: { attendancePeriod: att?.period ?? null, gradeTerm: term } };
}
