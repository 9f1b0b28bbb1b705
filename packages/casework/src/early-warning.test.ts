import { describe, expect, it } from 'vitest';
import { evaluateStudent, ruleSet, type IndicatorObservation } from './early-warning.ts';
import { proposesCase, reconcileFlags, type ActiveRuleFlag } from './flag-hysteresis.ts';

const att = (period: string, schoolDays: number, absent: number, sick = 0, permitted = 0): IndicatorObservation => ({
  kind: 'attendance', period, subject: '', values: { schoolDays, present: schoolDays - absent - sick - permitted, sick, permitted, absent },
});
const grade = (period: string, subject: string, score: number, passing = 75): IndicatorObservation => ({ kind: 'grade', period, subject, values: { score, passing } });

describe('early-warning rules (field defaults)', () => {
  const rules = ruleSet();
  it('absence ≥ 10% of school days is a risk, ≥ 5% a watch, below nothing', () => {
    expect(evaluateStudent([att('2026-01', 20, 2)], rules)[0]).toMatchObject({ ruleKey: 'absence', level: 'risk' });
    expect(evaluateStudent([att('2026-01', 20, 1)], rules)[0]).toMatchObject({ ruleKey: 'absence', level: 'watch' });
    expect(evaluateStudent([att('2026-01', 21, 1)], rules)).toEqual([]);
  });
  it('counts only the latest month and gives the reason in both languages', () => {
    const [f] = evaluateStudent([att('2025-12', 20, 10), att('2026-01', 20, 0, 1, 1)], rules);
    expect(f!.level).toBe('risk');
    expect(f!.reason.id).toBe('Tidak hadir 2 dari 20 hari sekolah (10%) pada 2026-01, batas risiko 10%.');
    expect(f!.reason.en).toContain('Absent 2 of 20 school days');
  });
  it('uses the hysteresis band for a student already flagged', () => {
    const obs = [att('2026-01', 22, 1)]; // 4.5%
    expect(evaluateStudent(obs, rules)).toEqual([]);
    expect(evaluateStudent(obs, rules, new Set(['absence']))[0]).toMatchObject({ level: 'watch' });
  });
  it('flags one failing subject and a falling average', () => {
    const found = evaluateStudent([grade('2025-1', 'Matematika', 85), grade('2025-1', 'IPA', 80), grade('2025-2', 'Matematika', 70), grade('2025-2', 'IPA', 78)], rules);
    expect(found.map((f) => f.ruleKey)).toEqual(['failing_subjects', 'falling_average']);
    expect(found[0]!.reason.id).toContain('Matematika (70)');
    expect(found[1]!.details).toMatchObject({ from: 82.5, to: 74, drop: 8.5 });
  });
  it('behaviour incidents: one is a watch, three a risk', () => {
    const b = (incidents: number): IndicatorObservation => ({ kind: 'behaviour', period: '2026-01', subject: '', values: { incidents } });
    expect(evaluateStudent([b(1)], rules)[0]!.level).toBe('watch');
    expect(evaluateStudent([b(3)], rules)[0]!.level).toBe('risk');
    expect(evaluateStudent([b(0)], rules)).toEqual([]);
  });
  it('a school can tune or disable a rule', () => {
    const tuned = ruleSet([{ key: 'absence', params: { riskRate: 0.2, watchRate: 0.15 } }, { key: 'behaviour', params: {}, enabled: false }]);
    expect(evaluateStudent([att('2026-01', 20, 2)], tuned)).toEqual([]);
    expect(tuned.behaviour.enabled).toBe(false);
  });
});

