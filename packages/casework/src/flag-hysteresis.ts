/**
 * Turning findings into flags without flapping. A finding raises a flag at
 * once (so the list shows it), but the flag proposes a case only after it
 * has held for the rule's `holdWeeks`. A flag is cleared only after its
 * finding has been gone for `clearWeeks` in a row; if the finding returns
 * before that, the flag keeps its original `since`.
 */
import type { Finding, FlagLevel, RuleKey, RuleSet } from './early-warning.ts';
import type { Localized } from './text.ts';

const WEEK_MS = 7 * 86_400_000;

/** An active rule flag as stored (`details.missingSince` marks a finding that went away). */
export interface ActiveRuleFlag {
  id: string;
  studentId: string;
  ruleKey: string;
  level: FlagLevel;
  since: Date;
  details: Record<string, unknown> | null;
}

/** What to write for one student after a scan. */
export type FlagChange =
  | { op: 'raise'; studentId: string; ruleKey: RuleKey; level: FlagLevel; reason: Localized; details: Record<string, unknown> }
  | { op: 'mark_missing'; flagId: string; studentId: string; ruleKey: string; level: FlagLevel; details: Record<string, unknown> }
  | { op: 'clear'; flagId: string; studentId: string; ruleKey: string };

/** How long a finding must be gone before its flag clears, when not said: one week. */
export const DEFAULT_CLEAR_WEEKS = 1;

/**
 * The changes one scan makes for one student: `findings` now, `active` the
 * student's active rule flags before the scan.
 */
export function reconcileFlags(
  studentId: string,
  findings: readonly Finding[],
  active: readonly ActiveRuleFlag[],
  now: Date,
  opts: { clearWeeks?: number } = {},
): FlagChange[] {
  const clearMs = (opts.clearWeeks ?? DEFAULT_CLEAR_WEEKS) * WEEK_MS;
  const changes: FlagChange[] = [];
  for (const f of findings) {
    // Raising again keeps `since`; dropping `missingSince` tells the flag its finding is back.
    changes.push({ op: 'raise', studentId, ruleKey: f.ruleKey, level: f.level, reason: f.reason, details: { ...f.details, reason: f.reason, riskFactor: f.riskFactor } });
  }
  const found = new Set(findings.map((f) => f.ruleKey));
  for (const flag of active) {
    if (found.has(flag.ruleKey as RuleKey)) continue;
    const missingSince = typeof flag.details?.missingSince === 'string' ? new Date(flag.details.missingSince) : null;
    if (missingSince === null) {
      changes.push({ op: 'mark_missing', flagId: flag.id, studentId, ruleKey: flag.ruleKey, level: flag.level, details: { ...flag.details, missingSince: now.toISOString() } });
    } else if (now.getTime() - missingSince.getTime() >= clearMs) {
      changes.push({ op: 'clear', flagId: flag.id, studentId, ruleKey: flag.ruleKey });
    }
  }
  return changes;
}

/** The moment a flag proposes a case: `since` + the rule's hold weeks (manual flags: at once). */
export function proposesCaseAt(flag: { source: 'manual' | 'rule'; ruleKey: string | null; since: Date }, rules: RuleSet): Date {
  if (flag.source === 'manual' || flag.ruleKey === null) return flag.since;
  const rule = rules[flag.ruleKey as RuleKey];
  const weeks = rule ? rule.holdWeeks : 0;
  return new Date(flag.since.getTime() + weeks * WEEK_MS);
}

/**
 * True when a flag has held long enough to propose a case and its finding is
 * still there (a flag whose finding went away proposes nothing while it waits to clear).
 */
export function proposesCase(flag: { source: 'manual' | 'rule'; ruleKey: string | null; since: Date; details: Record<string, unknown> | null }, rules: RuleSet, now: Date): boolean {
  if (flag.details?.missingSince) return false;
  return proposesCaseAt(flag, rules).getTime() <= now.getTime();
}
