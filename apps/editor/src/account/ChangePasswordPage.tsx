/** `/account/password`: the signed-in user changes their own password (from the user menu). */
import { useTranslation } from '../i18n/index.ts';
import { PasswordForm } from './PasswordForm.tsx';
import './messages.ts';
import '../cases/cases.css';
import '../privacy/privacy.css';
import './account.css';

export function Component() {
  const { t } = useTranslation('account');
  return (
    <div className="cw-page account-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <section className="cw-section">
        <PasswordForm />
      </section>
    </div>
  );
}
