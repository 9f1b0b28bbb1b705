/** The real Hono app on a demo database, signed in per demo account, for report route tests. */
import { createApp } from '@jalur/api';
import { ManualClock } from '@jalur/api';
import { DEMO_PASSWORD } from '../../packages/cases/src/index.ts';
import type { DemoDb } from './demo-db.ts';

export interface ApiClient {
  app: ReturnType<typeof createApp>;
  clock: ManualClock;
  /** A bearer token for a demo account. */
  login(email: string): Promise<string>;
  get(path: string, token?: string): Promise<Response>;
  send(method: 'POST' | 'PUT', path: string, token: string, body: unknown): Promise<Response>;
}

export function apiClient(demo: Pick<DemoDb, 'db'>, now: Date): ApiClient {
  const clock = new ManualClock(now);
  const app = createApp({ db: demo.db, clock, loginRateLimit: { maxAttempts: 1000, windowMs: 60_000 } });
  const tokens = new Map<string, string>();
  return {
    app,
    clock,
    async login(email) {
      const known = tokens.get(email);
      if (known) return known;
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      tokens.set(email, token);
      return token;
    },
    async get(path, token) {
      return app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    },
    async send(method, path, token, body) {
      return app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    },
  };
}
