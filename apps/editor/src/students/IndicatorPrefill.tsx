/**
 * Prefill, do not retype: the identify step's attendance and grade fields
 * filled from the student's imported indicators (the API computes them with
 * the early-warning definitions: sakit, izin and alpa apart), with the
 * source shown; the teacher checks them and sends the step.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { call } from '../cases/http.ts';
import '../cases/school-year-core-i18n.ts';

export interface Prefill {
  values: Record<string, number>;
  source: { attendancePeriod: string | null; gradeTerm: string | null; recordedAt: string | null };
}

/** The prefill of a student (null while loading, or when the caller may not read their indicators). */
export function useIndicatorPrefill(studentId: string | undefined): Prefill | null {
  const q = useQuery({
    queryKey: ['cw', 'prefill', studentId],
    queryFn: () => call<{ prefill: Prefill }>('GET', `/api/students/${studentId}/indicators`).then((r) => r.prefill),
    enabled: studentId !== undefined,
    retry: false,
  });
  return q.data ?? null;
}

/** Values for the number fields of a step's form that the indicators answer. */
export function prefillValues(fields: readonly { name: string; type: string }[], prefill: Prefill | null): Record<string, unknown> {
  if (!prefill) return {};
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.type === 'number' && typeof prefill.values[f.name] === 'number') out[f.name] = prefill.values[f.name];
  return out;
}

/** Where the prefilled figures come from. */
export function PrefillNote({ prefill, fields }: { prefill: Prefill | null; fields: readonly { name: string; type: string }[] }) {
  const { t } = useTranslation();
  if (!prefill || Object.keys(prefillValues(fields, prefill)).length === 0) return null;
  const v = prefill.values;
  const parts: string[] = [];
  if (prefill.source.attendancePeriod)
    parts.push(t('sy.prefill.attendance', { period: prefill.source.attendancePeriod, sick: v.sickDays ?? 0, permitted: v.permittedDays ?? 0, alpa: v.alpaDays ?? 0 }));
  if (prefill.source.gradeTerm) parts.push(t('sy.prefill.grades', { term: prefill.source.gradeTerm }));
  return (
    <p className="cw-msg info small" data-testid="prefill-note">
      {t('sy.prefill.from')} {parts.join('; ')}
      {prefill.source.recordedAt ? ` (${t('sy.prefill.recorded', { date: prefill.source.recordedAt.slice(0, 10) })})` : ''}. {t('sy.prefill.check')}
    </p>
  );
}
