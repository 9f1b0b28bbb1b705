/**
 * A real database in a temporary folder with two schools, one user per role,
 * students and published pathways — for the API's tests and benchmarks.
 * Everything goes through `@jalur/db`'s repositories, never around them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword, openDatabase, type JalurDb, type PathwayVersionRow, type StudentRow, type User } from '@jalur/db';
import type { Role } from '@jalur/engine';
import { createApp } from '../app.ts';
import { CompiledPathways } from '@jalur/cases';
import { ManualClock } from '../clock.ts';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIXTURE_PASSWORD = 'rahasia-uji-123';
/** Every fixture user's password hash, made once per process (scrypt at full cost is slow on purpose). */
let fixtureHash: Promise<string> | undefined;
const passwordHashOf = () => (fixtureHash ??= hashPassword(FIXTURE_PASSWORD));

/**
 * A small loop pathway: counseling (guru BK) → monitoring with a 7-day timer
 * → decision → closed. `CATAT` records a note and stays, so one case can take
 * many events (crash test, benchmarks).
 */
export const LOOP_PATHWAY = {
  format: 'jalur.pathway/1',
  key: 'uji-loop',
  title: { id: 'Alur uji', en: 'Test pathway' },
  machine: {
    id: 'uji-loop',
    initial: 'konseling',
    states: {
      konseling: {
        meta: {
          kind: 'counseling_individual',
          title: { id: 'Konseling individual', en: 'Individual counseling' },
          roles: ['guru_bk', 'tim'],
          form: [{ name: 'catatan', type: 'text', label: { id: 'Catatan' } }],
          dueInDays: 5,
          confidentiality: 'rahasia',
        },
        on: {
          CATAT: { target: 'konseling', meta: { label: { id: 'Catat sesi', en: 'Log a session' } } },
          SESI_SELESAI: { target: 'pemantauan', meta: { label: { id: 'Sesi selesai', en: 'Session done' } } },
        },
      },
      pemantauan: {
        meta: { kind: 'monitoring', title: { id: 'Pemantauan', en: 'Monitoring' }, roles: ['guru_bk', 'wali_kelas'], form: [{ name: 'hadir', type: 'boolean', label: { id: 'Hadir', en: 'Present' } }] },
        on: { CEK: { target: 'pemantauan' }, EVALUASI: { target: 'keputusan' } },
        after: { P7D: { target: 'keputusan' } },
      },
      keputusan: {
        meta: {
          kind: 'decision', title: { id: 'Keputusan', en: 'Decision' }, roles: ['guru_bk', 'kepsek'],
          form: [{ name: 'outcome', type: 'choice', options: ['resolved', 'transferred', 'dropped_out'], label: { id: 'Hasil akhir', en: 'Outcome' } }],
        },
        on: { TUTUP: { target: 'selesai' }, LANJUT: { target: 'konseling' } },
      },
      selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Closed' } } },
    },
  },
  layout: {},
} as const;

export interface SchoolFixture {
  id: string;
  users: Record<'kepsek' | 'guru_bk' | 'wali_kelas' | 'tim', User>;
  /** Students in class `X-1` (the wali kelas's class) and `X-2`. */
  students: StudentRow[];
  loop: { pathwayId: string; version: PathwayVersionRow };
  srps: { pathwayId: string; version: PathwayVersionRow };
}

