/**
 * The guru BK's case work (issue 14) as entries of the case book: a risk
 * factor added or removed, a step skipped, an intervention added or done —
 * each with who, when and the reason, as far as the reader may see it
 * (the same level as the step the case was in).
 */
import type { CaseEventRow } from '@jalur/db';
import { INTERVENTION_NAMES, type InterventionKind } from '@jalur/engine';
import { tanggal, type Fields } from '@jalur/documents';

export interface CaseworkEntry {
  event: CaseEventRow;
  title: string;
  /** Null when the reader may not see the reason. */
  answers: Fields | null;
}

const KINDS = new Set(['riskFactor.added', 'riskFactor.removed', 'intervention.skipped', 'intervention.added', 'intervention.completed']);

export function caseworkEntries(
  events: readonly CaseEventRow[],
  stepTitle: (stateId: string) => string,
  riskLabel: (factor: string) => string,
  visible: (e: CaseEventRow) => boolean,
): CaseworkEntry[] {
  const added = new Map<string, string>();
  const out: CaseworkEntry[] = [];
  for (const e of events) {
    if (!KINDS.has(e.type)) continue;
    const d = (e.data ?? {}) as Record<string, unknown>;
    const name = (kind: unknown, title: unknown) => `${INTERVENTION_NAMES[kind as InterventionKind]?.id ?? 'Intervensi'}${typeof title === 'string' && title ? `: ${title}` : ''}`;
    let title: string;
    const rows: Fields = [];
    switch (e.type) {
      case 'riskFactor.added':
      case 'riskFactor.removed':
        title = `Faktor risiko ${e.type === 'riskFactor.added' ? 'ditambahkan' : 'dihapus'}: ${riskLabel(String(d.factor))}`;
        break;
      case 'intervention.skipped':
        title = `Langkah dilewati: ${stepTitle(String(d.stateId))}`;
        break;
      case 'intervention.added':
        title = `Intervensi tambahan: ${name(d.kind, d.title)}`;
        if (typeof d.interventionId === 'string') added.set(d.interventionId, name(d.kind, d.title));
        if (typeof d.dueAt === 'string') rows.push(['Tenggat', tanggal(new Date(d.dueAt))]);
        break;
      default:
        title = `Intervensi tambahan selesai: ${added.get(String(d.interventionId)) ?? 'Intervensi'}`;
        if (typeof d.note === 'string' && d.note) rows.push(['Catatan', d.note]);
    }
    if (typeof d.reason === 'string') rows.unshift(['Alasan', d.reason]);
    out.push({ event: e, title, answers: visible(e) ? rows : null });
  }
  return out;
}
