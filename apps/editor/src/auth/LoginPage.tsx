import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useLogin, useMe } from './session.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';

/** Sign-in with email and password (the session is a cookie). */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // No page asked for: each role's start page (the index route, app/access.ts).
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me.data) return <Navigate to={from} replace />;
  return (
    <main className="login-page">
      <form
        className="card login-card"
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ email, password }, { onSuccess: () => void navigate(from, { replace: true }) });
        }}
      >
        <div className="brand big">
          <span className="brand-mark" aria-hidden>
            J
          </span>{' '}
          Jalur
        </div>
        <p className="muted">{t('login.tagline')}</p>
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required data-testid="login-email" />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="login-password" />
        </label>
        {login.isError && (
          <p className="error-text" role="alert">
            {login.error.message}
          </p>
        )}
        <button type="submit" className="btn primary wide" disabled={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