export interface Fixture {
  dir: string;
  file: string;
  db: JalurDb;
  clock: ManualClock;
  compiled: CompiledPathways;
  districtId: string;
  a: SchoolFixture;
  b: SchoolFixture;
  dinas: User;
  close(): Promise<void>;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`fixture: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function publish(db: JalurDb, districtId: string, schoolId: string, doc: Record<string, unknown>, by: string, now: Date) {
  const scope = { districtId, schoolId };
  const title = (doc.title as { id: string }).id;
  const p = must(await db.pathways.create(scope, { key: String(doc.key), title, draft: doc, updatedBy: by, now }));
  const version = must(await db.pathways.publish(scope, { id: p.id, publishedBy: by, now }));
  return { pathwayId: p.id, version };
}

async function school(db: JalurDb, districtId: string, name: string, tag: string, clock: ManualClock, studentCount: number): Promise<SchoolFixture> {
  const now = clock.now();
  const s = await db.schools.create({ districtId, name, now });
  const user = async (role: Role, className: string | null = null) =>
    must(await db.users.create({ email: `${role}@${tag}.uji`, name: `${role} ${name}`, role, schoolId: s.id, districtId, className, password: FIXTURE_PASSWORD, passwordHash: await passwordHashOf(), now }));
  const users = { kepsek: await user('kepsek'), guru_bk: await user('guru_bk'), wali_kelas: await user('wali_kelas', 'X-1'), tim: await user('tim') };
  const students: StudentRow[] = [];
  for (let i = 0; i < studentCount; i++) {
    students.push(
      must(await db.students.create(s.id, { nisn: `${tag === 'a' ? 1 : 2}${String(i).padStart(9, '0')}`, name: `Siswa ${tag.toUpperCase()}${i}`, className: i % 2 === 0 ? 'X-1' : 'X-2' }, { now, actorId: null })),
    );
  }
  const srpsDoc = JSON.parse(readFileSync(join(ROOT, 'workflows', 'srps-standar.json'), 'utf8')) as Record<string, unknown>;
  return {
    id: s.id,
    users,
    students,
    loop: await publish(db, districtId, s.id, LOOP_PATHWAY as unknown as Record<string, unknown>, users.kepsek.id, now),
    srps: await publish(db, districtId, s.id, srpsDoc, users.kepsek.id, now),
  };
}

/** Opens a fresh database file in a temp folder and fills it. */
export async function createFixture(options: { studentsPerSchool?: number; synchronous?: 'FULL' | 'NORMAL' } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'jalur-api-'));
  const file = join(dir, 'jalur.db');
  const db = await openDatabase({ url: `file:${file}`, ...(options.synchronous ? { synchronous: options.synchronous } : {}) });
  const clock = new ManualClock('2026-02-02T01:00:00.000Z');
  const district = await db.districts.create({ name: 'Kabupaten Uji', now: clock.now() });
  const n = options.studentsPerSchool ?? 6;
  const a = await school(db, district.id, 'Sekolah A', 'a', clock, n);
  const b = await school(db, district.id, 'Sekolah B', 'b', clock, n);
  const dinas = must(
    await db.users.create({ email: 'dinas@kabupaten.uji', name: 'Admin Dinas', role: 'admin_dinas', schoolId: null, districtId: district.id, password: FIXTURE_PASSWORD, passwordHash: await passwordHashOf(), now: clock.now() }),
  );
  return {
    dir, file, db, clock, compiled: new CompiledPathways(db), districtId: district.id, a, b, dinas,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a fixture call answered (body parsed as JSON when it is JSON). */
export interface CallResult {
  status: number;
  body: any;
  headers: globalThis.Headers;
}

export interface FixtureApp {
  app: ReturnType<typeof createApp>;
  call(user: User | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  tokenFor(user: User): Promise<string>;
}

/** An app on the fixture's database and clock, and helpers to call it as a user. */
export function fixtureApp(f: Fixture): FixtureApp {
  const app = createApp({ db: f.db, clock: f.clock, compiled: f.compiled });
  const tokens = new Map<string, { token: string; at: number }>();
  /** A session token for `user`, made anew once the test clock has moved an hour past it. */
  async function tokenFor(user: User): Promise<string> {
    const now = f.clock.now();
    let entry = tokens.get(user.id);
    if (!entry || now.getTime() - entry.at > 3_600_000) {
      entry = { token: (await f.db.sessions.create({ userId: user.id, now })).token, at: now.getTime() };
      tokens.set(user.id, entry);
    }
    return entry.token;
  }
  /** A request as `user` (Bearer), or anonymous when `user` is null. */
  async function call(user: User | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
    const h: Record<string, string> = { ...headers };
    if (user) h.authorization = `Bearer ${await tokenFor(user)}`;
    if (body !== undefined) h['content-type'] ??= 'application/json';
    const res = await app.request(path, { method, headers: h, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }
  return { app, call, tokenFor };
}
