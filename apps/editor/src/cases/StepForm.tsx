/**
 * A step's form, rendered from its definition (text, number, date, choice,
 * yes/no, a pick from a register). The register picker (funds, partners,
 * peer counsellors) is its own chunk, loaded when a form has such a field:
 * the case page's first view does without the registers' code (issue 17).
 */
import { useTranslation } from '../i18n/index.ts';
import type { FieldError, FormField } from '@jalur/engine';
import { loc } from './i18n.ts';
import { choiceLabel } from '../i18n/values.ts';
import { lazySection, Section } from './LazySection.tsx';

const RegisterPicker = lazySection(() => import('./RegisterPicker.tsx'), 'RegisterPicker');

export function StepForm({ fields, values, errors, onChange }: { fields: readonly FormField[]; values: Record<string, unknown>; errors: readonly FieldError[]; onChange: (name: string, value: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="cw-form" data-testid="step-form">
      {fields.map((f) => {
        const err = errors.find((e) => e.field === f.name);
        const label = `${loc(f.label, lang)}${f.required ? ' *' : ''}`;
        const v = values[f.name];
        const common = { name: f.name, 'aria-invalid': err ? true : undefined, 'data-field': f.name } as const;
        let input;
        switch (f.type) {
          case 'number':
            input = <input type="number" {...common} value={typeof v === 'number' ? v : ''} onChange={(e) => onChange(f.name, e.target.value === '' ? undefined : Number(e.target.value))} />;
            break;
          case 'date':
            input = <input type="date" {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(f.name, e.target.value || undefined)} />;
            break;
          case 'choice':
            input = (
              <select {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(f.name, e.target.value || undefined)}>
                <option value="">—</option>
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {choiceLabel(o, lang)}
                  </option>
                ))}
              </select>
            );
            break;
          case 'boolean':
            input = (
              <select {...common} value={v === true ? 'true' : v === false ? 'false' : ''} onChange={(e) => onChange(f.name, e.target.value === '' ? undefined : e.target.value === 'true')}>
                <option value="">—</option>
                <option value="true">{t('common.yes')}</option>
                <option value="false">{t('common.no')}</option>
              </select>
            );
            break;
          case 'register':
            // A fund, referral partner or peer counsellor of the school's registers, by name (see RegisterPicker.tsx).
            input = (
              <Section name="register-picker" fallback={<select {...common} data-register={f.register} disabled value=""><option value="">{t('common.loading')}</option></select>}>
                <RegisterPicker field={f} value={v} invalid={!!err} onChange={(x) => onChange(f.name, x)} />
              </Section>
            );
            break;
          default:
            input = <textarea {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(f.name, e.target.value || undefined)} />;
        }
        return (
          <label key={f.name} className={f.type === 'text' ? 'wide' : ''}>
            {label}
            {input}
            {err && <span className="cw-field-error">{loc(err.message, lang)}</span>}
          </label>
        );
      })}
    </div>
  );
}
