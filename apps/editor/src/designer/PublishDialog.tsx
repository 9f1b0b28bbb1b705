/**
 * Publishing asks first: what changed since the latest version (steps and
 * transitions added, removed or changed), and a change note for the version
 * history. A draft that is exactly the latest version cannot be published.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { PathwayDocument } from '@jalur/engine';
import { Dialog } from './Dialog.tsx';
import { diffPathways } from './diff/diff.ts';
import { fetchPathway, fetchVersion } from '../pathways/queries.ts';
import { useEditor } from './store/editorStore.ts';
import './strings.ts';

export interface ChangeSummary {
  /** The latest published version, or null before the first. */
  latest: number | null;
  unchanged: boolean;
  layoutOnly: boolean;
  headerChanged: boolean;
  steps: { added: number; removed: number; changed: number };
  transitions: { added: number; removed: number; changed: number };
  totalSteps: number;
  totalTransitions: number;
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, y]) => y !== undefined).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

/** What publishing `draft` would change compared with `latest` (pure). */
export function summarise(latestVersion: number | null, latest: PathwayDocument | null, draft: PathwayDocument): ChangeSummary {
  const count = (d: PathwayDocument) => {
    const diff = diffPathways(d, d);
    return { steps: diff.steps.size, transitions: diff.transitions.size };
  };
  const totals = count(draft);
  const none = { added: 0, removed: 0, changed: 0 };
  if (!latest) return { latest: null, unchanged: false, layoutOnly: false, headerChanged: false, steps: { ...none, added: totals.steps }, transitions: { ...none, added: totals.transitions }, totalSteps: totals.steps, totalTransitions: totals.transitions };
  const diff = diffPathways(latest, draft);
  const steps = { ...none };
  const transitions = { ...none };
  for (const c of diff.steps.values()) if (c !== 'same') steps[c]++;
  for (const c of diff.transitions.values()) if (c !== 'same') transitions[c]++;
  const { layout: _a, machine: ma, ...ha } = latest;
  const { layout: _b, machine: mb, ...hb } = draft;
  const { states: _sa, ...maRest } = ma;
  const { states: _sb, ...mbRest } = mb;
  const headerChanged = stable({ ...ha, key: undefined, m: maRest }) !== stable({ ...hb, key: undefined, m: mbRest });
  const structural = steps.added + steps.removed + steps.changed + transitions.added + transitions.removed + transitions.changed > 0 || headerChanged;
  const unchanged = !structural && stable({ ...latest, key: undefined }) === stable({ ...draft, key: undefined });
  return { latest: latestVersion, unchanged, layoutOnly: !structural && !unchanged, headerChanged, steps, transitions, totalSteps: totals.steps, totalTransitions: totals.transitions };
}

/** Loads the latest version and summarises the draft against it. */
export async function loadSummary(pathwayId: string): Promise<ChangeSummary> {
  const detail = await fetchPathway(pathwayId);
  const latest = detail.versions.reduce<number | null>((m, v) => (m === null || v.version > m ? v.version : m), null);
  const doc = latest === null ? null : ((await fetchVersion(pathwayId, latest)).document as unknown as PathwayDocument);
  return summarise(latest, doc, useEditor.getState().toDocument());
}

export function PublishDialog({ summary, onCancel, onConfirm, busy }: { summary: ChangeSummary; onCancel(): void; onConfirm(note: string): void; busy: boolean }) {
  const { t } = useTranslation();
  const [note, setNote] = useState(summary.latest === null ? t('dsg.firstNote') : '');
  const next = (summary.latest ?? 0) + 1;
  const line = (what: 'steps' | 'transitions', c: ChangeSummary['steps']) =>
    (['added', 'removed', 'changed'] as const)
      .filter((k) => c[k] > 0)
      .map((k) => `${t(`dsg.${what}N`, { count: c[k] })} ${t(`dsg.${k}`)}`)
      .join(', ');
  if (summary.unchanged)
    return (
      <Dialog title={t('dsg.publishTitle', { v: next })} onCancel={onCancel} testId="publish-dialog">
        <p data-testid="publish-unchanged">{t('dsg.publishNoChanges', { v: summary.latest })}</p>
        <div className="dialog-actions">
          <button type="button" className="btn primary" onClick={onCancel}>
            {t('common.close')}
          </button>
        </div>
      </Dialog>
    );
  const stepLine = line('steps', summary.steps);
  const transitionLine = line('transitions', summary.transitions);
  return (
    <Dialog title={t('dsg.publishTitle', { v: next })} onCancel={onCancel} testId="publish-dialog">
      <p>{t('dsg.publishIntro')}</p>
      {summary.latest === null ? (
        <p data-testid="publish-summary">{t('dsg.publishFirst', { steps: summary.totalSteps, transitions: summary.totalTransitions })}</p>
      ) : (
        <div data-testid="publish-summary">
          <p>{t('dsg.publishChanges', { v: summary.latest })}</p>
          <ul className="change-list">
            {stepLine && <li>{stepLine}</li>}
            {transitionLine && <li>{transitionLine}</li>}
            {summary.headerChanged && <li>{t('dsg.headerChanged')}</li>}
            {summary.layoutOnly && <li>{t('dsg.layoutOnly')}</li>}
          </ul>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) onConfirm(note.trim());
        }}
      >
        <label className="field">
          <span>{t('dsg.changeNote')}</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} required maxLength={2000} aria-describedby="change-note-hint" data-testid="change-note" />
          <small id="change-note-hint" className="muted">
            {t('dsg.changeNoteHint')}
          </small>
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t('dsg.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={busy || !note.trim()} data-testid="publish-confirm">
            {t('dsg.confirmPublish')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
