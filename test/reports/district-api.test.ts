/**
 * District aggregates: de-identified and suppressed in the API itself, and
 * readable by admin_dinas only; admin_dinas reads no student-level route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePathway, pathwayDocumentSchema, startCase } from '../../packages/engine/src/index.ts';
import { transitionOf } from '../../packages/cases/src/index.ts';
import type { DistrictAggregates, PublicCount } from '../../packages/reports/src/index.ts';
import { Reader } from '../../packages/reports/src/testing/reader.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { DEMO_NOW, openDemoDb, type SeededDb } from './demo-db.ts';
import { openPgDemoDb } from './pg-demo-db.ts';

let demo: SeededDb;
let api: ApiClient;

/** Opens `n` cases with `factor` in `schoolId` (real engine, real unit of work). */
async function openCases(schoolId: string, factor: string, n: number, email: string): Promise<void> {
  const scope = { districtId: demo.districtId, schoolId };
  const pathway = await demo.db.pathways.getByKey(scope, 'srps-standar');
  const version = pathway && (await demo.db.pathways.latestVersion(scope, pathway.id));
  if (!version) throw new Error('no srps-standar');
  const p = compilePathway(pathwayDocumentSchema.parse(version.document));
  const bk = await demo.user(email);
  for (let i = 0; i < n; i++) {
    const student = await demo.db.students.create(schoolId, { nisn: `77${factor.length}${String(i).padStart(7, '0')}`, name: `Siswa Uji ${factor} ${i}`, className: 'X-1' }, { now: DEMO_NOW, actorId: null });
    if (!student.ok) throw new Error(student.error.message);
    const made = await demo.db.cases.create({
      schoolId, studentId: student.value.id, pathwayVersionId: version.id, riskFactors: [factor], actorId: bk.id, now: DEMO_NOW,
      start: ({ caseId }) => {
        const s = startCase(p, { caseId, riskFactors: [factor] } as Parameters<typeof startCase>[1], { now: DEMO_NOW });
        return { ok: true, value: transitionOf(s) };
      },
    });
    if (!made.ok) throw new Error(made.error.message);
  }
}

/** Every count-like number in an answer (objects and arrays walked). */
function counts(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) counts(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'number' && ['count', 'before', 'after', 'openCases', 'closedCases'].includes(k)) out.push(v);
      else counts(v, out);
    }
  }
  return out;
}


type Block = DistrictAggregates['district'];
const blocksOf = (a: DistrictAggregates): Block[] => [a.district, ...a.schools];
const rowName = (b: Block): string => b.school?.id ?? 'district';

/** Every column of an answer (a figure over the district and its schools), by name. */
function columns(a: DistrictAggregates): Map<string, PublicCount[]> {
  const out = new Map<string, PublicCount[]>();
  const add = (family: string, c: PublicCount) => out.set(family, [...(out.get(family) ?? []), c]);
  const steps = new Set(blocksOf(a).flatMap((b) => b.openByStep.map((r) => r.stateId)));
  const factors = new Set(blocksOf(a).flatMap((b) => b.openByFactor.map((r) => r.factor)));
  for (const b of blocksOf(a)) {
    add('open', b.openCases);
    add('closed', b.closedCases);
    for (const s of steps) add(`step:${s}`, b.openByStep.find((r) => r.stateId === s)?.count ?? 0);
    for (const f of factors) add(`factor:${f}`, b.openByFactor.find((r) => r.factor === f)?.count ?? 0);
    for (const [o, v] of Object.entries(b.outcomes)) add(`outcome:${o}`, v.count);
    for (const r of b.beforeAfter) {
      add(`B:${r.factor}`, r.before);
      add(`A:${r.factor}`, r.after);
    }
  }
  return out;
}

/**
 * Puts one answer into the reader with every relation that holds within it: a district cell is the sum of its
 * schools', closed cases the sum of the outcomes, each step and factor at most the open cases, the steps at least
 * them, after ≤ before. Period-dependent cells are named with `period`.
 */
