/** The case board's columns, from a pathway document (pure). */
import type { PathwayDocument } from '@jalur/engine';

/** Leaf steps of a document in document order: the board's columns. */
export function leafSteps(doc: PathwayDocument): { id: string; title: { id: string; en?: string | undefined } }[] {
  const out: { id: string; title: { id: string; en?: string | undefined } }[] = [];
  const walk = (states: Record<string, { type?: string; states?: Record<string, unknown>; meta?: { title?: { id: string; en?: string } } }>, prefix: string) => {
    for (const [key, s] of Object.entries(states)) {
      const id = prefix ? `${prefix}.${key}` : key;
      if (s.states && Object.keys(s.states).length > 0) walk(s.states as never, id);
      // A final state inside a group only marks that branch done: not a place a case waits in.
      else if (!(prefix && s.type === 'final')) out.push({ id, title: s.meta?.title ?? { id: key } });
    }
  };
  walk(doc.machine.states as never, '');
  return out;
}

export interface BoardColumn {
  id: string;
  title: { id: string; en?: string | undefined };
}

/** A stage of the board: one top-level step of the pathway with the columns (leaf steps) inside it; the closing steps form one stage. */
export interface BoardStage {
  /** The top-level step's key, or `closed` for the pathway's final steps. */
  id: string;
  /** The top-level step's title; null for the closing stage (the page names it). */
  title: { id: string; en?: string | undefined } | null;
  columns: BoardColumn[];
}

/**
 * The board's columns grouped by stage, in document order: each top-level
 * step (a group with its steps, or a single step) is a stage; the
 * top-level final steps (the ways a case closes) are one stage at the end.
 */
export function boardStages(doc: PathwayDocument): BoardStage[] {
  const top = doc.machine.states as Record<string, { type?: string; meta?: { title?: { id: string; en?: string } } }>;
  const stages: BoardStage[] = [];
  const closed: BoardStage = { id: 'closed', title: null, columns: [] };
  for (const col of leafSteps(doc)) {
    const key = col.id.split('.')[0]!;
    const state = top[key];
    if (!col.id.includes('.') && state?.type === 'final') {
      closed.columns.push(col);
      continue;
    }
    const last = stages.at(-1);
    if (last?.id === key) last.columns.push(col);
    else stages.push({ id: key, title: state?.meta?.title ?? { id: key }, columns: [col] });
  }
  if (closed.columns.length > 0) stages.push(closed);
  return stages;
}
