/**
 * The real API on the seeded demo database, on SQLite and on PostgreSQL, for
 * tests that run on both dialects: the app at a manual clock, the demo's
 * staff, and `call`, which signs a user in with a real session (bearer token,
 * one per user) and reads the answer's bytes and JSON.
 */
import { createApp, ManualClock } from '@jalur/api';
import type { User } from '../../packages/db/src/index.ts';
import { openDemoDb, type SeededDb } from '../reports/demo-db.ts';
import { openPgDemoDb } from '../reports/pg-demo-db.ts';

export type Opener = () => Promise<SeededDb>;

/** `describe.each(DEMO_DIALECTS)('… (%s)', (dialect, open) => …)`. */
export const DEMO_DIALECTS: [string, Opener][] = [
  ['SQLite', openDemoDb],
  ['PostgreSQL', openPgDemoDb],
];

export interface ApiAnswer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The parsed body when it is JSON. */
  json: any;
}

export interface DemoApi {
  demo: SeededDb;
  clock: ManualClock;
  call(user: User, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /** Sekolah A's staff, the district admin, and Sekolah B's guru BK. */
  kepsek: User;
  bk: User;
  wali: User;
  tim: User;
  dinas: User;
  bkB: User;
}

/** Opens the demo database with `open` and the API on it at `now`. */
export async function openDemoApi(open: Opener, now: Date): Promise<DemoApi> {
  const demo = await open();
  const clock = new ManualClock(now);
  const app = createApp({ db: demo.db, clock });
  const tokens = new Map<string, string>();
  async function call(user: User, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    let token = tokens.get(user.id);
    if (!token) tokens.set(user.id, (token = (await demo.db.sessions.create({ userId: user.id, now: clock.now() })).token));
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`/api${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, bytes, json: type.includes('json') ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined };
  }
  try {
    return {
      demo, clock, call,
      kepsek: await demo.user('kepsek@sekolah-a.demo'),
      bk: await demo.user('bk@sekolah-a.demo'),
      wali: await demo.user('walikelas@sekolah-a.demo'),
      tim: await demo.user('tim@sekolah-a.demo'),
      dinas: await demo.user('dinas@provinsi.demo'),
      bkB: await demo.user('bk@sekolah-b.demo'),
    };
  } catch (e) {
    await demo.close();
    throw e;
  }
}