describe('flag hysteresis', () => {
  const rules = ruleSet([{ key: 'absence', params: {}, holdWeeks: 2 }]);
  const t0 = new Date('2026-02-02T08:00:00Z');
  const week = 7 * 86_400_000;
  const at = (weeks: number) => new Date(t0.getTime() + weeks * week);
  const finding = evaluateStudent([att('2026-01', 20, 3)], rules);

  it('proposes a case only after the flag held for holdWeeks', () => {
    const flag = { source: 'rule' as const, ruleKey: 'absence', since: t0, details: {} };
    expect(proposesCase(flag, rules, at(1))).toBe(false);
    expect(proposesCase(flag, rules, at(2))).toBe(true);
    expect(proposesCase({ ...flag, source: 'manual', ruleKey: null }, rules, t0)).toBe(true);
  });
  it('does not flap: a finding that goes away is marked, cleared only after clearWeeks, and a return keeps the flag', () => {
    expect(reconcileFlags('s1', finding, [], t0)).toMatchObject([{ op: 'raise', ruleKey: 'absence', level: 'risk' }]);
    const active: ActiveRuleFlag = { id: 'f1', studentId: 's1', ruleKey: 'absence', level: 'risk', since: t0, details: {} };
    const gone = reconcileFlags('s1', [], [active], at(1));
    expect(gone).toMatchObject([{ op: 'mark_missing', flagId: 'f1' }]);
    const missing = { ...active, details: gone[0]!.op === 'mark_missing' ? gone[0]!.details : {} };
    expect(proposesCase({ ...missing, source: 'rule' }, rules, at(3))).toBe(false);
    expect(reconcileFlags('s1', [], [missing], at(1.5))).toEqual([]);
    expect(reconcileFlags('s1', [], [missing], at(2))).toMatchObject([{ op: 'clear', flagId: 'f1' }]);
    // It came back before clearing: raised again (the store keeps `since`), without `missingSince`.
    const back = reconcileFlags('s1', finding, [missing], at(1.5));
    expect(back).toHaveLength(1);
    expect(back[0]!.op === 'raise' && 'missingSince' in back[0]!.details).toBe(false);
  });
});

describe('PIP/KIP and distance from the roster', () => {
  const rules = ruleSet();
  const absent = [{ kind: 'attendance' as const, period: '2026-01', subject: '', values: { schoolDays: 20, present: 19, sick: 0, permitted: 0, absent: 1 } }];
  it('economic need is raised next to another sign, as a risk when PIP was not received', () => {
    expect(evaluateStudent([], rules, new Set(), { pipEligible: true, pipReceived: false })).toEqual([]);
    const found = evaluateStudent(absent, rules, new Set(), { pipEligible: true, pipReceived: false });
    expect(found.find((f) => f.ruleKey === 'economic')).toMatchObject({ level: 'risk', riskFactor: 'economic' });
    expect(evaluateStudent(absent, rules, new Set(), { kipHolder: true, pipReceived: true }).find((f) => f.ruleKey === 'economic')).toMatchObject({ level: 'watch' });
    expect(evaluateStudent(absent, rules, new Set(), { pipEligible: false, kipHolder: false }).find((f) => f.ruleKey === 'economic')).toBeUndefined();
    const alone = ruleSet([{ key: 'economic', params: { onlyWithOtherFinding: false } }]);
    expect(evaluateStudent([], alone, new Set(), { kipHolder: true })[0]).toMatchObject({ ruleKey: 'economic' });
  });
  it('distance: watch from 5 km, risk from 10 km or when walking', () => {
    expect(evaluateStudent([], rules, new Set(), { distanceKm: 3 })).toEqual([]);
    expect(evaluateStudent([], rules, new Set(), { distanceKm: 6, transport: 'Sepeda motor' })[0]).toMatchObject({ ruleKey: 'distance', level: 'watch' });
    expect(evaluateStudent([], rules, new Set(), { distanceKm: 6, transport: 'Jalan kaki' })[0]).toMatchObject({ ruleKey: 'distance', level: 'risk' });
    const far = evaluateStudent([], rules, new Set(), { distanceKm: 12.5 })[0]!;
    expect(far).toMatchObject({ level: 'risk', details: { distanceKm: 12.5 } });
    expect(far.reason.id).toContain('12.5 km');
    expect(evaluateStudent([], ruleSet([{ key: 'distance', params: {}, enabled: false }]), new Set(), { distanceKm: 30 })).toEqual([]);
  });
});
