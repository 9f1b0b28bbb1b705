/**
 * Properties of the selected step: names, kind, roles, due days,
 * confidentiality, approval, its form fields, and for groups the first step.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Flag, Plus, Trash2 } from 'lucide-react';
import { CONFIDENTIALITY, FIELD_TYPES, ROLES, STEP_KINDS, type FormField, type StepKind } from '@jalur/engine';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editorStore.ts';
import type { StepNode } from '../model/types.ts';
import { connectSteps, isValidKey, moveToParent, renameStep, setInitial } from '../model/ops.ts';
import { useReactFlow } from '@xyflow/react';
import { isWithin } from '../model/paths.ts';
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

function FormFieldsEditor({ id, form, readOnly }: { id: string; form: FormField[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const setForm = (fn: (f: FormField[]) => FormField[], coalesce?: string) => editMeta(id, (m) => ({ ...m, form: fn(m.form) }), coalesce);
  const update = (i: number, patch: Partial<FormField>, coalesce?: string) => setForm((f) => f.map((x, j) => (j === i ? { ...x, ...patch } : x)), coalesce);
  return (
    <fieldset className="form-fields">
      <legend>{t('props.form')}</legend>
      {form.length === 0 && <p className="muted">{t('props.noFields')}</p>}
      {form.map((f, i) => (
        <div key={i} className="form-field-row">
          <input aria-label={t('props.fieldLabel')} placeholder={t('props.fieldLabel')} value={f.label.id} readOnly={readOnly} onChange={(e) => update(i, { label: { ...f.label, id: e.target.value } }, `ff:${id}:${i}:label`)} />
          <input
            aria-label={t('props.fieldName')}
            placeholder={t('props.fieldName')}
            className="mono"
            value={f.name}
            readOnly={readOnly}
            onChange={(e) => update(i, { name: e.target.value.replace(/[^A-Za-z0-9_]/g, '_') }, `ff:${id}:${i}:name`)}
          />
          <select aria-label={t('props.fieldType')} value={f.type} disabled={readOnly} onChange={(e) => update(i, { type: e.target.value as FormField['type'] })}>
            {FIELD_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`fieldType.${ty}`)}
              </option>
            ))}
          </select>
          <label className="inline">
            <input type="checkbox" checked={!!f.required} disabled={readOnly} onChange={(e) => update(i, { required: e.target.checked })} />
            {t('props.required')}
          </label>
          <button type="button" className="icon-btn" disabled={readOnly} aria-label={t('props.removeField', { name: f.name })} onClick={() => setForm((ff) => ff.filter((_, j) => j !== i))}>
            <Trash2 size={14} />
          </button>
          {f.type === 'choice' && (
            <input
              className="wide"
              aria-label={t('props.options')}
              placeholder={t('props.options')}
              value={(f.options ?? []).join(', ')}
              readOnly={readOnly}
              onChange={(e) => update(i, { options: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) }, `ff:${id}:${i}:opts`)}
            />
          )}
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          className="link-btn"
          onClick={() => setForm((f) => [...f, { name: `isian_${f.length + 1}`, type: 'text', label: { id: `Isian ${f.length + 1}` }, required: false }])}
        >
          <Plus size={13} /> {t('props.addField')}
        </button>
      )}
    </fieldset>
  );
}

/** Where the step sits (top level or inside a group) and a keyboard way to connect it. */
function PlacementFields({ node, readOnly }: { node: { id: string; data: StepNode['data']; parentId: string | undefined }; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const rf = useReactFlow();
  const options = useEditor(
    useShallow((s) => s.nodes.map((n) => `${n.id}\u0000${n.type}\u0000${n.data.config.meta?.title[lang] ?? n.data.config.meta?.title.id ?? n.data.key}`)),
  );
  const steps = options.map((o) => {
    const [id = '', type = '', title = ''] = o.split('\u0000');
    return { id, type, title };
  });
  const containers = steps.filter((s) => (s.type === 'group' || s.type === 'parallel') && !isWithin(s.id, node.id));
  const absolute = (id: string) => rf.getInternalNode(id)?.internals.positionAbsolute ?? { x: 0, y: 0 };
  return (
    <>
      <label className="field">
        <span>{t('props.parent')}</span>
        <select
          value={node.parentId ?? ''}
          disabled={readOnly}
          data-testid="prop-parent"
          onChange={(e) => useEditor.getState().commit((m) => moveToParent(m, node.id, e.target.value, absolute))}
        >
          <option value="">{t('props.topLevel')}</option>
          {containers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      {!readOnly && (
        <label className="field">
          <span>{t('props.connectTo')}</span>
          <select
            value=""
            data-testid="prop-connect"
            onChange={(e) => {
              const target = e.target.value;
              if (target) useEditor.getState().commit((m) => connectSteps(m, node.id, target).model);
            }}
          >
            <option value="">—</option>
            {steps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
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
