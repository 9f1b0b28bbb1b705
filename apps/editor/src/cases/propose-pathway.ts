/**
 * Which pathway a case opened from a flag should follow (pure). The rule:
 * the published, not archived pathway of the school whose document mentions
 * the most of the student's risk factors — in a condition (`riskFactors`
 * holds "economic", `form.mainFactor` is "family"), as a choice of a form,
 * or in its own list of risk factors. Ties go to the school's default: the
 * pathway most of its open cases follow, then the title. Each pathway is
 * offered once.
 */
export interface PathwayChoice {
  id: string;
  title: string;
  /** The latest published document, when loaded. */
  document?: unknown;
  /** The school's open cases on it (the default among equals). */
  openCases?: number;
}

/** The risk factors a pathway document mentions, from `known` (the engine's list). */
export function factorsMentioned(document: unknown, known: readonly string[]): Set<string> {
  const found = new Set<string>();
  const wanted = new Set(known);
  const walk = (o: unknown, inGuardOrChoice: boolean): void => {
    if (typeof o === 'string') {
      if (inGuardOrChoice && wanted.has(o)) found.add(o);
      return;
    }
    if (Array.isArray(o)) {
      for (const x of o) walk(x, inGuardOrChoice);
      return;
    }
    if (!o || typeof o !== 'object') return;
    const r = o as Record<string, unknown>;
    // A guard condition: its compared value(s).
    if (r.type === 'check' && r.params && typeof r.params === 'object') walk((r.params as { value?: unknown }).value, true);
    // A choice field's options.
    if (r.type === 'choice' && Array.isArray(r.options)) walk(r.options, true);
    // A document's own declared factors (a template meant for them).
    if (Array.isArray(r.riskFactors)) walk(r.riskFactors, true);
    for (const [k, v] of Object.entries(r)) if (k !== 'params' && k !== 'options' && k !== 'riskFactors') walk(v, false);
  };
  walk(document, false);
  return found;
}

/** Each pathway once, by id, in the order given. */
export function uniquePathways<T extends { id: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

/** The proposed pathway for a student with `factors`, and how many of them it mentions. */
export function proposePathway(choices: readonly PathwayChoice[], factors: readonly string[], known: readonly string[]): { id: string; matched: string[] } | null {
  let best: { id: string; matched: string[]; open: number; title: string } | null = null;
  for (const p of uniquePathways(choices)) {
    const mentioned = factorsMentioned(p.document, known);
    const matched = [...new Set(factors)].filter((f) => mentioned.has(f));
    const open = p.openCases ?? 0;
    const better =
      !best ||
      matched.length > best.matched.length ||
      (matched.length === best.matched.length && (open > best.open || (open === best.open && p.title.localeCompare(best.title) < 0)));
    if (better) best = { id: p.id, matched, open, title: p.title };
  }
  return best ? { id: best.id, matched: best.matched } : null;
}
