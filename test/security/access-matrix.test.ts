/**
 * The access matrix: every route of the app × every role × a record of the
 * caller's own school and one of the other school → the expected status.
 * The route list comes from the app's router (and must match the OpenAPI
 * document), so a new route without an expectation fails this test. Every
 * response to a school-A caller is scanned for school B's ids, names and
 * NISNs; every response to the district admin for any student's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, type Expect } from './expectations.ts';
import { REQUESTS } from './requests.ts';
import { appRoutes, createWorld, openApiRoutes, ROLES, type MatrixRole, type World } from './world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 120_000);
afterAll(() => w.f.close());

/** Whether a status meets an expectation. */
function meets(status: number, e: Expect): boolean {
  if (typeof e === 'number') return status === e;
  switch (e) {
    case 'ok': return status >= 200 && status < 300;
    // Past the access check: answered, or refused for its input/state — never 401/403/404.
    case 'in': return status < 500 && ![401, 403, 404].includes(status);
    case 'no': return status === 403 || status === 404;
    case 'x': return [400, 403, 404, 409, 422].includes(status);
    case 'auth': return status === 401 || status === 429;
  }
}

/** Strings that belong to school B (or, for the district admin, to any student). */
function secretsOf(w: World, role: MatrixRole): string[] {
  const b = w.f.b;
  const studentBits = (s: typeof b) => s.students.flatMap((x) => [x.id, x.name, x.nisn]);
  if (role === 'admin_dinas') return [...studentBits(w.f.a), ...studentBits(b), w.a.caseId, w.b.caseId, 'Catatan rahasia'];
  return [
    ...studentBits(b), b.id, w.b.caseId, w.b.flagId, w.b.referralId, w.b.taskId, b.loop.pathwayId, b.srps.pathwayId,
    ...Object.values(b.users).flatMap((u) => [u.id, u.email, u.name]), 'Sekolah B', 'Psikolog b', 'Alasan rujukan b', 'Catatan rahasia b', 'Sering bolos b',
  ];
}

