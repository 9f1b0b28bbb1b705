/**
 * Where a lint diagnostic points on the canvas: a state path is a node id; a
 * transition (source, `EVENT` / `after:P7D` / `always`, index) is an edge.
 */
import type { Diagnostic } from '@jalur/engine';
import type { TransitionEdge } from './types.ts';

/** The diagnostic's event key for an edge: `EVENT`, `after:P7D` or `always`. */
export function eventKeyOf(edge: TransitionEdge): string {
  const d = edge.data;
  if (!d) return '';
  return d.trigger === 'on' ? d.event : d.trigger === 'after' ? `after:${d.event}` : 'always';
}

/** The edge a diagnostic's transition points at, if it is drawn. */
export function edgeForTransition(edges: readonly TransitionEdge[], t: NonNullable<Diagnostic['transition']>): TransitionEdge | undefined {
  let i = 0;
  for (const e of edges) {
    if (e.source !== t.source || eventKeyOf(e) !== t.event) continue;
    if (i === t.index) return e;
    i++;
  }
  return undefined;
}

export interface IssueMark {
  severity: 'error' | 'warning';
  count: number;
}

/** Marks per node id and per edge id, errors winning over warnings. */
export function issueMarks(diagnostics: readonly Diagnostic[], edges: readonly TransitionEdge[]): { nodes: Map<string, IssueMark>; edges: Map<string, IssueMark> } {
  const nodes = new Map<string, IssueMark>();
  const edgeMarks = new Map<string, IssueMark>();
  const mark = (m: Map<string, IssueMark>, id: string, sev: IssueMark['severity']) => {
    const cur = m.get(id);
    m.set(id, { severity: cur?.severity === 'error' || sev === 'error' ? 'error' : 'warning', count: (cur?.count ?? 0) + 1 });
  };
  for (const d of diagnostics) {
    if (d.transition) {
      const e = edgeForTransition(edges, d.transition);
      if (e) mark(edgeMarks, e.id, d.severity);
      else mark(nodes, d.transition.source, d.severity);
    } else if (d.state) mark(nodes, d.state, d.severity);
  }
  return { nodes, edges: edgeMarks };
}
