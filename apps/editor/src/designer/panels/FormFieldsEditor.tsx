/**
 * The form a step records: each field's label, name, type, whether it is
 * required, the options of a choice, and the register a `register` field
 * picks from (a fund of the ledger, a referral partner, a peer counsellor).
 */
import { useTranslation } from '../../i18n/index.ts';
import { Plus, Trash2 } from 'lucide-react';
import { FIELD_TYPES, REGISTER_KINDS, type FormField } from '@jalur/engine';
import { editMeta } from './edits.ts';

export function FormFieldsEditor({ id, form, readOnly }: { id: string; form: FormField[]; readOnly: boolean }) {
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
          <select
            aria-label={t('props.fieldType')}
            value={f.type}
            disabled={readOnly}
            onChange={(e) => {
              const type = e.target.value as FormField['type'];
              // A register field names its register (a fund by default); other types carry none.
              update(i, type === 'register' ? { type, register: f.register ?? 'fund' } : { type, register: undefined });
            }}
          >
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
          {f.type === 'register' && (
            <select
              className="wide"
              aria-label={t('props.registerKind')}
              title={t('props.registerKind')}
              value={f.register ?? ''}
              disabled={readOnly}
              data-testid="register-kind"
              onChange={(e) => update(i, { register: (e.target.value || undefined) as FormField['register'] })}
            >
              {!f.register && <option value="">—</option>}
              {REGISTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`registerKind.${k}`)}
                </option>
              ))}
            </select>
          )}
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