function readAnswer(reader: Reader, a: DistrictAggregates, period: string): void {
  const name = (family: string, row: string) => (family.startsWith('B:') || family.startsWith('A:') ? `${family.slice(0, 2)}${period}:${family.slice(2)}:${row}` : `${family}:${row}`);
  const rows = blocksOf(a).map(rowName);
  for (const [family, cells] of columns(a)) {
    cells.forEach((c, i) => reader.publish(name(family, rows[i]!), c));
    reader.equal(name(family, rows[0]!), rows.slice(1).map((r) => name(family, r)));
  }
  const cols = [...columns(a).keys()];
  for (const row of rows) {
    reader.equal(`closed:${row}`, cols.filter((f) => f.startsWith('outcome:')).map((f) => `${f}:${row}`));
    const steps = cols.filter((f) => f.startsWith('step:')).map((f) => `${f}:${row}`);
    for (const p of [...steps, ...cols.filter((f) => f.startsWith('factor:')).map((f) => `${f}:${row}`)]) reader.atMost(p, `open:${row}`);
    reader.relation([...steps.map((p): [string, number] => [p, 1]), [`open:${row}`, -1]], { min: 0 });
    for (const f of cols.filter((c) => c.startsWith('A:'))) reader.atMost(name(f, row), name(`B:${f.slice(2)}`, row));
  }
}

/** The same answers on SQLite and on a real PostgreSQL server: suppression is in the API, not the dialect. */
const DIALECTS: [string, () => Promise<SeededDb>][] = [['SQLite', openDemoDb], ['PostgreSQL', openPgDemoDb]];

