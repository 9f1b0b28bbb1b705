/**
 * Properties of the selected transition: what triggers it (a button with an
 * event name, a timer in days/hours, or automatically), its guard, where it goes.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { Trash2 } from 'lucide-react';
import { durationParts } from '@jalur/engine';
import { useEditor } from '../store/editorStore.ts';
import type { TransitionEdge, Trigger } from '../model/types.ts';
import { GuardBuilder, newCheck } from './GuardBuilder.tsx';
import { editEdge } from './edits.ts';
import { describeGuard } from '../model/guardText.ts';

/** `P2DT3H` from days and hours. */
export function delayOf(days: number, hours: number): string {
  const d = Math.max(0, Math.round(days));
  const h = Math.max(0, Math.round(hours));
  if (!d && !h) return 'P1D';
  return `P${d ? `${d}D` : ''}${h ? `T${h}H` : ''}`;
}

function EventName({ edge, readOnly }: { edge: TransitionEdge; readOnly: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(edge.data?.event ?? '');
  useEffect(() => setDraft(edge.data?.event ?? ''), [edge.data?.event]);
  const clean = draft.trim().toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  const apply = () => {
    if (clean && clean !== edge.data?.event) editEdge(edge.id, (d) => ({ ...d, event: clean }));
  };
  return (
    <label className="field">
      <span>{t('edge.eventName')}</span>
      <input className="mono" value={draft} readOnly={readOnly} data-testid="prop-event" onChange={(e) => setDraft(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} />
      <small className="muted">{t('edge.eventHelp')}</small>
    </label>
  );
}

/** The panel for one transition. */
export function EdgeProperties({ edge }: { edge: TransitionEdge }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const readOnly = useEditor((s) => s.readOnly);
  const fields = useEditor((s) => s.fields);
  const nodes = useEditor((s) => s.nodes);
  const d = edge.data;
  if (!d) return null;
  const title = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n?.data.config.meta?.title[lang] ?? n?.data.config.meta?.title.id ?? n?.data.key ?? id;
  };
  const parts = d.trigger === 'after' ? durationParts(d.event) : undefined;
  const days = parts ? parts.weeks * 7 + parts.days : 0;
  const hours = parts?.hours ?? 0;

  const setTrigger = (trigger: Trigger) =>
    editEdge(edge.id, (x) => ({ ...x, trigger, event: trigger === 'on' ? 'LANJUT' : trigger === 'after' ? 'P7D' : '', shape: x.shape === 'string' ? 'object' : x.shape }));

  return (
    <div className="props" data-testid="edge-properties">
      <h2>{t('edge.transition')}</h2>
      <p className="edge-route">
        <strong>{title(edge.source)}</strong> → <strong>{d.targetless ? t('edge.stays') : title(edge.target)}</strong>
      </p>
      <fieldset className="chips" disabled={readOnly}>
        <legend>{t('edge.trigger')}</legend>
        {(['on', 'after', 'always'] as const).map((tr) => (
          <label key={tr} className="chip">
            <input type="radio" name="trigger" checked={d.trigger === tr} onChange={() => setTrigger(tr)} data-testid={`trigger-${tr}`} />
            {t(`edge.trigger_${tr}`)}
          </label>
        ))}
      </fieldset>
      {d.trigger === 'on' && (
        <>
          <EventName edge={edge} readOnly={readOnly} />
          <label className="field">
            <span>{t('edge.buttonLabel')}</span>
            <input
              value={d.config.meta?.label?.id ?? ''}
              readOnly={readOnly}
              data-testid="prop-label"
              onChange={(e) =>
                editEdge(
                  edge.id,
                  (x) => {
                    const config = { ...x.config };
                    if (e.target.value) config.meta = { ...config.meta, label: { ...config.meta?.label, id: e.target.value } };
                    else delete config.meta;
                    return { ...x, config };
                  },
                  `lbl:${edge.id}`,
                )
              }
            />
          </label>
        </>
      )}
      {d.trigger === 'after' && (
        <div className="field-row">
          <label className="field">
            <span>{t('edge.days')}</span>
            <input type="number" min={0} value={days} readOnly={readOnly} data-testid="prop-delay-days" onChange={(e) => editEdge(edge.id, (x) => ({ ...x, event: delayOf(Number(e.target.value), hours) }), `delay:${edge.id}`)} />
          </label>
          <label className="field">
            <span>{t('edge.hours')}</span>
            <input type="number" min={0} max={23} value={hours} readOnly={readOnly} onChange={(e) => editEdge(edge.id, (x) => ({ ...x, event: delayOf(days, Number(e.target.value)) }), `delay:${edge.id}`)} />
          </label>
        </div>
      )}
      <fieldset className="guard-box" disabled={readOnly}>
        <legend>{t('edge.guard')}</legend>
        {d.config.guard ? (
          <>
            <p className="guard-words" data-testid="guard-words">{describeGuard(d.config.guard, fields, lang)}</p>
            <GuardBuilder
              guard={d.config.guard}
              fields={fields}
              onChange={(g) =>
                editEdge(edge.id, (x) => {
                  const config = { ...x.config };
                  if (g) config.guard = g;
                  else delete config.guard;
                  return { ...x, config };
                }, `guard:${edge.id}`)
              }
            />
          </>
        ) : (
          <>
            <p className="muted">{t('edge.noGuard')}</p>
            <button type="button" className="btn small" data-testid="add-guard" onClick={() => editEdge(edge.id, (x) => ({ ...x, config: { ...x.config, guard: newCheck(fields) } }))}>
              {t('edge.addGuard')}
            </button>
          </>
        )}
      </fieldset>
      {(d.extraTargets?.length ?? 0) > 0 && (
        <p className="muted">
          {t('edge.extraTargets')}: <code>{d.extraTargets?.join(', ')}</code>
        </p>
      )}
      {!readOnly && (
        <button type="button" className="btn danger small" onClick={() => useEditor.getState().deleteElements([], [edge.id])}>
          <Trash2 size={13} /> {t('edge.delete')}
        </button>
      )}
    </div>
  );
}
