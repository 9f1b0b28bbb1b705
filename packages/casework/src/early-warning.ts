/**
 * Early-warning rules: the field's defaults (absence ≥ 10% of school days is
 * a risk, ≥ 5% a watch; one or more failing subjects; a falling average;
 * behaviour incidents), plus two rules over the facts the Dapodik roster
 * carries: economic need (Layak PIP / Penerima KIP, and whether PIP was
 * received) and the distance from home to school (with the transport).
 * Each school may tune them. Evaluating a student's indicators and facts
 * yields findings with their reasons in Indonesian and English.
 */
import type { RiskFactor } from '@jalur/engine';
import { z } from 'zod';
import { DEFAULT_PASSING_SCORE } from './indicators.ts';
import { say, type Localized } from './text.ts';

export const RULE_KEYS = ['absence', 'failing_subjects', 'falling_average', 'behaviour', 'economic', 'distance'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export const absenceParamsSchema = z.object({
  /** Share of school days absent that makes a student at risk. */
  riskRate: z.number().min(0).max(1).default(0.1),
  /** Share that puts a student on watch. */
  watchRate: z.number().min(0).max(1).default(0.05),
  /** A flagged student leaves only below this share (hysteresis band). */
  exitRate: z.number().min(0).max(1).default(0.04),
  /** How many latest months are counted together. */
  windowMonths: z.number().int().min(1).max(12).default(1),
  /** Count sakit and izin as absence too (alpa always counts). */
  countExcused: z.boolean().default(true),
});
export const failingParamsSchema = z.object({
  /** Failing subjects in the latest term that make a risk. */
  minSubjects: z.number().int().min(1).default(1),
});
export const fallingParamsSchema = z.object({
  /** Drop of the term average (points) against the term before. */
  minDrop: z.number().min(0).default(5),
});
export const behaviourParamsSchema = z.object({
  watchIncidents: z.number().int().min(1).default(1),
  riskIncidents: z.number().int().min(1).default(3),
});

export const economicParamsSchema = z.object({
  /** A PIP-eligible or KIP-holding student who has not received PIP this year is a risk (else a watch). */
  riskWhenNotReceived: z.boolean().default(true),
  /** Only raise together with another finding (absence, grades, behaviour): economic need alone is common. */
  onlyWithOtherFinding: z.boolean().default(true),
});
export const distanceParamsSchema = z.object({
  /** Kilometres home–school that put a student on watch. */
  watchKm: z.number().min(0).max(500).default(5),
  /** Kilometres that make a risk. */
  riskKm: z.number().min(0).max(500).default(10),
  /** From `watchKm` on, walking (or no transport) makes it a risk. */
  walkingIsRisk: z.boolean().default(true),
});

/** The params schema of each rule: defaults filled in by `parse({})`. */
export const RULE_PARAMS = {
  absence: absenceParamsSchema,
  failing_subjects: failingParamsSchema,
  falling_average: fallingParamsSchema,
  behaviour: behaviourParamsSchema,
  economic: economicParamsSchema,
  distance: distanceParamsSchema,
} as const;

export type RuleParams = { [K in RuleKey]: z.infer<(typeof RULE_PARAMS)[K]> };

/** A school's rule: on/off, its params and the weeks a finding must hold before it proposes a case. */
export interface RuleSetting<K extends RuleKey = RuleKey> {
  key: K;
  enabled: boolean;
  holdWeeks: number;
  params: RuleParams[K];
}

export type RuleSet = { [K in RuleKey]: RuleSetting<K> };

/** Weeks a finding must hold before the flag proposes a case, when a school has not said. */
export const DEFAULT_HOLD_WEEKS = 2;

/**
 * The school's rules: stored rows (key, params, holdWeeks, enabled) laid over
 * the field defaults. Unknown keys are ignored; bad params fall back to defaults.
 */
export function ruleSet(stored: readonly { key: string; params: unknown; holdWeeks?: number; enabled?: boolean }[] = []): RuleSet {
  const out = {} as Record<RuleKey, RuleSetting>;
  for (const key of RULE_KEYS) {
    const row = stored.find((r) => r.key === key);
    const parsed = RULE_PARAMS[key].safeParse(row?.params ?? {});
    out[key] = {
      key,
      enabled: row?.enabled ?? true,
      holdWeeks: row?.holdWeeks ?? DEFAULT_HOLD_WEEKS,
      params: parsed.success ? parsed.data : RULE_PARAMS[key].parse({}),
    } as RuleSetting;
  }
  return out as RuleSet;
}

/** An indicator as stored (`values` by kind, see the indicators module). */
export interface IndicatorObservation {
  kind: 'attendance' | 'grade' | 'behaviour';
  period: string;
  subject: string;
  values: Record<string, unknown>;
}

export type FlagLevel = 'risk' | 'watch';

/** One rule's finding about one student. */
export interface Finding {
  ruleKey: RuleKey;
  level: FlagLevel;
  reason: Localized;
  /** The numbers behind it (kept on the flag and on the case it opens). */
  details: Record<string, unknown>;
  /** The risk factor this finding suggests for the case (the guru BK confirms it when opening one). */
  riskFactor: RiskFactor;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const pct = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;
const latest = (periods: Iterable<string>, count: number): string[] => [...new Set(periods)].sort().slice(-count);

/** Absence over the latest months. `flagged`: the student already has this flag (leaves only below `exitRate`). */
export function evaluateAbsence(obs: readonly IndicatorObservation[], p: RuleParams['absence'], flagged = false): Finding | null {
  const att = obs.filter((o) => o.kind === 'attendance');
  const months = latest(att.map((o) => o.period), p.windowMonths);
  if (months.length === 0) return null;
  let days = 0;
  let away = 0;
  let alpa = 0;
  for (const o of att.filter((a) => months.includes(a.period))) {
    days += n(o.values.schoolDays);
    alpa += n(o.values.absent);
    away += n(o.values.absent) + (p.countExcused ? n(o.values.sick) + n(o.values.permitted) : 0);
  }
  if (days === 0) return null;
  const rate = away / days;
  const details = { rate, daysAbsent: away, alpa, schoolDays: days, periods: months };
  const span = months.length === 1 ? months[0]! : `${months[0]}–${months[months.length - 1]}`;
  if (rate >= p.riskRate)
    return { ruleKey: 'absence', level: 'risk', riskFactor: 'motivation', details,
      reason: say(`Tidak hadir ${away} dari ${days} hari sekolah (${pct(rate)}) pada ${span}, batas risiko ${pct(p.riskRate)}.`,
        `Absent ${away} of ${days} school days (${pct(rate)}) in ${span}; risk threshold ${pct(p.riskRate)}.`) };
  if (rate >= p.watchRate || (flagged && rate >= p.exitRate))
    return { ruleKey: 'absence', level: 'watch', riskFactor: 'motivation', details,
      reason: say(`Tidak hadir ${away} dari ${days} hari sekolah (${pct(rate)}) pada ${span}, batas pantauan ${pct(p.watchRate)}.`,
        `Absent ${away} of ${days} school days (${pct(rate)}) in ${span}; watch threshold ${pct(p.watchRate)}.`) };
  return null;
}

function gradesByTerm(obs: readonly IndicatorObservation[]): Map<string, IndicatorObservation[]> {
  const terms = new Map<string, IndicatorObservation[]>();
  for (const o of obs) if (o.kind === 'grade') terms.set(o.period, [...(terms.get(o.period) ?? []), o]);
  return terms;
}

/** Failing subjects (score below the passing score) in the latest term. */
export function evaluateFailing(obs: readonly IndicatorObservation[], p: RuleParams['failing_subjects']): Finding | null {
  const terms = gradesByTerm(obs);
  const term = latest(terms.keys(), 1)[0];
  if (term === undefined) return null;
  const failing = (terms.get(term) ?? []).filter((o) => n(o.values.score) < (typeof o.values.passing === 'number' ? o.values.passing : DEFAULT_PASSING_SCORE));
  if (failing.length < p.minSubjects) return null;
  const subjects = failing.map((f) => `${f.subject} (${n(f.values.score)})`).join(', ');
  return { ruleKey: 'failing_subjects', level: 'risk', riskFactor: 'motivation',
    details: { term, subjects: failing.map((f) => ({ subject: f.subject, score: n(f.values.score) })) },
    reason: say(`${failing.length} mapel di bawah KKM pada semester ${term}: ${subjects}.`, `${failing.length} subject(s) below the passing score in term ${term}: ${subjects}.`) };
}

/** The latest term's average against the term before. */
export function evaluateFalling(obs: readonly IndicatorObservation[], p: RuleParams['falling_average']): Finding | null {
  const terms = gradesByTerm(obs);
  const [before, last] = latest(terms.keys(), 2);
  if (before === undefined || last === undefined) return null;
  const avg = (t: string) => {
    const g = terms.get(t) ?? [];
    return g.reduce((s, o) => s + n(o.values.score), 0) / g.length;
  };
  const from = Math.round(avg(before) * 10) / 10;
  const to = Math.round(avg(last) * 10) / 10;
  const drop = Math.round((from - to) * 10) / 10;
  if (drop < p.minDrop || drop <= 0) return null;
  return { ruleKey: 'falling_average', level: 'watch', riskFactor: 'motivation', details: { from, to, drop, terms: [before, last] },
    reason: say(`Rata-rata nilai turun ${drop} poin (${from} → ${to}) dari ${before} ke ${last}.`, `Average fell ${drop} points (${from} → ${to}) from ${before} to ${last}.`) };
}

/** Behaviour incidents in the latest month. */
export function evaluateBehaviour(obs: readonly IndicatorObservation[], p: RuleParams['behaviour']): Finding | null {
  const beh = obs.filter((o) => o.kind === 'behaviour');
  const month = latest(beh.map((o) => o.period), 1)[0];
  if (month === undefined) return null;
  const incidents = beh.filter((o) => o.period === month).reduce((s, o) => s + n(o.values.incidents), 0);
  if (incidents < p.watchIncidents) return null;
  const level: FlagLevel = incidents >= p.riskIncidents ? 'risk' : 'watch';
  return { ruleKey: 'behaviour', level, riskFactor: 'other', details: { incidents, period: month },
    reason: say(`${incidents} kejadian perilaku pada ${month}.`, `${incidents} behaviour incident(s) in ${month}.`) };
}

/**
 * Facts about a student from the roster (Dapodik): PIP/KIP and the way to
 * school. Null or absent means unknown — no rule fires on an unknown fact.
 */
export interface StudentFacts {
  /** Usulan dari sekolah (Layak PIP). */
  pipEligible?: boolean | null;
  /** Penerima KIP (holds a Kartu Indonesia Pintar). */
  kipHolder?: boolean | null;
  /** PIP received this school year (from SIPINTAR or the school's records). */
  pipReceived?: boolean | null;
  /** Jarak rumah ke sekolah, km. */
  distanceKm?: number | null;
  /** Alat transportasi as Dapodik names it (`Jalan kaki`, `Sepeda motor`, …). */
  transport?: string | null;
}

/** `Jalan kaki`, `jalan`, `walking`, `tidak ada` → true. */
export function isWalking(transport: string | null | undefined): boolean {
  const t = (transport ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return t === 'jalankaki' || t === 'jalan' || t === 'walking' || t === 'walk' || t === 'onfoot' || t === 'tidakada';
}

/** Economic need from PIP/KIP: eligible or holding a KIP; a risk when PIP has not been received. */
export function evaluateEconomic(facts: StudentFacts, p: RuleParams['economic']): Finding | null {
  const needy = facts.pipEligible === true || facts.kipHolder === true;
  if (!needy) return null;
  const notReceived = facts.pipReceived === false;
  const level: FlagLevel = notReceived && p.riskWhenNotReceived ? 'risk' : 'watch';
  const what = facts.kipHolder ? say('pemegang KIP', 'holds a KIP') : say('layak PIP', 'eligible for PIP');
  const received = facts.pipReceived === true ? say('PIP sudah diterima', 'PIP received') : notReceived ? say('PIP belum diterima', 'PIP not received') : say('penerimaan PIP belum diketahui', 'PIP receipt unknown');
  return { ruleKey: 'economic', level, riskFactor: 'economic',
    details: { pipEligible: facts.pipEligible ?? null, kipHolder: facts.kipHolder ?? null, pipReceived: facts.pipReceived ?? null },
    reason: say(`Keluarga kurang mampu: ${what.id}, ${received.id}.`, `Economic need: ${what.en}, ${received.en}.`) };
}

/** Distance from home to school, made worse by walking. */
export function evaluateDistance(facts: StudentFacts, p: RuleParams['distance']): Finding | null {
  const km = facts.distanceKm;
  if (typeof km !== 'number' || !Number.isFinite(km) || km < p.watchKm) return null;
  const walking = isWalking(facts.transport);
  const level: FlagLevel = km >= p.riskKm || (walking && p.walkingIsRisk) ? 'risk' : 'watch';
  const by = facts.transport ? say(` dengan ${facts.transport.toLowerCase()}`, ` by ${facts.transport.toLowerCase()}`) : say('', '');
  return { ruleKey: 'distance', level, riskFactor: 'other', details: { distanceKm: km, transport: facts.transport ?? null, walking },
    reason: say(`Jarak rumah ke sekolah ${km} km${by.id} (batas pantauan ${p.watchKm} km, risiko ${p.riskKm} km).`,
      `Home is ${km} km from school${by.en} (watch from ${p.watchKm} km, risk from ${p.riskKm} km).`) };
}

/**
 * Every enabled rule's finding for one student. `flaggedRules` are the rules
 * the student is already flagged by (they leave through the hysteresis band).
 * `facts` (PIP/KIP, distance, transport) feed the economic and distance rules.
 */
export function evaluateStudent(obs: readonly IndicatorObservation[], rules: RuleSet, flaggedRules: ReadonlySet<string> = new Set(), facts: StudentFacts = {}): Finding[] {
  const found: (Finding | null)[] = [
    rules.absence.enabled ? evaluateAbsence(obs, rules.absence.params, flaggedRules.has('absence')) : null,
    rules.failing_subjects.enabled ? evaluateFailing(obs, rules.failing_subjects.params) : null,
    rules.falling_average.enabled ? evaluateFalling(obs, rules.falling_average.params) : null,
    rules.behaviour.enabled ? evaluateBehaviour(obs, rules.behaviour.params) : null,
  ];
  const fromIndicators = found.filter((f): f is Finding => f !== null);
  const economic = rules.economic.enabled ? evaluateEconomic(facts, rules.economic.params) : null;
  // Economic need alone describes many families; by default it is raised next to another sign (or when already flagged).
  const economicCounts = economic && (!rules.economic.params.onlyWithOtherFinding || fromIndicators.length > 0 || flaggedRules.has('economic'));
  const distance = rules.distance.enabled ? evaluateDistance(facts, rules.distance.params) : null;
  return [...fromIndicators, ...(economicCounts ? [economic!] : []), ...(distance ? [distance] : [])];
}
