/**
 * Demo indicators (NEEDS-FROM-CASEWORK #6, issue 14): a full semester of
 * monthly attendance (from July or January up to the month before today, at
 * least three months) and two terms of grades per student, laid out so the early-warning list has
 * something to show — some students absent ≥ 10 % of school days (risk),
 * some 5–10 % (watch), one with a failing subject, one whose average fell —
 * and then the early-warning evaluation of `@jalur/casework` with the field
 * defaults, raising the flags with their reasons.
 */
import { evaluateStudent, ruleSet, schoolCalendar, schoolDaysInMonth, type IndicatorObservation } from '@jalur/casework';
import type { JalurDb } from '@jalur/db';
import type { NewIndicator, StudentRow } from '@jalur/db';

const DAY = 86_400_000;
const SUBJECTS = ['Matematika', 'Bahasa Indonesia', 'Bahasa Inggris', 'Produktif'] as const;
/** KKM of the demo school. */
const PASSING = 70;

/** What a demo student's numbers show. */
export type IndicatorProfile = 'absent_risk' | 'absent_watch' | 'failing' | 'falling' | 'steady';

/** One student in ten is absent too often, one is on watch, one fails a subject, one's average falls. */
export function profileOf(index: number): IndicatorProfile {
  switch (index % 10) {
    case 0:
      return 'absent_risk';
    case 3:
      return 'absent_watch';
    case 5:
      return 'failing';
    case 7:
      return 'falling';
    default:
      return 'steady';
  }
}

/** The month `back` months before `now` (`YYYY-MM`). */
const monthBefore = (now: Date, back: number): string => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);

/** Attendance of one month: the latest month (`back` = 1) carries the profile; earlier ones lead up to it. */
function attendance(profile: IndicatorProfile, period: string, back: number, random: () => number) {
  const schoolDays = schoolDaysInMonth(period, schoolCalendar([]));
  let absent = 0;
  let sick = 0;
  let permitted = 0;
  if (profile === 'absent_risk') {
    // 13–20 % in the latest month, rising towards it.
    absent = back === 1 ? 2 + Math.floor(random() * 2) : back === 2 ? 1 : 0;
    sick = back === 1 ? 1 : 0;
  } else if (profile === 'absent_watch') {
    // 5–10 %: one day in a 20-day month, two in a longer one.
    absent = back === 1 ? (schoolDays >= 21 ? 2 : 1) : 0;
  } else if (back > 1) {
    sick = random() < 0.3 ? 1 : 0;
  } else if (schoolDays >= 21 && random() < 0.3) {
    // Under 5 %: a steady student misses at most one day of a long month.
    permitted = 1;
  }
  return { schoolDays, present: schoolDays - absent - sick - permitted, sick, permitted, absent };
}

/** Grades of the term before and the latest term. */
function grades(profile: IndicatorProfile, random: () => number): { before: number[]; latest: number[] } {
  const base = SUBJECTS.map(() => 76 + Math.floor(random() * 10));
  const jitter = () => Math.floor(random() * 5) - 2;
  if (profile === 'falling') return { before: base.map((b) => b + 6), latest: base.map((b) => b - 4) };
  const before = base.map((b) => b + jitter());
  const latest = base.map((b) => b + jitter());
  if (profile === 'failing') {
    // Mathematics below the KKM in both terms: a failing subject, not a falling average.
    before[0] = 63;
    latest[0] = 61;
  }
  return { before, latest };
}

/** Months of attendance the demo writes: the semester so far (July–June school year), at least three. */
export function semesterMonths(now: Date): number {
  const month = now.getUTCMonth() + 1;
  const sinceStart = month >= 7 ? month - 7 : month - 1;
  return Math.max(3, sinceStart);
}

/** Writes the indicators of `students` (a semester of attendance, 2 terms of grades). */
export async function addDemoIndicators(db: JalurDb, schoolId: string, students: readonly StudentRow[], now: Date, random: () => number): Promise<void> {
  const rows: NewIndicator[] = [];
  const year = now.getUTCFullYear();
  const [termBefore, termLatest] = [`${year - 1}-2`, `${year}-1`];
  const months = semesterMonths(now);
  for (const [i, s] of students.entries()) {
    const profile = profileOf(i);
    for (let back = months; back >= 1; back--) {
      const period = monthBefore(now, back);
      rows.push({ studentId: s.id, kind: 'attendance', period, subject: '', values: attendance(profile, period, back, random) });
    }
    const g = grades(profile, random);
    for (const [k, subject] of SUBJECTS.entries()) {
      rows.push({ studentId: s.id, kind: 'grade', period: termBefore, subject, values: { score: g.before[k]!, passing: PASSING } });
      rows.push({ studentId: s.id, kind: 'grade', period: termLatest, subject, values: { score: g.latest[k]!, passing: PASSING } });
    }
  }
  await db.indicators.upsert(schoolId, rows, { now });
}

/**
 * The early-warning evaluation of the school's students with the field's
 * default rules: every finding becomes an active rule flag with its reason
 * (raised three weeks before `now`, so it has held long enough to propose a
 * case). Returns how many flags were raised.
 */
export async function flagDemoStudents(db: JalurDb, schoolId: string, students: readonly StudentRow[], now: Date): Promise<number> {
  const rules = ruleSet(await db.earlyWarning.listRules(schoolId));
  const since = new Date(now.getTime() - 21 * DAY);
  const ids = new Set(students.map((s) => s.id));
  const obs = new Map<string, IndicatorObservation[]>();
  for (const i of await db.indicators.listForSchool(schoolId)) {
    if (ids.has(i.studentId)) obs.set(i.studentId, [...(obs.get(i.studentId) ?? []), { kind: i.kind, period: i.period, subject: i.subject, values: i.values }]);
  }
  let raised = 0;
  for (const s of await db.students.getMany(schoolId, students.map((x) => x.id))) {
    // The roster's facts (PIP/KIP, distance, transport) feed the economic and distance rules.
    const facts = { pipEligible: s.pipEligible, kipHolder: s.kipHolder, pipReceived: s.pipReceived, distanceKm: s.distanceKm, transport: s.transport };
    for (const f of evaluateStudent(obs.get(s.id) ?? [], rules, new Set(), facts)) {
      const r = await db.earlyWarning.raiseFlag(schoolId, {
        studentId: s.id, source: 'rule', ruleKey: f.ruleKey, reason: f.reason.id, level: f.level,
        details: { ...f.details, reason: f.reason, riskFactor: f.riskFactor }, now: since,
      });
      if (r.ok) raised++;
    }
  }
  return raised;
}
