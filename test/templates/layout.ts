/**
 * Checks on a template's editor layout: every state placed, children inside
 * their group (positions are relative to the parent, as React Flow draws
 * them), no two siblings overlapping, and the flow reading left to right.
 */
import { listStates, resolveTarget, transitionsOf, type PathwayDocument, type StateEntry } from '@jalur/engine';

/** The editor's default size of a step node (apps/editor STEP_SIZE). */
export const STEP = { width: 220, height: 84 } as const;
/** Room for a group's title above its children. */
export const GROUP_HEADER = 40;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOf(doc: PathwayDocument, entry: StateEntry): Box | undefined {
  const l = doc.layout[entry.id];
  if (!l) return undefined;
  return { x: l.x, y: l.y, width: l.width ?? STEP.width, height: l.height ?? STEP.height };
}

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Layout problems, in words; empty when the layout is sound. */
export function layoutProblems(doc: PathwayDocument): string[] {
  const problems: string[] = [];
  const all = listStates(doc.machine);
  const entries = all.filter((e) => e.id !== '');
  const byId = new Map(all.map((e) => [e.id, e]));
  for (const e of entries) {
    const box = boxOf(doc, e);
    if (!box) {
      problems.push(`${e.id}: no layout`);
      continue;
    }
    const group = e.kind === 'compound' || e.kind === 'parallel';
    if (group && (doc.layout[e.id]?.width === undefined || doc.layout[e.id]?.height === undefined)) problems.push(`${e.id}: group without a size`);
    const parent = e.parent && e.parent.id !== '' ? boxOf(doc, e.parent) : undefined;
    if (parent && (box.x < 0 || box.y < GROUP_HEADER || box.x + box.width > parent.width || box.y + box.height > parent.height))
      problems.push(`${e.id}: outside its group ${e.parent!.id}`);
  }
  // Siblings never overlap.
  for (const parent of [...byId.values()]) {
    const kids = entries.filter((e) => e.parent === parent);
    for (let i = 0; i < kids.length; i++)
      for (let j = i + 1; j < kids.length; j++) {
        const a = boxOf(doc, kids[i]!);
        const b = boxOf(doc, kids[j]!);
        if (a && b && overlap(a, b)) problems.push(`${kids[i]!.id} overlaps ${kids[j]!.id}`);
      }
  }
  // Left to right: in a compound group (and at the top), the first step is leftmost and every
  // other step entered from a sibling has at least one sibling predecessor to its left.
  const machineId = doc.machine.id;
  const preds = new Map<string, Set<string>>();
  for (const source of byId.values()) {
    for (const t of transitionsOf(source)) {
      for (const target of t.targets) {
        const to = resolveTarget(machineId, byId, source, target);
        if (!to) continue;
        for (let s: StateEntry | undefined = source; s && s.id !== ''; s = s.parent) {
          if (s.parent === to.parent && s !== to) {
            const set = preds.get(to.id) ?? new Set();
            set.add(s.id);
            preds.set(to.id, set);
          }
        }
      }
    }
  }
  for (const parent of byId.values()) {
    if (parent.kind === 'parallel') continue;
    const kids = entries.filter((e) => e.parent === parent);
    const initial = parent.node.initial;
    for (const kid of kids) {
      const box = boxOf(doc, kid);
      if (!box) continue;
      if (kid.path.at(-1) === initial) {
        const leftmost = kids.every((k) => (boxOf(doc, k)?.x ?? Infinity) >= box.x);
        if (!leftmost) problems.push(`${kid.id}: the first step is not leftmost`);
        continue;
      }
      const from = [...(preds.get(kid.id) ?? [])];
      if (from.length > 0 && !from.some((p) => (boxOf(doc, byId.get(p)!)?.x ?? Infinity) < box.x))
        problems.push(`${kid.id}: every step leading to it sits to its right`);
    }
  }
  return problems;
}
