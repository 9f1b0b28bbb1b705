/**
 * Properties of the selected step: names, kind, roles, due days,
 * confidentiality, approval, its form fields, and for groups the first step.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { Flag } from 'lucide-react';
import { CONFIDENTIALITY, ROLES, STEP_KINDS, type StepKind } from '@jalur/engine';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editorStore.ts';
import type { StepNode } from '../model/types.ts';
import { isValidKey, renameStep, setInitial } from '../model/ops.ts';
import { FormFieldsEditor } from './FormFieldsEditor.tsx';
import { PlacementFields } from './PlacementFields.tsx';
import { ROLE_LABELS } from '../model/guardText.ts';
import { editMeta, editNodeConfig, setFinal } from './edits.ts';
import { isContainerType } from '../model/nodeType.ts';

function KeyField({ node, readOnly }: { node: Pick<StepNode, 'id' | 'data'>; readOnly: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(node.data.key);
  useEffect(() => setDraft(node.data.key), [node.data.key]);
  const valid = isValidKey(draft);
  const apply = () => {
    if (valid && draft !== node.data.key) useEditor.getState().commit((m) => renameStep(m, node.id, draft));
    else setDraft(node.data.key);
  };
  return (
    <label className="field">
      <span>{t('props.key')}</span>
      <input
        value={draft}
        readOnly={readOnly}
        aria-invalid={!valid}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
        data-testid="prop-key"
      />
      {!valid && <small className="error-text">{t('props.keyInvalid')}</small>}
    </label>
  );
}

/** The panel for one step. */
export function NodeProperties({ id }: { id: string }) {
  const data = useEditor((s) => s.nodes.find((n) => n.id === id)?.data);
  const type = useEditor((s) => s.nodes.find((n) => n.id === id)?.type);
  const parentId = useEditor((s) => s.nodes.find((n) => n.id === id)?.parentId);
  if (!data) return null;
  return <NodePropertiesBody node={{ id, data, type, parentId }} />;
}

function NodePropertiesBody({ node }: { node: { id: string; data: StepNode['data']; type: StepNode['type'] | undefined; parentId: string | undefined } }) {
  const { t } = useTranslation();
  const readOnly = useEditor((s) => s.readOnly);
  const children = useEditor(useShallow((s) => (node.data.hasStates ? s.nodes.filter((n) => n.parentId === node.id) : [])));
  const isInitial = useEditor((s) => s.initials.has(node.id));
  const meta = node.data.config.meta;
  const container = isContainerType(node.type);
  const id = node.id;
  return (
    <div className="props" data-testid="step-properties">
      <h2>{container ? (node.type === 'parallel' ? t('canvas.parallel') : t('canvas.group')) : t('props.step')}</h2>
      <KeyField node={node} readOnly={readOnly} />
      <label className="field">
        <span>{t('props.titleId')}</span>
        <input value={meta?.title.id ?? ''} readOnly={readOnly} data-testid="prop-title-id" onChange={(e) => editMeta(id, (m) => ({ ...m, title: { ...m.title, id: e.target.value } }), `t:${id}:id`)} />
      </label>
      <label className="field">
        <span>{t('props.titleEn')}</span>
        <input
          value={meta?.title.en ?? ''}
          readOnly={readOnly}
          onChange={(e) =>
            editMeta(
              id,
              (m) => {
                const { en: _old, ...rest } = m.title;
                return { ...m, title: e.target.value ? { ...rest, en: e.target.value } : rest };
              },
              `t:${id}:en`,
            )
          }
        />
      </label>
      <label className="field">
        <span>{t('props.kind')}</span>
        <select value={meta?.kind ?? 'custom'} disabled={readOnly} onChange={(e) => editMeta(id, (m) => ({ ...m, kind: e.target.value as StepKind }))}>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <PlacementFields node={node} readOnly={readOnly} />
      {!container && (
        <label className="field inline">
          <input type="checkbox" checked={node.data.config.type === 'final'} disabled={readOnly} onChange={(e) => setFinal(id, e.target.checked)} data-testid="prop-final" />
          {t('props.final')}
        </label>
      )}
      {!isInitial && !readOnly && (
        <button type="button" className="btn small" onClick={() => useEditor.getState().commit((m) => setInitial(m, node.parentId ?? '', node.data.key))}>
          <Flag size={13} /> {t('props.makeInitial')}
        </button>
      )}
      {node.type === 'group' && children.length > 0 && (
        <label className="field">
          <span>{t('props.initialChild')}</span>
          <select value={node.data.config.initial ?? ''} disabled={readOnly} onChange={(e) => editNodeConfig(id, (c) => ({ ...c, initial: e.target.value }))}>
            <option value="">—</option>
            {children.map((c) => (
              <option key={c.id} value={c.data.key}>
                {c.data.config.meta?.title.id ?? c.data.key}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="chips">
        <legend>{t('props.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="chip">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={meta?.roles.includes(r) ?? false}
              onChange={(e) => editMeta(id, (m) => ({ ...m, roles: e.target.checked ? [...m.roles, r] : m.roles.filter((x) => x !== r) }))}
            />
            {t(`role.${r}`, { defaultValue: ROLE_LABELS[r]?.id ?? r })}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span>{t('props.dueInDays')}</span>
          <input
            type="number"
            min={0}
            max={3650}
            readOnly={readOnly}
            value={meta?.dueInDays ?? ''}
            data-testid="prop-due"
            onChange={(e) =>
              editMeta(
                id,
                (m) => {
                  const next = { ...m };
                  if (e.target.value === '') delete next.dueInDays;
                  else next.dueInDays = Math.max(0, Math.round(Number(e.target.value)));
                  return next;
                },
                `due:${id}`,
              )
            }
          />
        </label>
        <label className="field inline">
          <input type="checkbox" disabled={readOnly} checked={!!meta?.schoolDays} onChange={(e) => editMeta(id, (m) => ({ ...m, schoolDays: e.target.checked || undefined }))} />
          {t('props.schoolDays')}
        </label>
      </div>
      <label className="field">
        <span>{t('props.confidentiality')}</span>
        <select value={meta?.confidentiality ?? 'umum'} disabled={readOnly} onChange={(e) => editMeta(id, (m) => ({ ...m, confidentiality: e.target.value as (typeof CONFIDENTIALITY)[number] }))}>
          {CONFIDENTIALITY.map((c) => (
            <option key={c} value={c}>
              {t(`conf.${c}`)} — {t(`confHelp.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field inline">
        <input type="checkbox" disabled={readOnly} checked={!!meta?.requiresApproval} onChange={(e) => editMeta(id, (m) => ({ ...m, requiresApproval: e.target.checked || undefined }))} />
        {t('props.requiresApproval')}
      </label>
      <label className="field">
        <span>{t('props.description')}</span>
        <textarea
          rows={2}
          readOnly={readOnly}
          value={meta?.description?.id ?? ''}
          onChange={(e) =>
            editMeta(
              id,
              (m) => {
                const next = { ...m };
                if (e.target.value) next.description = { ...m.description, id: e.target.value };
                else delete next.description;
                return next;
              },
              `desc:${id}`,
            )
          }
        />
      </label>
      {!container && <FormFieldsEditor id={id} form={meta?.form ?? []} readOnly={readOnly} />}
    </div>
  );
}
