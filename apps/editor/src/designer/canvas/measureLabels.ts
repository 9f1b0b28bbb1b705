/**
 * The drawn size of every transition label at full detail, measured once in
 * a hidden copy with the same classes, so ELK can keep a box of exactly that
 * size clear of every step. The label is then drawn at that width.
 */
import type { TFunction } from '../../i18n/index.ts';
import type { GuardField } from '../model/guardText.ts';
import type { TransitionEdge } from '../model/types.ts';
import { labelWords } from './TransitionEdgeView.tsx';

function icon(): HTMLElement {
  const i = document.createElement('span');
  i.style.cssText = 'display:inline-block;width:11px;height:11px;flex:none';
  return i;
}

export function measureLabels(edges: readonly TransitionEdge[], fields: GuardField[], lang: 'id' | 'en', t: TFunction, layer?: HTMLElement | null): Map<string, { width: number; height: number }> {
  const out = new Map<string, { width: number; height: number }>();
  if (typeof document === 'undefined') return out;
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position:absolute;left:-100000px;top:0;width:10000px;height:10px;visibility:hidden;contain:layout style';
  const els: [string, HTMLElement][] = [];
  for (const e of edges) {
    if (!e.data) continue;
    const w = labelWords(e.data, fields, lang, t);
    const b = document.createElement('button');
    b.className = 'edge-label';
    b.style.position = 'absolute';
    if (w.timer) {
      const s = document.createElement('span');
      s.className = 'edge-timer';
      s.append(icon(), ` ${w.timer}`);
      b.append(s);
    }
    if (w.label) {
      const s = document.createElement('span');
      s.className = 'edge-event';
      if (e.data.trigger === 'always') s.append(icon());
      s.append(` ${w.label}`);
      b.append(s);
    }
    if (w.guard) {
      const s = document.createElement('span');
      s.className = 'edge-guard';
      s.textContent = `[${w.guard}]`;
      b.append(s);
    }
    host.append(b);
    els.push([e.id, b]);
  }
  // In the label layer when there is one: the same inherited font as the drawn labels.
  (layer ?? document.body).append(host);
  for (const [id, el] of els) {
    // Layout sizes (not scaled by the canvas zoom), with a pixel to spare: the label is drawn at this width.
    out.set(id, { width: el.offsetWidth + 1, height: el.offsetHeight + 1 });
  }
  host.remove();
  return out;
}
