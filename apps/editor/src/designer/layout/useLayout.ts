/**
 * Laying out the pathway on the canvas: label boxes measured, ELK in the
 * worker, positions committed (one undo step), routes kept for drawing. On
 * opening a pathway, `recoverRoutes` runs the same layout in the background
 * and keeps the routes of the transitions whose steps sit exactly where ELK
 * would put them (a pathway laid out earlier looks the same after a reload).
 */
import type { TFunction } from '../../i18n/index.ts';
import { useEditor } from '../store/editorStore.ts';
import { measureLabels } from '../canvas/measureLabels.ts';
import { applyLayout, computeLayout, type EdgeRoute, type LayoutResult } from './autoLayout.ts';

let layoutPending = false;
/** The pathway being opened has no layout yet: the canvas lays it out once it is drawn. */
export function layoutOnOpen(): void {
  layoutPending = true;
}
/** True once after `layoutOnOpen`. */
export function takeLayoutOnOpen(): boolean {
  const p = layoutPending;
  layoutPending = false;
  return p;
}

/** A collapsed group is drawn at this size. */
export const COLLAPSED_SIZE = { width: 240, height: 64 } as const;

interface Ctx {
  t: TFunction;
  lang: 'id' | 'en';
  /** The canvas's label layer (labels are measured with its fonts). */
  layer: HTMLElement | null;
}

/** When the last layout's phases ended (`performance.now()`), read by the bench: start, labels measured, ELK done. */
export const layoutTimes: Record<string, number> = {};
function mark(name: string): void {
  if (typeof performance === 'undefined') return;
  layoutTimes[name] = performance.now();
  (globalThis as { __jalurLayout?: Record<string, number> }).__jalurLayout = layoutTimes;
}

async function layoutNow(ctx: Ctx): Promise<LayoutResult> {
  const s = useEditor.getState();
  mark('jalur:layout:start');
  const sizes = measureLabels(s.edges, s.fields, ctx.lang, ctx.t, ctx.layer);
  mark('jalur:layout:measured');
  const result = await computeLayout(s, { labelSize: (id) => sizes.get(id), collapsed: s.collapsed, collapsedSize: COLLAPSED_SIZE });
  mark('jalur:layout:computed');
  return result;
}

/** Lays the pathway out and commits the positions. */
export async function autoLayout(ctx: Ctx): Promise<void> {
  const result = await layoutNow(ctx);
  const s = useEditor.getState();
  s.commit((m) => applyLayout(m, result.placements));
  useEditor.getState().setRoutes(result.routes);
}

/** Keeps ELK's routes for the transitions whose steps (and their groups) are where ELK puts them; moves nothing. */
export async function recoverRoutes(ctx: Ctx): Promise<number> {
  const before = useEditor.getState();
  const { rev } = before;
  const result = await layoutNow(ctx);
  const s = useEditor.getState();
  if (s.rev !== rev || s.nodes !== before.nodes && s.nodes.some((n, i) => n.position !== before.nodes[i]?.position)) return 0;
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const inPlace = (id: string): boolean => {
    for (let cur: string | undefined = id; cur; cur = byId.get(cur)?.parentId) {
      const n = byId.get(cur);
      const p = result.placements[cur];
      if (!n || !p || Math.abs(n.position.x - p.x) > 1 || Math.abs(n.position.y - p.y) > 1) return false;
      if (p.width !== undefined && (Math.abs((n.width ?? 0) - p.width) > 1 || Math.abs((n.height ?? 0) - (p.height ?? 0)) > 1)) return false;
    }
    return true;
  };
  const routes: Record<string, EdgeRoute> = {};
  let kept = 0;
  for (const e of s.edges) {
    const r = result.routes[e.id];
    if (r && inPlace(e.source) && inPlace(e.target)) {
      routes[e.id] = r;
      kept++;
    }
  }
  if (kept === 0) return 0;
  // Not in the middle of a drag: the routes re-draw every transition once.
  const apply = () => {
    if (useEditor.getState().nodes.some((n) => n.dragging)) setTimeout(apply, 300);
    else useEditor.getState().setRoutes(routes);
  };
  apply();
  return kept;
}
