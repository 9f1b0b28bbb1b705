/**
 * Words instead of codes for the simulator and the checks panel: choice
 * values, event names and the ids inside the engine's messages become the
 * labels a school leader reads elsewhere on the canvas.
 */
import { durationLabel, isDuration, type Localized } from '@jalur/engine';
import type { GuardField } from '../model/guardText.ts';
import type { StepNode, TransitionEdge } from '../model/types.ts';

type Lang = 'id' | 'en';

/** Choice values and codes in words: one source, `src/i18n/values.ts`. */
export { choiceLabel, humanize } from '../../i18n/values.ts';
import { humanize } from '../../i18n/values.ts';

/** The label a transition shows for an event (its button text), or the event in words. */
export function eventLabel(event: string, edges: readonly TransitionEdge[], lang: Lang): string {
  for (const e of edges) {
    if (e.data?.trigger === 'on' && e.data.event === event) {
      const l: Localized | undefined = e.data.config.meta?.label;
      if (l) return l[lang] ?? l.id;
    }
  }
  return humanize(event);
}

/**
 * A checker message without codes: quoted step ids become step titles, field
 * paths field labels, events their button labels, durations words; notes
 * meant for people who write XState by hand (`type "final"`) are left out.
 */
export function plainMessage(text: string, nodes: readonly StepNode[], edges: readonly TransitionEdge[], fields: readonly GuardField[], lang: Lang): string {
  const titles = new Map<string, string>();
  for (const n of nodes) {
    const t = n.data.config.meta?.title;
    titles.set(n.id, t ? (t[lang] ?? t.id) : humanize(n.data.key));
  }
  const events = new Set(edges.filter((e) => e.data?.trigger === 'on').map((e) => e.data!.event));
  const out = text.replace(/‘([^’]+)’/g, (whole, inner: string) => {
    const title = titles.get(inner);
    if (title) return `“${title}”`;
    const field = fields.find((f) => f.path === inner);
    if (field) return `“${field.label[lang] ?? field.label.id}”`;
    if (events.has(inner)) return `“${eventLabel(inner, edges, lang)}”`;
    if (isDuration(inner)) {
      try {
        return durationLabel(inner, lang);
      } catch {
        return whole;
      }
    }
    return whole;
  });
  return out
    .replace(/\s*\((?:type|tipe) "[^"]*"\)/g, '')
    .replace(/\s*\((?:meta|initial|params|states)\)/g, '')
    .replace(/ bertipe "compound"/g, '')
    .replace(/ is of type "compound"/g, ' is a group')
    .replace(/\s+/g, ' ')
    .trim();
}
