/** Step labels and kinds read from pathway documents, for report rows keyed by state path. */
import { listStates, type Localized, type MachineConfig, type StepKind } from '@jalur/engine';

/** What a report shows about a step. */
export interface StepLabel {
  title: Localized;
  kind: StepKind | null;
}

/** The `machine` of a stored document, or null when it has none. */
function machineOf(doc: unknown): MachineConfig | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const machine = (doc as { machine?: unknown }).machine;
  return typeof machine === 'object' && machine !== null ? (machine as MachineConfig) : null;
}

/** Documents are immutable once published: their labels are computed once. */
const labelCache = new WeakMap<object, Map<string, StepLabel>>();

/** Labels of every state of `doc`, by dot path. A state without a title gets its key. */
export function stepLabels(doc: unknown): Map<string, StepLabel> {
  const cached = typeof doc === 'object' && doc !== null ? labelCache.get(doc) : undefined;
  if (cached) return cached;
  const out = new Map<string, StepLabel>();
  if (typeof doc === 'object' && doc !== null) labelCache.set(doc, out);
  const machine = machineOf(doc);
  if (!machine) return out;
  for (const entry of listStates(machine)) {
    if (entry.id === '') continue;
    const meta = entry.node.meta as { title?: Localized; kind?: StepKind } | undefined;
    out.set(entry.id, { title: meta?.title ?? { id: entry.path[entry.path.length - 1] ?? entry.id }, kind: meta?.kind ?? null });
  }
  return out;
}

/** Merges the labels of several documents (the first document naming a path wins). */
export function mergedStepLabels(docs: readonly unknown[]): Map<string, StepLabel> {
  const out = new Map<string, StepLabel>();
  for (const doc of docs) for (const [path, label] of stepLabels(doc)) if (!out.has(path)) out.set(path, label);
  return out;
}

/** A stored `state_value` (`a.b,c.d`) as its active leaf paths. */
export const leavesOf = (stateValue: string): string[] => (stateValue === '' ? [] : stateValue.split(','));
