/**
 * `/reports`: the school's M&E report for kepsek and guru BK; the district
 * admin sees the de-identified district aggregates instead.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useMe } from '../auth/session.ts';
import './messages.ts';
import './reports.css';
import { SchoolDashboard } from './SchoolDashboard.tsx';
import { SemesterReport } from './SemesterReport.tsx';

const DistrictDashboard = lazy(() => import('../district/DistrictDashboard.tsx'));

export function Component() {
  const { t } = useTranslation('reports');
  const { t: tApp } = useTranslation();
  const me = useMe();
  const role = me.data?.role;
  return (
    <div className="page report-page">
      {role === 'admin_dinas' ? (
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <DistrictDashboard />
        </Suspense>
      ) : role === 'kepsek' || role === 'guru_bk' ? (
        <>
          <SchoolDashboard />
          <SemesterReport />
        </>
      ) : (
        <p className="muted">{me.isPending ? t('loading') : tApp('shell.forbidden.page', { role: tApp(`role.${role}`) })}</p>
      )}
    </div>
  );
}
