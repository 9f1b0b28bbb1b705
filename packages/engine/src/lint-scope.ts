/**
 * What every lint rule sees (the document, its states and transitions with
 * their targets resolved) and how a rule reports a finding.
 */
import type { PathwayDocument } from './document.ts';
import type { Diagnostic } from './contract.ts';
import { LINT_RULES, type LintCode } from './messages.ts';
import type { StateEntry, TransitionEntry } from './state-tree.ts';

/** Everything a lint rule may look at, computed once per document. */
export interface LintScope {
  doc: PathwayDocument;
  machineId: string;
  states: StateEntry[];
  byId: Map<string, StateEntry>;
  transitions: TransitionEntry[];
  /** Resolved targets per transition (undefined where a target names no state). */
  resolved: Map<TransitionEntry, (StateEntry | undefined)[]>;
}

/** Builds a diagnostic with the rule's default severity. */
export function diagnostic(
  code: LintCode,
  message: Diagnostic['message'],
  at: { state?: string; transition?: TransitionEntry },
  severity = LINT_RULES[code].severity,
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (at.state !== undefined) d.state = at.state;
  if (at.transition) d.transition = { source: at.transition.source.id, event: at.transition.event, index: at.transition.index };
  return d;
}