describe('access matrix', () => {
  it('knows every route the app serves, and the OpenAPI document lists them all', async () => {
    const routes = appRoutes(w.api.app);
    const doc = (await w.call('anonymous', 'GET', '/api/openapi.json')).body;
    const documented = openApiRoutes(doc);
    expect(routes.filter((r) => !documented.includes(r) && r !== 'GET /api/openapi.json'), 'routes missing from the OpenAPI document').toEqual([]);
    expect(documented.filter((r) => !routes.includes(r)), 'documented routes the app does not serve').toEqual([]);
    expect(routes.filter((r) => !REQUESTS[r] || !EXPECTED[r]), 'routes without a matrix expectation').toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(r)), 'expectations for routes the app does not serve').toEqual([]);
    expect(routes.length).toBeGreaterThan(60);
  });

  it('lets the district admin past the access check only on district-level routes', () => {
    const passes = Object.entries(EXPECTED)
      .filter(([, row]) => row.own.admin_dinas === 'ok' || row.own.admin_dinas === 'in')
      .map(([route]) => route)
      .sort();
    expect(passes).toEqual([
      'GET /api/accounts', 'GET /api/accounts/me/roles', 'GET /api/auth/me', 'GET /api/district/aggregates', 'GET /api/district/aggregates.csv', 'GET /api/district/node', 'GET /api/district/schools', 'GET /api/district/templates',
      'GET /api/district/templates/sources', 'GET /api/docs', 'GET /api/docs/scalar.js', 'GET /api/health', 'GET /api/notifications', 'GET /api/openapi.json', 'GET /api/pathways',
      'POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/district/templates', 'POST /api/pathways', 'POST /api/pathways/lint',
    ]);
    // Nothing under students, cases, flags, referrals, tasks, indicators, early warning, reports or staff.
    expect(passes.filter((r) => /students|cases|flags|referrals|tasks|indicators|early-warning|reports|staff|approvals|calendar/.test(r))).toEqual([]);
  });

  it('keeps a wali kelas to their class and a tim member to what is assigned to them, within the school', async () => {
    const failures: string[] = [];
    const otherClass = w.f.a.students[1]!;
    // The other class's student and case in the place of the own ones.
    const ids = { ...w.a, studentId: otherClass.id, caseId: w.a.otherClassCaseId, nisn: 'tidak-dipakai' };
    const scoped = Object.keys(EXPECTED).filter((r) => /:id/.test(r) && /^(GET|POST|PUT) \/api\/(students|cases)\/:id/.test(r));
    expect(scoped.length).toBeGreaterThan(15);
    for (const route of scoped) {
      const [method] = route.split(' ') as [string];
      const req = REQUESTS[route]!(ids, w.a);
      for (const role of ['wali_kelas', 'tim'] as const) {
        const res = await w.call(role, method, req.path, req.body, req.headers);
        if (res.status !== 403 && res.status !== 404) failures.push(`${route} as ${role} on another class's record: ${res.status} ${res.text.slice(0, 120)}`);
        for (const secret of [otherClass.name, otherClass.nisn]) if (res.text.includes(secret)) failures.push(`${route} as ${role}: response contains "${secret}"`);
      }
    }
    // Assigned a step of that case, the tim member may open it (and still not the student record).
    const tasks = (await w.call('guru_bk', 'GET', `/api/tasks?scope=all&caseId=${w.a.otherClassCaseId}`)).body.items as { id: string }[];
    expect((await w.call('guru_bk', 'POST', `/api/tasks/${tasks[0]!.id}/assign`, { assigneeId: w.a.timId })).status).toBe(200);
    expect((await w.call('tim', 'GET', `/api/cases/${w.a.otherClassCaseId}`)).status).toBe(200);
    expect((await w.call('tim', 'GET', `/api/cases/${w.a.caseId}`)).status).toBe(404);
    expect((await w.call('tim', 'GET', `/api/students/${otherClass.id}`)).status).toBe(403);
    expect(failures).toEqual([]);
  });

  it('refuses every cookie-authenticated write without the CSRF token (403 csrf_failed)', async () => {
    const unsafe = appRoutes(w.api.app).filter((r) => !r.startsWith('GET ') && r !== 'POST /api/auth/login');
    expect(unsafe.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const role of ['kepsek', 'guru_bk', 'admin_dinas'] as const) {
      const { token } = await w.f.db.sessions.create({ userId: w.userOf(role).id, now: w.f.clock.now() });
      for (const route of unsafe) {
        const [method] = route.split(' ') as [string];
        const req = REQUESTS[route]!(w.a, w.a);
        const headers: Record<string, string> = { 'content-type': 'application/json', ...req.headers, cookie: `jalur_session=${token}`, origin: 'https://jahat.example' };
        const res = await w.api.app.request(req.path, { method, headers, ...(req.body !== undefined ? { body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) } : {}) });
        const code = res.status === 403 ? ((await res.json()) as { error: { code: string } }).error.code : '';
        if (code !== 'csrf_failed') failures.push(`${route} as ${role} (cookie, foreign origin): ${res.status} ${code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every route × role × school as expected and never leaks the other school', async () => {
    const failures: string[] = [];
    const observed: string[] = [];
    const routes = appRoutes(w.api.app).filter((r) => r !== 'POST /api/auth/logout');
    for (const route of [...routes, 'POST /api/auth/logout']) {
      const [method] = route.split(' ') as [string];
      const row = EXPECTED[route];
      const build = REQUESTS[route];
      if (!row || !build) continue; // reported by the first test
      const line: string[] = [];
      for (const side of ['own', 'other'] as const) {
        for (const role of ROLES) {
          const req = build(side === 'own' ? w.a : w.b, w.a);
          const res = await w.call(role, method, req.path, req.body, req.headers);
          const want = row[side][role];
          line.push(`${side === 'own' ? '' : 'B:'}${role}=${res.status}`);
          if (!meets(res.status, want)) failures.push(`${route} as ${role} on ${side}: ${res.status} (want ${want}) ${res.text.slice(0, 160)}`);
          if (res.status >= 400) {
            if (typeof res.body?.error?.code !== 'string' || typeof res.body?.error?.message !== 'string') failures.push(`${route} as ${role}: error without the JSON shape: ${res.text.slice(0, 120)}`);
          }
          // The reference page's script is the same static file for everyone (its minified code happens to contain digit runs such as a NISN).
          if (role !== 'anonymous' && route !== 'GET /api/docs/scalar.js') {
            for (const secret of secretsOf(w, role)) {
              if (res.text.includes(secret)) failures.push(`${route} as ${role} on ${side}: response contains "${secret}"`);
            }
          }
        }
      }
      observed.push(`${route}: ${line.join(' ')}`);
    }
    if (process.env.JALUR_MATRIX_PRINT) console.log(observed.join('\n'));
    expect(failures).toEqual([]);
  });
});
