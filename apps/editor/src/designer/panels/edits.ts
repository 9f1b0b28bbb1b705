/**
 * Small store-backed edit helpers for the properties panel: each change is
 * one `commit`, and typing in one field coalesces into one undo step.
 */
import type { StepMeta } from '@jalur/engine';
import { useEditor } from '../store/editorStore.ts';
import { defaultMeta, setNodeConfig } from '../model/ops.ts';
import type { StateOwnConfig, TransitionData } from '../model/types.ts';
import { nodeTypeFor } from '../model/nodeType.ts';

/** Changes a step's own config. */
export function editNodeConfig(id: string, fn: (c: StateOwnConfig) => StateOwnConfig, coalesce?: string): void {
  useEditor.getState().commit((m) => {
    const n = m.nodes.find((x) => x.id === id);
    return n ? setNodeConfig(m, id, fn(n.data.config)) : m;
  }, coalesce);
}

/** Changes a step's meta (a step without meta gets a `custom` one first). */
export function editMeta(id: string, fn: (meta: StepMeta) => StepMeta, coalesce?: string): void {
  editNodeConfig(id, (c) => ({ ...c, meta: fn(c.meta ?? defaultMeta('custom')) }), coalesce);
}

/** Changes a transition. */
export function editEdge(id: string, fn: (d: TransitionData) => TransitionData, coalesce?: string): void {
  useEditor.getState().commit((m) => ({ ...m, edges: m.edges.map((e) => (e.id === id && e.data ? { ...e, data: fn(e.data) } : e)) }), coalesce);
}

/** Switches a step between a normal and a final step (containers stay containers). */
export function setFinal(id: string, final: boolean): void {
  useEditor.getState().commit((m) => ({
    ...m,
    nodes: m.nodes.map((n) => {
      if (n.id !== id) return n;
      const config = { ...n.data.config };
      if (final) config.type = 'final';
      else delete config.type;
      return { ...n, type: nodeTypeFor(config, n.data.hasStates), data: { ...n.data, config } };
    }),
  }));
}
