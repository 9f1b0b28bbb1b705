/**
 * Pure helpers of the process view and the what-if check: step and event
 * names from the pathway documents (never a raw id on screen), durations in
 * Intl words, and which drawn transition each counted transition belongs to.
 */
import type { ProcessView as ProcessData, StepFlow as ProcessStep, TransitionFlow as ProcessTransition } from '@jalur/casework';
import { durationLabel, type PathwayDocument, type StateNodeConfig } from '@jalur/engine';
import { humanize } from '../designer/panels/plainText.ts';
import { isWithin } from '../designer/model/paths.ts';
import type { TransitionEdge } from '../designer/model/types.ts';
import { formatDate as formatDay, localeOf } from '../i18n/dates.ts';

export type Lang = 'id' | 'en';
export { localeOf };

/** The API's process view (`GET /api/pathways/{id}/process`), by the page's names. */
export type { ProcessData, ProcessStep, ProcessTransition };

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * A duration for people: days with one decimal (Intl, `id-ID` / `en-GB`),
 * hours under a day, '—' for none.
 */
export function formatDuration(ms: number | null, lang: Lang): string {
  if (ms === null) return '—';
  const locale = localeOf(lang);
  if (ms < DAY) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 }).format(ms / HOUR);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(ms / DAY);
}

/** A count, Intl-formatted. */
export const formatCount = (n: number, lang: Lang) => new Intl.NumberFormat(localeOf(lang)).format(n);

/** A date, as every page writes one (`src/i18n/dates.ts`). */
export const formatDate = (iso: string | Date, lang: Lang) => formatDay(iso, lang);

interface StateInfo {
  title: { id: string; en?: string | undefined } | undefined;
  key: string;
}

