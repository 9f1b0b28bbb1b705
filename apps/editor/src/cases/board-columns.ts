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
