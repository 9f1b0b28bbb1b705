/**
 * The password change form: current (or temporary) password, the new one
 * twice. Checked here first (length, repeat, different) so the common
 * mistakes are named before a request; the API checks the same again.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { MIN_PASSWORD_LENGTH, useChangePassword } from './queries.ts';
import './messages.ts';

export function PasswordForm({ temporary = false, onDone }: { temporary?: boolean; onDone?: () => void }) {
  const { t } = useTranslation('account');
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    change.reset();
    if (next.length < MIN_PASSWORD_LENGTH) return setProblem(t('tooShort', { min: MIN_PASSWORD_LENGTH }));
    if (next !== repeat) return setProblem(t('mismatch'));
    if (next === current) return setProblem(t('same'));
    setProblem(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          onDone?.();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="account-form" data-testid="password-form" noValidate>
      <label className="field">
        <span>{temporary ? t('temporary') : t('current')}</span>
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required data-testid="password-current" />
      </label>
      <label className="field">
        <span>{t('new')}</span>
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={MIN_PASSWORD_LENGTH} aria-describedby="password-hint" data-testid="password-new" />
      </label>
      <label className="field">
        <span>{t('repeat')}</span>
        <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required data-testid="password-repeat" />
      </label>
      <p id="password-hint" className="muted small">
        {t('hint', { min: MIN_PASSWORD_LENGTH })}
      </p>
      {(problem || change.isError) && (
        <p className="error-text" role="alert" data-testid="password-error">
          {problem ?? change.error?.message}
        </p>
      )}
      {change.isSuccess && !onDone && (
        <p className="privacy-ok" role="status" data-testid="password-done">
          {t('done')}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={change.isPending} data-testid="password-submit">
        {change.isPending ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