/** Every state of a document by its path, with its title. */
export function statesOf(doc: PathwayDocument): Map<string, StateInfo> {
  const out = new Map<string, StateInfo>();
  const walk = (states: Record<string, StateNodeConfig> | undefined, prefix: string) => {
    for (const [key, s] of Object.entries(states ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.set(path, { title: s.meta?.title, key });
      walk(s.states as Record<string, StateNodeConfig> | undefined, path);
    }
  };
  walk(doc.machine.states as Record<string, StateNodeConfig>, '');
  return out;
}

/** Step names from one or more documents (the first that knows a path wins). */
export class StepNames {
  private readonly maps: Map<string, StateInfo>[];
  constructor(docs: readonly (PathwayDocument | null | undefined)[]) {
    this.maps = docs.filter((d): d is PathwayDocument => !!d).map(statesOf);
  }

  private info(path: string): StateInfo | undefined {
    for (const m of this.maps) {
      const i = m.get(path);
      if (i) return i;
    }
    return undefined;
  }

  /** True when a document knows this step. */
  has(path: string): boolean {
    return this.info(path) !== undefined;
  }

  /** The step's own title. */
  title(path: string, lang: Lang): string {
    const i = this.info(path);
    if (!i) return humanize(path.slice(path.lastIndexOf('.') + 1));
    if (!i.title) return humanize(i.key);
    return lang === 'en' ? (i.title.en ?? i.title.id) : i.title.id;
  }

  /** The step's title with its groups (`Intervensi motivasi › Konseling individual`): titles repeat across groups. */
  full(path: string, lang: Lang): string {
    const parts = path.split('.');
    const names: string[] = [];
    for (let i = 1; i <= parts.length; i++) names.push(this.title(parts.slice(0, i).join('.'), lang));
    return names.join(' › ');
  }

  /** Several active steps (a parallel case), or a join of several. */
  list(paths: readonly string[], lang: Lang): string {
    return paths.map((p) => this.full(p, lang)).join(' + ');
  }
}

/** Document order of the states (depth first), to sort tables the way the pathway reads. */
export function documentOrder(doc: PathwayDocument | null | undefined): Map<string, number> {
  const order = new Map<string, number>();
  if (!doc) return order;
  let i = 0;
  for (const path of statesOf(doc).keys()) order.set(path, i++);
  return order;
}

/** Sorts step ids in document order; steps the document does not know go last, by name. */
export function sortSteps<T>(items: readonly T[], idOf: (t: T) => string, order: ReadonlyMap<string, number>): T[] {
  return [...items].sort((a, b) => {
    const ia = order.get(idOf(a)) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(idOf(b)) ?? Number.MAX_SAFE_INTEGER;
    return ia - ib || idOf(a).localeCompare(idOf(b));
  });
}

const depth = (path: string) => path.split('.').length;

/** How many cases took a drawn transition, and the counted transitions that make it up. */
export interface EdgeCount {
  count: number;
  parts: ProcessTransition[];
}

/**
 * The drawn transition each counted one belongs to. A counted transition
 * goes from the leaf step(s) a case left to the leaf step it entered; a drawn
 * one may start at a group and end at a group (its initial step). Of the
 * drawn transitions that cover it, the most specific (deepest source, then
 * deepest target) take it; transitions that share those ends get it all
 * (the counts do not say which event was sent).
 */
export function countsPerEdge(edges: readonly TransitionEdge[], transitions: readonly ProcessTransition[]): Map<string, EdgeCount> {
  const out = new Map<string, EdgeCount>();
  for (const t of transitions) {
    if (t.from === '') continue;
    const from = t.from.split(',');
    let best: TransitionEdge[] = [];
    let bestScore = -1;
    for (const e of edges) {
      if (e.data?.targetless || e.data?.unresolved) continue;
      if (!isWithin(t.to, e.target)) continue;
      if (!from.some((f) => isWithin(f, e.source))) continue;
      const score = depth(e.source) * 100 + depth(e.target);
      if (score > bestScore) {
        best = [e];
        bestScore = score;
      } else if (score === bestScore) best.push(e);
    }
    for (const e of best) {
      const c = out.get(e.id) ?? { count: 0, parts: [] };
      c.count += t.count;
      c.parts.push(t);
      out.set(e.id, c);
    }
  }
  return out;
}

/** Line width (px) and colour of a transition taken `count` times, when the busiest was taken `max` times. */
export function edgeLook(count: number, max: number): { width: number; color: string } {
  if (count <= 0 || max <= 0) return { width: 1.5, color: '#cbd5e1' };
  const r = Math.sqrt(count / max);
  // From a light to a deep blue (sequential, readable for colour-blind eyes).
  const from = [147, 197, 253];
  const to = [30, 58, 138];
  const mix = from.map((c, i) => Math.round(c + (to[i]! - c) * r));
  return { width: Math.round((2 + 8 * r) * 10) / 10, color: `rgb(${mix.join(' ')})` };
}

/** What a recorded event type is called: its button label, or words for the engine's and case work's own events. */
export function eventName(type: string, edges: readonly TransitionEdge[], lang: Lang, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (type === 'case.opened') return t('proc.event.opened');
  if (type.startsWith('xstate.after.')) {
    const rest = type.slice('xstate.after.'.length);
    const delay = rest.includes('.') ? rest.slice(0, rest.indexOf('.')) : rest;
    const words = durationLabel(delay, lang);
    return words === delay ? t('proc.event.timerPlain') : t('proc.event.timer', { duration: words });
  }
  if (type.startsWith('xstate.done.')) return t('proc.event.done');
  if (type === 'consent.recorded') return t('proc.event.consent');
  if (type === 'approval.decided') return t('proc.event.approvalDecided');
  if (type === 'approval.requested') return t('proc.event.approvalRequested');
  const casework: Record<string, string> = {
    'intervention.skipped': 'skipped', 'riskFactor.added': 'riskAdded', 'riskFactor.removed': 'riskRemoved',
    'intervention.added': 'interventionAdded', 'intervention.completed': 'interventionDone',
  };
  if (Object.hasOwn(casework, type)) return t(`proc.event.${casework[type]}`);
  for (const e of edges) {
    if (e.data?.trigger === 'on' && e.data.event === type) {
      const l = e.data.config.meta?.label;
      if (l) return lang === 'en' ? (l.en ?? l.id) : l.id;
    }
  }
  return humanize(type);
}

/** The engine's reason with quoted event codes replaced by their names (the API answers in Indonesian). */
export function plainReason(reason: string, edges: readonly TransitionEdge[], lang: Lang, t: (key: string, o?: Record<string, unknown>) => string): string {
  return reason.replace(/"([^"]+)"/g, (_whole, code: string) => `“${eventName(code, edges, lang, t)}”`);
}
