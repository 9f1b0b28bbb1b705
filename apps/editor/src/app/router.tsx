/**
 * Routing for the whole app, on wouter (about 2 KB gzip, where React
 * Router's data router was 30 KB of the phone's first download; issue 17).
 *
 * Pages use the names they know — `Link`, `NavLink`, `Navigate`,
 * `useNavigate`, `useLocation`, `useParams`, `useSearchParams`, `useBlocker`
 * — from this one module; what wouter does not have is written here, small:
 *   - `NavLink`: `active` class and `aria-current="page"` on the current menu entry;
 *   - `useBlocker`: the designer's "save before leaving" guard, for links,
 *     `navigate()` and the browser's back and forward buttons;
 *   - `RouteBoundary` and `useRouteError`: what a page shows when its code
 *     cannot load or it crashes, with the menu around it still usable.
 */
import { Component, createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, Redirect, Router, useLocation as useWouterLocation, useSearch } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';

export { Link, Route, Switch, useParams, useSearchParams } from 'wouter';

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

/** `navigate(to, { replace, state })`, through the leave guard. */
export function useNavigate(): (to: string, options?: NavigateOptions) => void {
  return useWouterLocation()[1];
}

/** The current address: path, query (with its `?`, or empty) and the history entry's state. */
export function useLocation(): { pathname: string; search: string; state: unknown } {
  const [pathname] = useWouterLocation();
  const search = useSearch();
  const state = useHistoryState();
  return { pathname, search: search ? `?${search}` : '', state };
}

/** Goes to `to` as soon as it renders. */
export function Navigate({ to, replace, state }: { to: string } & NavigateOptions) {
  return <Redirect to={to} replace={replace} state={state} />;
}

type NavLinkProps = Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, 'className' | 'href'> & {
  to: string;
  /** Lit only on `to` itself, not on the pages below it. */
  end?: boolean;
  className?: string | ((state: { isActive: boolean }) => string);
};

/** A menu entry: lit (`active`, `aria-current="page"`) on its page and, unless `end`, the pages below it. */
export function NavLink({ to, end, className, ...rest }: NavLinkProps) {
  const [path] = useWouterLocation();
  const isActive = path === to || (!end && path.startsWith(to.endsWith('/') ? to : `${to}/`));
  const cls = typeof className === 'function' ? className({ isActive }) : [className, isActive ? 'active' : ''].filter(Boolean).join(' ');
  return <Link to={to} className={cls || undefined} aria-current={isActive ? 'page' : undefined} {...rest} />;
}

/*
 * The leave guard. One page at a time may hold it (the designer). Every
 * navigation asks it first: links and `navigate()` through
 * `guardedNavigation`, the back and forward buttons through a `popstate`
 * listener registered here, before wouter's and before anything renders —
 * React draws a popstate's update at once, so a later listener would be too
 * late to keep the page.
 */
interface Guard {
  blocks(from: string, to: string): boolean;
  hold(go: () => void): void;
}
let guard: Guard | null = null;
/** The address the app shows now (wouter reports every push and replace as an event). */
let here = typeof window === 'undefined' ? '' : window.location.href;

type Navigation = (to: string, options?: NavigateOptions) => void;
function guardedNavigation(navigate: Navigation, to: string, options?: NavigateOptions): void {
  if (guard?.blocks(here, new URL(to, here).href)) guard.hold(() => navigate(to, options));
  else navigate(to, options);
}

if (typeof window !== 'undefined') {
  window.addEventListener(
    'popstate',
    () => {
      const target = window.location.href;
      if (guard?.blocks(here, target)) {
        // The address has moved already: put it back, then ask.
        window.history.pushState(null, '', here);
        guard.hold(() => window.history.pushState(null, '', target));
      } else here = target;
    },
    { capture: true },
  );
  for (const type of ['pushState', 'replaceState']) window.addEventListener(type, () => (here = window.location.href));
}

export interface Blocker {
  state: 'unblocked' | 'blocked';
  /** Goes where the user wanted to go. */
  proceed(): void;
  /** Stays. */
  reset(): void;
}

type ShouldBlock = (args: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) => boolean;

/**
 * Holds a navigation while `shouldBlock` says so, until `proceed()` or
 * `reset()`. The back and forward buttons have already changed the address
 * when the page hears of them: the address is put back, and `proceed()`
 * goes to where they pointed.
 */
export function useBlocker(shouldBlock: ShouldBlock): Blocker {
  const [held, setHeld] = useState<{ go: () => void } | null>(null);
  const should = useRef(shouldBlock);
  should.current = shouldBlock;
  useEffect(() => {
    const mine: Guard = {
      blocks: (from, to) => should.current({ currentLocation: { pathname: new URL(from).pathname }, nextLocation: { pathname: new URL(to).pathname } }),
      hold: (go) => setHeld({ go }),
    };
    guard = mine;
    return () => {
      if (guard === mine) guard = null;
    };
  }, []);
  return useMemo(
    () => ({
      state: held ? 'blocked' : 'unblocked',
      proceed() {
        setHeld(null);
        held?.go();
      },
      reset() {
        setHeld(null);
      },
    }),
    [held],
  );
}

/** The app's router: the browser's address, every navigation through the leave guard. */
export function AppRouter({ children }: { children: ReactNode }) {
  return <Router aroundNav={guardedNavigation as never}>{children}</Router>;
}

const RouteErrorContext = createContext<unknown>(undefined);

/** Inside a route boundary's fallback: what went wrong. */
export function useRouteError(): unknown {
  return useContext(RouteErrorContext);
}

interface BoundaryProps {
  fallback: ReactNode;
  /** The path the boundary stands on: an error belongs to its page, and going elsewhere clears it. */
  path: string;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps, { error: unknown; at: string | null }> {
  override state = { error: undefined as unknown, at: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { error: unknown; at: string | null }) {
    if (state.error === undefined) return null;
    if (state.at === null) return { at: props.path };
    return state.at === props.path ? null : { error: undefined, at: null };
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return <RouteErrorContext.Provider value={this.state.error}>{this.props.fallback}</RouteErrorContext.Provider>;
  }
}

/** A page's error boundary: a crash or code that cannot load shows `fallback`, until the user goes to another page. */
export function RouteBoundary({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const [path] = useWouterLocation();
  return (
    <Boundary fallback={fallback} path={path}>
      {children}
    </Boundary>
  );
}
