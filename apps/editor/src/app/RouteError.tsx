/**
 * What a route shows when it cannot: offline (the page's code or data cannot
 * be fetched), a page that does not exist, or a crash — each as a plain
 * sentence in the UI's language with a way on, never React Router's
 * developer page.
 */
import { Link, useRouteError } from './router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { CloudOff, TriangleAlert } from 'lucide-react';
import { ApiFailure } from '../api/client.ts';
import { useOnline } from './online.ts';
import { removeBootPreview } from './boot-data.ts';
import './i18n.ts';

/** A lazy page's code that could not be fetched (offline, or a deploy removed the old chunk). */
function isLoadFailure(e: unknown): boolean {
  if (e instanceof ApiFailure) return e.status === 0;
  const m = e instanceof Error ? e.message : String(e);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported|Failed to fetch|NetworkError|Unable to preload CSS/i.test(m);
}

/** The offline page: what works without a connection, and a way to try again. */
export function OfflinePage() {
  const { t } = useTranslation();
  removeBootPreview();
  return (
    <main className="page offline-page" data-testid="offline-page" role="alert">
      <CloudOff size={40} aria-hidden className="muted" />
      <h1>{t('shell.offline.title')}</h1>
      <p>{t('shell.offline.body')}</p>
      <button type="button" className="btn primary" onClick={() => window.location.reload()} data-testid="offline-retry">
        {t('shell.offline.retry')}
      </button>
    </main>
  );
}

export function RouteError() {
  const { t } = useTranslation();
  removeBootPreview();
  const error = useRouteError();
  const online = useOnline();
  if (!online || (isLoadFailure(error) && error instanceof ApiFailure)) return <OfflinePage />;
  if (isLoadFailure(error)) {
    // The browser says it is online, yet the page's code did not arrive: a weak connection, or a newer build replaced it.
    return (
      <main className="page route-error" data-testid="route-load-failed" role="alert">
        <h1>{t('shell.error.loadTitle')}</h1>
        <p>{t('shell.error.loadBody')}</p>
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          {t('shell.error.reload')}
        </button>
      </main>
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <main className="page route-error" data-testid="route-error" role="alert">
      <TriangleAlert size={40} aria-hidden className="error-text" />
      <h1>{t('shell.error.title')}</h1>
      <p>{t('shell.error.body')}</p>
      <p className="row">
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          {t('shell.error.reload')}
        </button>
        <Link to="/" className="btn">
          {t('shell.error.home')}
        </Link>
      </p>
      <details className="muted small">
        <summary>{t('shell.error.details')}</summary>
        <pre>{detail}</pre>
      </details>
    </main>
  );
}
