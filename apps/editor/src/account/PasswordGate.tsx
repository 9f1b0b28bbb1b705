/**
 * Around the signed-in app: a user holding a one-time password (after a
 * reset by their kepsek or the district admin) sees only the forced change
 * screen — the API refuses everything else with 403
 * `password_change_required` until the password is replaced.
 */
import { useNavigate } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useLogout, useMe } from '../auth/session.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { useMustChangePassword } from './queries.ts';
import './messages.ts';
import '../privacy/privacy.css';
import './account.css';

export function PasswordGate({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation('account');
  const { t: tr } = useTranslation();
  const me = useMe().data;
  const mustChange = useMustChangePassword(me?.id);
  const logout = useLogout();
  const navigate = useNavigate();
  if (me && mustChange.isPending) return <div className="splash">{tr('common.loading')}</div>;
  if (!me || mustChange.data !== true) return <>{children}</>;
  return (
    <main className="login-page">
      <section className="card login-card account-forced" data-testid="forced-password-change" aria-labelledby="forced-title">
        <div className="brand big">
          <span className="brand-mark" aria-hidden>
            J
          </span>{' '}
          Jalur
        </div>
        <h1 id="forced-title">{t('forcedTitle')}</h1>
        <p className="muted">{t('forcedIntro', { name: me.name })}</p>
        <PasswordForm temporary onDone={() => void mustChange.refetch()} />
        <div className="account-forced-end">
          <LanguageSwitch />
          <button type="button" className="btn small" onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login') })}>
            {t('logout')}
          </button>
        </div>
      </section>
    </main>
  );
}
