/**
 * A part of a page whose code comes after the page has drawn (its own chunk,
 * issue 17): `lazySection(() => import('./X.tsx'))` gives a component that
 * starts loading when first drawn, and `<Section>` draws it with a quiet
 * placeholder of a given height while the code is on its way (the page does
 * not jump) and, when the code cannot be loaded (no connection, an old
 * version replaced on the server), says so in words with a "try again"
 * button instead of taking the whole page down.
 *
 * `whenSectionsReady()` resolves once every section drawn on the page has its
 * code and no placeholder is left: printing waits for it, so a printed case
 * summary has all its parts.
 */
import { Component, Suspense, createElement, lazy, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';

/** Loads started so far (whenSectionsReady waits for each). */
const started = new Set<Promise<unknown>>();
/** How to start again each part whose code could not be loaded ("try again"). */
const failed = new Set<() => void>();

export interface LazyPart<P> {
  (props: P): ReactNode;
  /** Starts loading the code now (e.g. before printing). */
  preload: () => Promise<unknown>;
}

type Part = (props: never) => ReactNode;

/** The component `name` (default: the default export) of the module `load` imports, drawn once its code is here. */
export function lazySection<K extends string = 'default', M extends Record<K, Part> = Record<K, Part>>(load: () => Promise<M>, name: K = 'default' as K): LazyPart<Parameters<M[K]>[0]> {
  type P = Parameters<M[K]>[0];
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => {
    if (!loading) {
      const now = load().then((m) => ({ default: m[name] as unknown as ComponentType<P> }));
      loading = now;
      started.add(now);
      // A failed load stays failed (its error shows) until "try again" fetches anew.
      now.catch(() => {
        started.delete(now);
        failed.add(() => {
          loading = null;
          Lazy = lazy(preload);
        });
      });
    }
    return loading;
  };
  let Lazy = lazy(preload);
  const Part = (props: P) => createElement(Lazy as unknown as ComponentType<object>, props as object);
  Part.preload = preload;
  return Part as LazyPart<P>;
}

class Boundary extends Component<{ children: ReactNode; name: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) return <SectionError error={this.state.error} name={this.props.name} retry={() => {
            for (const again of failed) again();
            failed.clear();
            this.setState({ error: null });
          }} />;
    return this.props.children;
  }
}

function SectionError({ error, name, retry }: { error: Error; name: string; retry: () => void }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  // A chunk that did not arrive says so in the browser's words ("Failed to fetch dynamically imported module: …"): ours are plainer.
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  const chunk = /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload/i.test(error.message);
  const text = en
    ? `This part of the page could not be loaded${offline ? ': there is no connection' : chunk ? ': the app may have been updated, or the connection dropped' : `: ${error.message}`}.`
    : `Bagian halaman ini tidak dapat dimuat${offline ? ': tidak ada sambungan' : chunk ? ': aplikasi mungkin baru diperbarui, atau sambungan terputus' : `: ${error.message}`}.`;
  return (
    <div className="cw-msg error" role="alert" data-testid="section-error" data-section={name}>
      {text}{' '}
      <button type="button" className="btn small" onClick={retry} data-testid="section-retry">
        {en ? 'Try again' : 'Coba lagi'}
      </button>
    </div>
  );
}

/** Where a lazy part is drawn: its placeholder (`minHeight` px, or the given element) until its code is here, its error in words. */
export function Section({ name, minHeight = 0, fallback, children }: { name: string; minHeight?: number; fallback?: ReactNode; children: ReactNode }) {
  return (
    <Boundary name={name}>
      <Suspense fallback={fallback ?? <div className="cw-section-pending" data-section-pending={name} aria-busy="true" style={{ minHeight }} />}>{children}</Suspense>
    </Boundary>
  );
}

/**
 * Resolves once the code of every section started so far has arrived and the
 * page shows no section placeholder (`[data-section-pending]`), or after `timeoutMs`.
 */
export async function whenSectionsReady(timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const frame = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  await Promise.race([Promise.allSettled([...started]), new Promise((done) => setTimeout(done, timeoutMs))]);
  while (Date.now() < deadline) {
    await frame();
    if (!document.querySelector('[data-section-pending]')) return;
  }
}
