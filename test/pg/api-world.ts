/**
 * A small world for API-level runs on any database URL: one district, one
 * school, a guru BK (password {@link BK_PASSWORD}), and `cases` students each
 * with an open case on the test loop pathway (created through the API in
 * process). Used by the two-process API test and `bench/pg.bench.ts`.
 */
import { openDatabase, type JalurDb } from '../../packages/db/src/index.ts';
import { createApp } from '@jalur/api';
import { CompiledPathways } from '../../packages/cases/src/index.ts';
import { LOOP_PATHWAY } from '@jalur/api/testing';

export const BK_EMAIL = 'bk@dunia.uji';
export const BK_PASSWORD = 'dunia-uji-123';

export interface ApiWorld {
  url: string;
  /** A direct handle (setup, and reading back between runs). */
  db: JalurDb;
  schoolId: string;
  /** A session of the guru BK. */
  token: string;
  caseIds: string[];
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function populate(url: string, cases: number): Promise<ApiWorld> {
  const db = await openDatabase({ url });
  const now = new Date();
  const district = await db.districts.create({ name: 'Kabupaten Uji', now });
  const school = await db.schools.create({ districtId: district.id, name: 'Sekolah Uji', now });
  const bk = must(await db.users.create({ email: BK_EMAIL, name: 'Guru BK', role: 'guru_bk', schoolId: school.id, districtId: district.id, password: BK_PASSWORD, now }));
  const scope = { districtId: district.id, schoolId: school.id };
  const p = must(await db.pathways.create(scope, { key: LOOP_PATHWAY.key, title: LOOP_PATHWAY.title.id, draft: LOOP_PATHWAY, updatedBy: bk.id, now }));
  must(await db.pathways.publish(scope, { id: p.id, publishedBy: bk.id, now }));
  const { token } = await db.sessions.create({ userId: bk.id, now });
  const app = createApp({ db, compiled: new CompiledPathways(db) });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const caseIds: string[] = [];
  for (let i = 0; i < cases; i++) {
    const s = must(await db.students.create(school.id, { nisn: String(1_000_000_000 + i), name: `Siswa ${i}`, className: 'X-1' }, { now, actorId: null }));
    const res = await app.request('/api/cases', { method: 'POST', headers, body: JSON.stringify({ studentId: s.id, pathwayId: p.id }) });
    if (res.status !== 201) throw new Error(`setup: ${res.status} ${await res.text()}`);
    caseIds.push(((await res.json()) as { id: string }).id);
  }
  return { url, db, schoolId: school.id, token, caseIds };
}
