/**
 * The early-warning scan of one school: evaluate every student's indicators
 * with the school's rules, then raise, mark or clear rule flags by the
 * hysteresis rule of `@jalur/casework`. Runs after every indicator write
 * and on demand (`POST /api/early-warning/scan`). The roster's facts
 * (PIP/KIP and its receipt, distance home–school, transport: the Dapodik
 * columns) feed the economic and distance rules. Students who left (pindah,
 * putus sekolah, lulus) raise nothing new; their rule flags clear.
 */
import { evaluateStudent, isEnrolled, reconcileFlags, ruleSet, type IndicatorObservation, type RuleSet, type StudentFacts } from '@jalur/casework';
import type { FlagRow, JalurDb } from '@jalur/db';

/** The school's rules (stored rows over the field defaults). */
export async function schoolRules(db: JalurDb, schoolId: string): Promise<RuleSet> {
  const rows = await db.earlyWarning.listRules(schoolId);
  return ruleSet(rows.map((r) => ({ key: r.key, params: r.params, holdWeeks: r.holdWeeks, enabled: r.enabled })));
}

export interface ScanSummary {
  raised: number;
  marked: number;
  cleared: number;
}

/** Scans the school (or only `studentIds`). */
export async function scanSchool(db: JalurDb, schoolId: string, now: Date, studentIds?: readonly string[]): Promise<ScanSummary> {
  const rules = await schoolRules(db, schoolId);
  const indicators = await db.indicators.listForSchool(schoolId);
  const obs = new Map<string, IndicatorObservation[]>();
  for (const i of indicators) obs.set(i.studentId, [...(obs.get(i.studentId) ?? []), { kind: i.kind, period: i.period, subject: i.subject, values: i.values }]);
  const flags = (await db.earlyWarning.listFlags(schoolId, { active: true })).filter((f) => f.source === 'rule' && f.ruleKey !== null);
  const byStudent = new Map<string, FlagRow[]>();
  for (const f of flags) byStudent.set(f.studentId, [...(byStudent.get(f.studentId) ?? []), f]);
  const facts = new Map<string, StudentFacts & { enrolled: boolean }>();
  for (const s of await db.students.listAll(schoolId)) {
    facts.set(s.id, { pipEligible: s.pipEligible, kipHolder: s.kipHolder, pipReceived: s.pipReceived, distanceKm: s.distanceKm, transport: s.transport, enrolled: isEnrolled(s.status) && s.erasedAt === null });
  }
  const withFacts = [...facts].filter(([, f]) => f.enrolled && (f.pipEligible || f.kipHolder || f.distanceKm != null)).map(([id]) => id);
  const students = new Set(studentIds ?? [...obs.keys(), ...byStudent.keys(), ...withFacts]);
  const summary: ScanSummary = { raised: 0, marked: 0, cleared: 0 };
  for (const studentId of students) {
    const active = byStudent.get(studentId) ?? [];
    const f = facts.get(studentId);
    if (!f) continue;
    const findings = f.enrolled ? evaluateStudent(obs.get(studentId) ?? [], rules, new Set(active.map((x) => x.ruleKey!)), f) : [];
    const changes = reconcileFlags(
      studentId,
      findings,
      active.map((f) => ({ id: f.id, studentId, ruleKey: f.ruleKey!, level: f.level, since: f.since, details: f.details })),
      now,
    );
    for (const ch of changes) {
      if (ch.op === 'raise') {
        const r = await db.earlyWarning.raiseFlag(schoolId, { studentId, source: 'rule', ruleKey: ch.ruleKey, reason: ch.reason.id, level: ch.level, details: ch.details, now });
        if (r.ok) summary.raised++;
      } else if (ch.op === 'mark_missing') {
        const current = active.find((f) => f.id === ch.flagId)!;
        const r = await db.earlyWarning.raiseFlag(schoolId, { studentId, source: 'rule', ruleKey: ch.ruleKey, reason: current.reason, level: ch.level, details: ch.details, now });
        if (r.ok) summary.marked++;
      } else {
        const r = await db.earlyWarning.clearFlag(schoolId, ch.flagId, now);
        if (r.ok) summary.cleared++;
      }
    }
  }
  return summary;
}
