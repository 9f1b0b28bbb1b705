/**
 * The account buttons of one person on the staff page: reset the password to
 * a one-time one (asked first; the password is shown here once, to hand to
 * the person, who must replace it at the next sign-in), disable (their
 * sessions end at once) or enable again. Only for accounts the server says
 * the caller manages.
 */
import { useTranslation } from '../i18n/index.ts';
import { errorText } from '../cases/http.ts';
import { useDisableAccount, useEnableAccount, useResetPassword, type Account } from '../account/queries.ts';

export function AccountActions({ account }: { account: Account }) {
  const { t } = useTranslation('staff');
  const reset = useResetPassword();
  const disable = useDisableAccount();
  const enable = useEnableAccount();
  const busy = reset.isPending || disable.isPending || enable.isPending;
  const failed = reset.error ?? disable.error ?? enable.error;
  const clear = () => {
    reset.reset();
    disable.reset();
    enable.reset();
  };

  return (
    <div className="staff-account" data-testid="account-actions">
      {account.mustChangePassword && !reset.isSuccess && <span className="muted small staff-badge">{t('mustChange')}</span>}
      <button
        type="button"
        className="btn small"
        disabled={busy || account.disabled}
        data-testid="account-reset"
        aria-label={t('resetFor', { name: account.name })}
        onClick={() => {
          if (!window.confirm(t('resetConfirm', { name: account.name }))) return;
          clear();
          reset.mutate(account.id);
        }}
      >
        {t('reset')}
      </button>
      {account.disabled ? (
        <button type="button" className="btn small" disabled={busy} data-testid="account-enable" aria-label={t('enableFor', { name: account.name })} onClick={() => { clear(); enable.mutate(account.id); }}>
          {t('enable')}
        </button>
      ) : (
        <button
          type="button"
          className="btn small danger"
          disabled={busy}
          data-testid="account-disable"
          aria-label={t('disableFor', { name: account.name })}
          onClick={() => {
            if (!window.confirm(t('disableConfirm', { name: account.name }))) return;
            clear();
            disable.mutate(account.id);
          }}
        >
          {t('disable')}
        </button>
      )}
      <div role="status" className="small staff-status">
        {reset.isSuccess && (
          <div className="staff-temporary" data-testid="account-temporary">
            {t('temporaryIntro', { name: account.name })} <code data-testid="account-temporary-password">{reset.data.temporaryPassword}</code>
            <span className="muted"> {t('temporaryOnce')}</span>
          </div>
        )}
        {disable.isSuccess && <span className="privacy-ok">{t('disabledNow', { name: account.name })}</span>}
        {enable.isSuccess && <span className="privacy-ok">{t('enabledNow', { name: account.name })}</span>}
        {failed && <span className="error-text">{errorText(failed)}</span>}
      </div>
    </div>
  );
}
