/**
 * The school's staff and their roles (kepsek only, route `/staff`): a role
 * selector per person that saves through `PUT /api/staff/:id/role`.
 */
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../auth/session.ts';
import { errorText } from '../cases/http.ts';
import { useStaff } from './queries.ts';
import { StaffRow } from './StaffRow.tsx';
import './messages.ts';
import '../cases/cases.css';
import '../privacy/privacy.css';
import './staff.css';

export function Component() {
  const { t } = useTranslation('staff');
  const me = useMe().data;
  const isKepsek = me?.role === 'kepsek';
  const staff = useStaff();
  if (me && !isKepsek) return <Navigate to="/" replace />;
  return (
    <div className="cw-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <section className="cw-section">
        {staff.isPending && <p className="muted">{t('loading')}</p>}
        {staff.isError && (
          <p className="error-text" role="alert">
            {errorText(staff.error)}
          </p>
        )}
        {staff.data?.items.length === 0 && <p className="muted">{t('empty')}</p>}
        {staff.data && staff.data.items.length > 0 && (
          <table className="cw-table" data-testid="staff">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('email')}</th>
                <th>{t('role')}</th>
                <th>
                  <span className="sr-only">{t('save')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((m) => (
                <StaffRow key={m.id} member={m} isSelf={m.id === me?.id} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
