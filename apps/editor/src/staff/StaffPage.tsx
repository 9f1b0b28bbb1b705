/**
 * Accounts and roles (route `/staff`):
 * - the kepsek sees the school's staff: a role selector per person that saves
 *   through `PUT /api/staff/:id/role`, and the account buttons (reset the
 *   password, disable, enable) for the staff they manage;
 * - the district admin sees the kepsek accounts of its schools with the same
 *   account buttons (`/api/accounts`).
 */
import { useTranslation } from '../i18n/index.ts';
import { Navigate } from '../app/router.tsx';
import { useMe } from '../auth/session.ts';
import { errorText } from '../cases/http.ts';
import { useAccounts, type Account } from '../account/queries.ts';
import { AccountActions } from './AccountActions.tsx';
import { useStaff } from './queries.ts';
import { StaffRow } from './StaffRow.tsx';
import './messages.ts';
import '../cases/cases.css';
import '../privacy/privacy.css';
import './staff.css';

export function Component() {
  const me = useMe().data;
  if (me && me.role !== 'kepsek' && me.role !== 'admin_dinas') return <Navigate to="/" replace />;
  if (me?.role === 'admin_dinas') return <KepsekAccounts />;
  return <SchoolStaff myId={me?.id} />;
}

function SchoolStaff({ myId }: { myId: string | undefined }) {
  const { t } = useTranslation('staff');
  const staff = useStaff();
  const accounts = useAccounts();
  const byId = new Map<string, Account>((accounts.data?.items ?? []).map((a) => [a.id, a]));
  return (
    <div className="cw-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <p className="muted">{t('accountsIntro')}</p>
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
                <th>{t('account')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((m) => (
                <StaffRow key={m.id} member={m} isSelf={m.id === myId} account={byId.get(m.id)} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function KepsekAccounts() {
  const { t } = useTranslation('staff');
  const accounts = useAccounts();
  return (
    <div className="cw-page">
      <h1>{t('districtTitle')}</h1>
      <p className="muted">{t('districtIntro')}</p>
      <section className="cw-section">
        {accounts.isPending && <p className="muted">{t('loading')}</p>}
        {accounts.isError && (
          <p className="error-text" role="alert">
            {errorText(accounts.error)}
          </p>
        )}
        {accounts.data?.items.length === 0 && <p className="muted">{t('districtEmpty')}</p>}
        {accounts.data && accounts.data.items.length > 0 && (
          <table className="cw-table" data-testid="kepsek-accounts">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('school')}</th>
                <th>{t('email')}</th>
                <th>{t('account')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.items.map((a) => (
                <tr key={a.id} data-testid="staff-row" data-email={a.email}>
                  <td>
                    {a.name} {a.disabled && <span className="muted small">· {t('disabled')}</span>}
                  </td>
                  <td>{a.schoolName ?? '—'}</td>
                  <td>{a.email}</td>
                  <td>
                    <AccountActions account={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
