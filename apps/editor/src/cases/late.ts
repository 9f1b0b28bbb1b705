/** "Terlambat 3 hari sekolah": how late an overdue task is, in school days (the API counts them by the school's calendar). */
import type { TFunction } from '../i18n/index.ts';

export function lateText(t: TFunction, lateSchoolDays: number | null | undefined): string {
  if (lateSchoolDays === null || lateSchoolDays === undefined) return t('cw.tasks.overdue');
  if (lateSchoolDays === 0) return t('cw.tasks.lateToday');
  return t('cw.tasks.lateBy', { count: lateSchoolDays });
}
