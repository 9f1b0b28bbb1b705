/**
 * Properties of the pathway itself (nothing selected): its titles, key,
 * description and the first step.
 */
import { useTranslation } from '../../i18n/index.ts';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editorStore.ts';
import type { PathwayHeader } from '../model/types.ts';

function editHeader(fn: (h: PathwayHeader) => PathwayHeader, coalesce?: string) {
  useEditor.getState().commit((m) => ({ ...m, header: fn(m.header) }), coalesce);
}

export function PathwayProperties() {
  const { t } = useTranslation();
  const header = useEditor((s) => s.header);
  const readOnly = useEditor((s) => s.readOnly);
  // Step data, not nodes: a node object changes on every drag frame, its data does not.
  const topSteps = useEditor(useShallow((s) => s.nodes.filter((n) => !n.parentId).map((n) => n.data)));
  const count = useEditor((s) => s.nodes.length);
  return (
    <div className="props" data-testid="pathway-properties">
      <h2>{t('props.pathway')}</h2>
      <label className="field">
        <span>{t('props.titleId')}</span>
        <input value={header.title.id} readOnly={readOnly} onChange={(e) => editHeader((h) => ({ ...h, title: { ...h.title, id: e.target.value } }), 'pw:title')} data-testid="pathway-title" />
      </label>
      <label className="field">
        <span>{t('props.titleEn')}</span>
        <input value={header.title.en ?? ''} readOnly={readOnly} onChange={(e) => editHeader((h) => ({ ...h, title: { ...h.title, en: e.target.value } }), 'pw:title-en')} />
      </label>
      <label className="field">
        <span>{t('props.description')}</span>
        <textarea
          rows={3}
          readOnly={readOnly}
          value={header.description?.id ?? ''}
          onChange={(e) => editHeader((h) => ({ ...h, description: { ...h.description, id: e.target.value } }), 'pw:desc')}
        />
      </label>
      <label className="field">
        <span>{t('props.firstStep')}</span>
        <select value={header.machine.initial ?? ''} disabled={readOnly} onChange={(e) => editHeader((h) => ({ ...h, machine: { ...h.machine, initial: e.target.value } }))}>
          <option value="">—</option>
          {topSteps.map((d) => (
            <option key={d.key} value={d.key}>
              {d.config.meta?.title.id ?? d.key}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        <code>{header.key}</code> · {t('props.stepCount', { count })}
      </p>
      <p className="muted">{t('props.selectHint')}</p>
    </div>
  );
}
