/**
 * Builds a guard without typing JSON: conditions on a field (kehadiran,
 * faktor risiko, a form field) combined with "semua / salah satu / bukan",
 * or a role check.
 */
import { useTranslation } from '../../i18n/index.ts';
import { Plus, X } from 'lucide-react';
import { COMPARISON_OPS, ROLES, type ComparisonOp, type Guard, type Role } from '@jalur/engine';
import { OP_LABELS, ROLE_LABELS, opsFor, type GuardField } from '../model/guardText.ts';
import { choiceLabel } from '../../i18n/values.ts';

interface Props {
  guard: Guard;
  fields: readonly GuardField[];
  onChange(g: Guard | undefined): void;
  depth?: number;
}

/** A first condition for a new guard. */
export function newCheck(fields: readonly GuardField[]): Guard {
  const f = fields.find((x) => x.path === 'student.attendanceRate') ?? fields[0];
  return { type: 'check', params: { field: f?.path ?? 'student.attendanceRate', op: 'lt', value: f?.percent ? 0.9 : 0 } };
}

function ValueInput({ field, op, value, onChange }: { field: GuardField | undefined; op: ComparisonOp; value: unknown; onChange(v: unknown): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  if (op === 'exists') return null;
  if (op === 'countGte' || op === 'countLte')
    return (
      <input
        type="number"
        min={0}
        step={1}
        aria-label={t('guard.value')}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Math.max(0, Math.round(Number(e.target.value))))}
      />
    );
  const options = field?.options;
  if (options && (op === 'in' || field?.type === 'list')) {
    const chosen = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const multi = op === 'in' || op === 'includesAny' || op === 'includesAll';
    return (
      <fieldset className="chips" aria-label={t('guard.value')}>
        {options.map((o) => (
          <label key={o} className="chip">
            <input
              type={multi ? 'checkbox' : 'radio'}
              name={`v-${field?.path}`}
              checked={chosen.includes(o)}
              onChange={(e) => onChange(multi ? (e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o)) : o)}
            />
            {choiceLabel(o, lang)}
          </label>
        ))}
      </fieldset>
    );
  }
  if (options) {
    return (
      <select aria-label={t('guard.value')} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  if (field?.type === 'boolean') {
    return (
      <select aria-label={t('guard.value')} value={value === true ? 'true' : 'false'} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    );
  }
  if (field?.type === 'number') {
    const shown = typeof value === 'number' ? (field.percent ? Math.round(value * 1000) / 10 : value) : '';
    return (
      <span className="value-num">
        <input
          type="number"
          aria-label={t('guard.value')}
          value={shown}
          step={field.percent ? 1 : 'any'}
          onChange={(e) => onChange(e.target.value === '' ? undefined : field.percent ? Number(e.target.value) / 100 : Number(e.target.value))}
        />
        {field.percent && <span>%</span>}
      </span>
    );
  }
  return <input aria-label={t('guard.value')} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
}

/** The value kept when the operator changes: a list for list operators, one value for `includes`, a count for counts. */
function valueFor(op: ComparisonOp, value: unknown): { value?: unknown } {
  const list = Array.isArray(value) ? value : value === undefined || typeof value === 'number' ? [] : [value];
  if (op === 'exists') return {};
  if (op === 'countGte' || op === 'countLte') return { value: typeof value === 'number' ? value : 1 };
  if (op === 'in' || op === 'includesAny' || op === 'includesAll') return { value: list };
  if (op === 'includes') return list[0] === undefined ? {} : { value: list[0] };
  return value === undefined || Array.isArray(value) ? {} : { value };
}

/** The guard editor for one guard node (recursive for and / or / not). */
export function GuardBuilder({ guard, fields, onChange, depth = 0 }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';

  const changeType = (type: Guard['type']) => {
    if (type === guard.type) return;
    if (type === 'check') onChange(newCheck(fields));
    else if (type === 'role') onChange({ type: 'role', params: { in: ['guru_bk'] } });
    else if (type === 'not') onChange({ type: 'not', params: { guard } });
    else onChange({ type, params: { of: guard.type === 'and' || guard.type === 'or' ? guard.params.of : [guard] } });
  };

  return (
    <div className={`guard depth-${depth}`}>
      <div className="guard-row">
        <select aria-label={t('guard.type')} value={guard.type} onChange={(e) => changeType(e.target.value as Guard['type'])}>
          <option value="check">{t('guard.check')}</option>
          <option value="and">{t('guard.and')}</option>
          <option value="or">{t('guard.or')}</option>
          <option value="not">{t('guard.not')}</option>
          <option value="role">{t('guard.role')}</option>
        </select>
        <button type="button" className="icon-btn" aria-label={t('guard.remove')} title={t('guard.remove')} onClick={() => onChange(undefined)}>
          <X size={14} />
        </button>
      </div>
      {guard.type === 'check' && (
        <div className="guard-check">
          <select
            aria-label={t('guard.field')}
            value={guard.params.field}
            onChange={(e) => {
              const f = fields.find((x) => x.path === e.target.value);
              const op: ComparisonOp = f?.type === 'list' ? 'includesAny' : f?.type === 'boolean' || f?.options ? 'eq' : guard.params.op;
              onChange({ type: 'check', params: { field: e.target.value, op, value: f?.type === 'boolean' ? true : f?.type === 'list' ? [] : undefined } });
            }}
          >
            {!fields.some((f) => f.path === guard.params.field) && <option value={guard.params.field}>{guard.params.field}</option>}
            {fields.map((f) => (
              <option key={f.path} value={f.path}>
                {f.label[lang] ?? f.label.id}
              </option>
            ))}
          </select>
          <select
            aria-label={t('guard.op')}
            value={guard.params.op}
            onChange={(e) => onChange({ type: 'check', params: { field: guard.params.field, op: e.target.value as ComparisonOp, ...valueFor(e.target.value as ComparisonOp, guard.params.value) } })}
          >
            {[...new Set([...opsFor(fields.find((f) => f.path === guard.params.field), COMPARISON_OPS), guard.params.op])].map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op][lang]}
              </option>
            ))}
          </select>
          <ValueInput
            field={fields.find((f) => f.path === guard.params.field)}
            op={guard.params.op}
            value={guard.params.value}
            onChange={(value) => {
              const params = { ...guard.params, value };
              if (value === undefined) delete params.value;
              onChange({ type: 'check', params });
            }}
          />
        </div>
      )}
      {guard.type === 'role' && (
        <fieldset className="chips" aria-label={t('guard.role')}>
          {ROLES.map((r) => (
            <label key={r} className="chip">
              <input
                type="checkbox"
                checked={guard.params.in.includes(r)}
                onChange={(e) => {
                  const next: Role[] = e.target.checked ? [...guard.params.in, r] : guard.params.in.filter((x) => x !== r);
                  if (next.length) onChange({ type: 'role', params: { in: next } });
                }}
              />
              {ROLE_LABELS[r]?.[lang] ?? r}
            </label>
          ))}
        </fieldset>
      )}
      {guard.type === 'not' && (
        <div className="guard-children">
          <GuardBuilder guard={guard.params.guard} fields={fields} depth={depth + 1} onChange={(g) => onChange(g ? { type: 'not', params: { guard: g } } : undefined)} />
        </div>
      )}
      {(guard.type === 'and' || guard.type === 'or') && (
        <div className="guard-children">
          {guard.params.of.map((child, i) => (
            <GuardBuilder
              key={i}
              guard={child}
              fields={fields}
              depth={depth + 1}
              onChange={(g) => {
                const of = g ? guard.params.of.map((c, j) => (j === i ? g : c)) : guard.params.of.filter((_, j) => j !== i);
                onChange(of.length ? { type: guard.type, params: { of } } : undefined);
              }}
            />
          ))}
          <button type="button" className="link-btn" onClick={() => onChange({ type: guard.type, params: { of: [...guard.params.of, newCheck(fields)] } })}>
            <Plus size={13} /> {t('guard.addCondition')}
          </button>
        </div>
      )}
    </div>
  );
}