describe.each(DIALECTS)('on %s', (_dialect, open) => {
  beforeAll(async () => {
    demo = await open();
    api = apiClient(demo, DEMO_NOW);
    // Sekolah B gets exactly 3 cases of a factor nobody else has.
    await openCases(demo.schoolB, 'health', 3, 'bk@sekolah-b.demo');
  }, 180_000);
  afterAll(async () => {
    await demo?.close();
  });

  describe('GET /api/district/aggregates', () => {
    it('shows a school\'s 3 cases of a factor as "<5" in every answer', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      const urls = [
        '/api/district/aggregates',
        `/api/district/aggregates?schoolId=${demo.schoolB}`,
        `/api/district/aggregates?from=2026-11-01&to=2026-11-30`,
        `/api/district/aggregates?schoolId=${demo.schoolB}&from=2026-11-20&to=2026-11-20`,
      ];
      for (const url of urls) {
        const res = await api.get(url, token);
        expect(res.status, url).toBe(200);
        const a = (await res.json()) as DistrictAggregates;
        const b = a.schools.find((s) => s.school?.id === demo.schoolB)!;
        expect(b.openByFactor.find((f) => f.factor === 'health')?.count, url).toBe('<5');
        expect(a.district.openByFactor.find((f) => f.factor === 'health')?.count, url).toBe('<5');
        const ba = b.beforeAfter.find((r) => r.factor === 'health')!;
        expect([ba.before, ba.after], url).toEqual(['<5', '<5']);
        // No count from 1 to 4 anywhere in the answer.
        expect(counts(a).filter((n) => n > 0 && n < 5), url).toEqual([]);
      }
      const csv = await (await api.get('/api/district/aggregates.csv?table=open-by-factor', token)).text();
      expect(csv).toContain('Sekolah B,health,<5');
      expect(csv).not.toMatch(/,health,[1-4]\r?$/m);
    });

    it('hides a second cell wherever one "<5" would come back by subtraction (no count of 1–4 derivable from one answer)', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      let hiddenSmall = 0;
      for (const url of ['/api/district/aggregates', '/api/district/aggregates?from=2023-08-01&to=2023-09-30']) {
        const a = (await (await api.get(url, token)).json()) as DistrictAggregates;
        const reader = new Reader();
        readAnswer(reader, a, 'P');
        for (const cell of reader.cells()) {
          if (reader.shown(cell) !== '<5') continue;
          hiddenSmall++;
          const [lo, hi] = reader.bounds(cell);
          // Pinned only if it is a hidden zero (a complement): a zero names nobody.
          expect(hi > lo || hi === 0, `${url} ${cell} can be derived: ${lo}`).toBe(true);
        }
        // Every column with a hidden cell hides at least two (the district total counts as one).
        for (const [family, cells] of columns(a)) {
          const hidden = cells.filter((c) => typeof c !== 'number').length;
          expect(hidden === 0 || hidden >= 2, `${url} ${family}: ${JSON.stringify(cells)}`).toBe(true);
        }
      }
      expect(hiddenSmall).toBeGreaterThan(0);
    });

    it('no "<5" comes back from adjacent periods (two months and the two together)', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      const periods = { L: ['2023-08-01', '2023-08-31'], R: ['2023-09-01', '2023-09-30'], U: ['2023-08-01', '2023-09-30'] } as const;
      const reader = new Reader();
      const answers: Record<string, DistrictAggregates> = {};
      for (const [key, [from, to]] of Object.entries(periods)) {
        answers[key] = (await (await api.get(`/api/district/aggregates?from=${from}&to=${to}`, token)).json()) as DistrictAggregates;
        readAnswer(reader, answers[key], key);
      }
      // The after of a period is the after of its last month (U and R end together); students at risk across
      // the boundary are in both months: before(L) + before(R) − before(U) ≥ after(L) (= when no student has a gap).
      for (const b of blocksOf(answers.U!)) {
        for (const f of answers.U!.district.beforeAfter.map((r) => r.factor)) {
          const row = rowName(b);
          reader.equal(`A:U:${f}:${row}`, [`A:R:${f}:${row}`]);
          reader.relation([[`B:L:${f}:${row}`, 1], [`B:R:${f}:${row}`, 1], [`B:U:${f}:${row}`, -1], [`A:L:${f}:${row}`, -1]], { min: 0 });
          reader.atMost(`B:L:${f}:${row}`, `B:U:${f}:${row}`);
          reader.atMost(`B:R:${f}:${row}`, `B:U:${f}:${row}`);
        }
      }
      let checked = 0;
      for (const cell of reader.cells()) {
        if (reader.shown(cell) !== '<5' || !cell.startsWith('B:') && !cell.startsWith('A:')) continue;
        checked++;
        const [lo, hi] = reader.bounds(cell);
        expect(hi > lo || hi === 0, `${cell} can be derived: ${lo}`).toBe(true);
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('shows counts of 5 or more as numbers (the cohort school)', async () => {
      const a = (await (await api.get(`/api/district/aggregates?schoolId=${demo.schoolA}&from=2023-08-01&to=2023-09-30`, await api.login('dinas@kabupaten.demo'))).json()) as DistrictAggregates;
      const rows = a.schools[0]!.beforeAfter;
      expect(rows.find((r) => r.factor === 'motivation')).toEqual({ factor: 'motivation', before: 11, after: '<5' });
      expect(rows.find((r) => r.factor === 'economic')).toEqual({ factor: 'economic', before: 6, after: '<5' });
      expect(rows.find((r) => r.factor === 'family')).toEqual({ factor: 'family', before: '<5', after: '<5' });
      // Outcomes are of all closed cases, whatever the period: 11 resolved, 12 still enrolled (the cohort's cases
      // closed in 2024 among them) and one referral ("<5"). The 11 is withheld too, or 24 − 12 − 11 would give the
      // referral back; its share is not computed from a hidden count.
      const { resolved, still_enrolled, referred } = a.schools[0]!.outcomes;
      expect(still_enrolled).toEqual({ count: 12, rate: 0.5 });
      expect(referred.count).toBe('<5');
      expect(resolved).toEqual({ count: '≥5', rate: null });
    });

    it('never carries a student name, NISN or id', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      const students = [...await demo.db.students.list(demo.schoolA, { limit: 1000 }), ...await demo.db.students.list(demo.schoolB, { limit: 1000 })];
      expect(students.length).toBeGreaterThan(20);
      const caseIds = [...await demo.db.cases.list(demo.schoolA, { limit: 1000 }), ...await demo.db.cases.list(demo.schoolB, { limit: 1000 })].map((r) => r.id);
      for (const url of ['/api/district/aggregates', `/api/district/aggregates?schoolId=${demo.schoolA}&from=2023-08-01&to=2023-09-30`, '/api/district/aggregates.csv?table=schools']) {
        const body = await (await api.get(url, token)).text();
        for (const s of students) {
          expect(body.includes(s.id) || body.includes(s.nisn) || body.includes(s.name), `${url} leaks ${s.name}`).toBe(false);
        }
        expect(caseIds.some((id) => body.includes(id)), url).toBe(false);
      }
    });

    it('is for admin_dinas only: 401 without a session, 403 for school roles', async () => {
      expect((await api.get('/api/district/aggregates')).status).toBe(401);
      for (const email of ['kepsek@sekolah-a.demo', 'bk@sekolah-a.demo', 'walikelas@sekolah-a.demo', 'bk@sekolah-b.demo']) {
        expect((await api.get('/api/district/aggregates', await api.login(email))).status, email).toBe(403);
      }
    });

    it('counts whole months, so requests a day apart cannot be subtracted', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      const a = (await (await api.get('/api/district/aggregates?from=2023-08-15&to=2023-09-10', token)).json()) as DistrictAggregates;
      expect(a.period).toEqual({ from: '2023-08-01', to: '2023-09-30' });
      const b = (await (await api.get('/api/district/aggregates?from=2023-08-01&to=2023-09-30', token)).json()) as DistrictAggregates;
      expect(a.schools).toEqual(b.schools);
      const feb = (await (await api.get('/api/district/aggregates?from=2024-02-03&to=2024-02-03', token)).json()) as DistrictAggregates;
      expect(feb.period).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    });

    it('answers 404 for a school outside the district and 400 for a bad period', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      expect((await api.get('/api/district/aggregates?schoolId=sekolah-lain', token)).status).toBe(404);
      expect((await api.get('/api/district/aggregates?from=2023-02-30&to=2023-03-01', token)).status).toBe(400);
    });
  });

  describe('admin_dinas on student-level routes', () => {
    it('gets 403 or 404 on every route that reads school data', async () => {
      const token = await api.login('dinas@kabupaten.demo');
      const studentId = (await demo.db.students.list(demo.schoolA, { limit: 1 }))[0]!.id;
      const caseId = (await demo.db.cases.list(demo.schoolA, { limit: 1 }))[0]!.id;
      // Every GET route the app serves, except those meant for the district admin or for everyone,
      // and the school calendar (holidays, no student data; it validates its query before the role).
      const open = [/^\/api\/calendar/, /^\/api\/health$/, /^\/api\/auth\//, /^\/api\/openapi\.json$/, /^\/api\/docs/, /^\/api\/district\//, /^\/api\/pathways/, /^\/api\/templates/, /^\/api\/notifications/, /^\/api\/accounts/, /^\*|\/\*$/];
      const paths = [...new Set(api.app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/')).map((r) => r.path))].filter((p) => !open.some((re) => re.test(p)));
      expect(paths).toEqual(expect.arrayContaining(['/api/students', '/api/students/:id', '/api/cases', '/api/cases/:id', '/api/reports/summary']));
      const answered: string[] = [];
      for (const path of paths) {
        const url = path.replace(/:id\b/, path.includes('/students') ? studentId : caseId).replace(/:[A-Za-z]+/g, 'x');
        let res = await api.get(url, token);
        // A route that wants a period must still refuse once the period is valid.
        if (res.status === 400) res = await api.get(`${url}?from=2026-11-01&to=2026-11-30`, token);
        if (res.status !== 403 && res.status !== 404) answered.push(`${url} → ${res.status}`);
      }
      expect(answered).toEqual([]);
    });
  });
});
