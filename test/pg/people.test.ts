/**
 * Issue 14, "People" and "Oversight", through the API on the seeded demo, on
 * SQLite and PostgreSQL:
 *
 * - one person, several roles: the guru BK who is also wali kelas of XI-1
 *   switches the session's role; every check, the case list and the audit
 *   rows follow the active role; a role the account does not hold is refused;
 *   the kepsek sets a staff member's roles (the migration copied each old
 *   account's one role);
 * - the Satgas SRPS team page's API: members with function and duties, the
 *   kepsek edits it, nobody else does;
 * - the oversight tree: a province admin sees its cabang dinas's SMKs and not
 *   the kabupaten's SMP; a province template reaches the SMK's library (and
 *   can be adopted there), not the SMP's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.ts';
import { ManualClock } from '../../apps/api/src/clock.ts';
import { CompiledPathways } from '../../packages/cases/src/index.ts';
import { DEMO_NODES, DEMO_SCHOOLS } from '../../packages/cases/src/seed/seed-data.ts';
import type { JalurDb, User } from '../../packages/db/src/index.ts';
import { DEMO_NOW } from '../reports/demo-db.ts';
import { openDemoDb } from '../reports/demo-db.ts';
import { openPgDemoDb } from '../reports/pg-demo-db.ts';
import type { SeededDb } from '../reports/demo-db.ts';

describe.each([
  ['sqlite', openDemoDb],
  ['postgres', openPgDemoDb],
] as const)('people and oversight on %s', (_name, open) => {
  let world: SeededDb;
  let db: JalurDb;
  let app: ReturnType<typeof createApp>;
  const tokens = new Map<string, string>();

  async function as(email: string, method: string, path: string, body?: unknown) {
    let token = tokens.get(email);
    if (!token) {
      const u = await world.user(email);
      token = (await db.sessions.create({ userId: u.id, now: DEMO_NOW })).token;
      tokens.set(email, token);
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let json: any;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
    return { status: res.status, body: json };
  }

  beforeAll(async () => {
    world = await open();
    db = world.db;
    app = createApp({ db, clock: new ManualClock(DEMO_NOW.toISOString()), compiled: new CompiledPathways(db) });
  }, 300_000);
  afterAll(async () => world?.close());

  it('every seeded account holds its first role in user_roles (the migration and create agree)', async () => {
    const bk = await world.user('bk@sekolah-a.demo');
    expect(await db.users.roles(bk.id)).toEqual([{ role: 'guru_bk', className: null }]);
    const wali = await world.user('walikelas@sekolah-a.demo');
    expect(await db.users.roles(wali.id)).toEqual([{ role: 'wali_kelas', className: 'X-1' }]);
    const both = await world.user('bk-wali@sekolah-a.demo');
    expect(await db.users.roles(both.id)).toEqual([{ role: 'guru_bk', className: null }, { role: 'wali_kelas', className: 'XI-1' }]);
  });

  it('a guru BK who is also wali kelas switches role; checks, lists and audit rows follow the active role', async () => {
    const email = 'bk-wali@sekolah-a.demo';
    const user = await world.user(email);
    let r = await as(email, 'GET', '/api/accounts/me/roles');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ active: { role: 'guru_bk', className: null }, roles: [{ role: 'guru_bk', className: null }, { role: 'wali_kelas', className: 'XI-1' }] });

    // As guru BK: the school's reports and every case.
    expect((await as(email, 'GET', '/api/reports/summary')).status).toBe(200);
    const allCases = (await as(email, 'GET', '/api/cases?limit=200')).body.items as { student: { className: string } | null }[];
    expect(new Set(allCases.map((c) => c.student?.className)).size).toBeGreaterThan(1);
    expect((await as(email, 'GET', '/api/reports/export.csv?table=outcomes')).status).toBe(200);

    // A role the account does not hold: refused, nothing changes.
    r = await as(email, 'POST', '/api/accounts/me/role', { role: 'kepsek' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('role_not_held');
    r = await as(email, 'POST', '/api/accounts/me/role', { role: 'bukan-peran' });
    expect(r.status).toBe(400);
    expect((await as(email, 'GET', '/api/auth/me')).body.user.role).toBe('guru_bk');

    // As wali kelas of XI-1: only that class's cases, and no school reports.
    r = await as(email, 'POST', '/api/accounts/me/role', { role: 'wali_kelas' });
    expect(r.status).toBe(200);
    expect(r.body.active).toEqual({ role: 'wali_kelas', className: 'XI-1' });
    expect((await as(email, 'GET', '/api/auth/me')).body.user).toMatchObject({ role: 'wali_kelas', className: 'XI-1' });
    const classCases = (await as(email, 'GET', '/api/cases?limit=200')).body.items as { student: { className: string } | null }[];
    expect(classCases.length).toBeGreaterThan(0);
    expect(classCases.length).toBeLessThan(allCases.length);
    expect(classCases.every((c) => c.student?.className === 'XI-1')).toBe(true);
    expect((await as(email, 'GET', '/api/reports/summary')).status).toBe(403);

    // Back to guru BK: the export is audited with the role it was made in.
    expect((await as(email, 'POST', '/api/accounts/me/role', { role: 'guru_bk' })).status).toBe(200);
    expect((await as(email, 'GET', '/api/reports/export.csv?table=open-by-step')).status).toBe(200);
    const audit = await db.audit.list(world.schoolA, { actorId: user.id, limit: 50 });
    const switches = audit.filter((a) => a.action === 'user.role_switch').map((a) => [a.actorRole, a.details]);
    expect(switches).toEqual(expect.arrayContaining([['wali_kelas', { from: 'guru_bk', to: 'wali_kelas' }], ['guru_bk', { from: 'wali_kelas', to: 'guru_bk' }]]));
    const exports = audit.filter((a) => a.action === 'report.export');
    expect(exports.length).toBe(2);
    expect(exports.every((a) => a.actorRole === 'guru_bk')).toBe(true);
  });

  it('a notification to the wali kelas of a class reaches a guru BK who is also that class’s wali kelas', async () => {
    const both = await world.user('bk-wali@sekolah-a.demo');
    const wali = await world.user('walikelas@sekolah-a.demo');
    const students = await db.students.list(world.schoolA);
    const inXI1 = new Set(students.filter((s) => s.className === 'XI-1').map((s) => s.id));
    const kase = (await db.cases.list(world.schoolA, { status: 'active', limit: 500 })).find((c) => inXI1.has(c.studentId))!;
    const rows = await db.notifications.notify({ schoolId: world.schoolA, role: 'wali_kelas', caseId: kase.id, kind: 'uji.wali', body: { id: 'Uji wali kelas XI-1' }, now: DEMO_NOW });
    const to = rows.map((r) => r.userId);
    expect(to).toContain(both.id);
    expect(to).not.toContain(wali.id); // X-1's wali kelas is not told about XI-1
    // Addressed to her: she reads it whichever role she is acting in.
    const asWali = await db.notifications.listForUser({ id: both.id, role: 'wali_kelas', schoolId: world.schoolA });
    expect(asWali.some((n) => n.kind === 'uji.wali')).toBe(true);
  });

  it('the kepsek sets a staff member’s roles; a role taken away ends acting in it', async () => {
    const wali = await world.user('walikelas@sekolah-a.demo');
    // The wali kelas acts as wali kelas (their only role) and cannot switch to tim yet.
    expect((await as('walikelas@sekolah-a.demo', 'POST', '/api/accounts/me/role', { role: 'tim' })).status).toBe(422);
    let r = await as('kepsek@sekolah-a.demo', 'PUT', `/api/accounts/${wali.id}/roles`, { roles: [{ role: 'wali_kelas', className: 'X-1' }, { role: 'tim' }] });
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual([{ role: 'wali_kelas', className: 'X-1' }, { role: 'tim', className: null }]);
    expect((await as('walikelas@sekolah-a.demo', 'POST', '/api/accounts/me/role', { role: 'tim' })).status).toBe(200);
    expect((await as('walikelas@sekolah-a.demo', 'GET', '/api/auth/me')).body.user.role).toBe('tim');
    // Bad lists: a wali kelas without a class, a role the kepsek may not give, a duplicate, empty; another school's account.
    for (const roles of [[{ role: 'wali_kelas' }], [{ role: 'kepsek' }], [{ role: 'tim' }, { role: 'tim' }]]) {
      r = await as('kepsek@sekolah-a.demo', 'PUT', `/api/accounts/${wali.id}/roles`, { roles });
      expect(r.status, JSON.stringify(roles)).toBe(422);
    }
    expect((await as('kepsek@sekolah-a.demo', 'PUT', `/api/accounts/${wali.id}/roles`, { roles: [] })).status).toBe(400);
    const other = await world.user('bk@sekolah-b.demo');
    expect((await as('kepsek@sekolah-a.demo', 'PUT', `/api/accounts/${other.id}/roles`, { roles: [{ role: 'tim' }] })).status).toBe(404);
    expect((await as('bk@sekolah-a.demo', 'PUT', `/api/accounts/${wali.id}/roles`, { roles: [{ role: 'tim' }] })).status).toBe(403);
    // Taking tim away: the session falls back to the first role.
    r = await as('kepsek@sekolah-a.demo', 'PUT', `/api/accounts/${wali.id}/roles`, { roles: [{ role: 'wali_kelas', className: 'X-1' }] });
    expect(r.status).toBe(200);
    expect((await as('walikelas@sekolah-a.demo', 'GET', '/api/auth/me')).body.user).toMatchObject({ role: 'wali_kelas', className: 'X-1' });
    const audit = await db.audit.list(world.schoolA, { action: 'user.roles_change', subject: `user:${wali.id}` });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actorRole === 'kepsek')).toBe(true);
  });

  it('the Satgas SRPS team: members with function and duties; only the kepsek edits it', async () => {
    let r = await as('walikelas@sekolah-a.demo', 'GET', '/api/team');
    expect(r.status).toBe(200);
    const functions = (r.body.members as { function: string }[]).map((m) => m.function);
    for (const f of ['kepala_sekolah', 'wakasek_kesiswaan', 'guru_bk', 'wali_kelas', 'pembina_osis', 'osis', 'komite']) expect(functions).toContain(f);
    // Sorted by function as the case study lists them.
    expect(functions[0]).toBe('kepala_sekolah');
    const wakasek = (r.body.members as { function: string; name: string; duties: string }[]).find((m) => m.function === 'wakasek_kesiswaan')!;
    expect(wakasek.duties).toContain('RTL');
    // Sekolah B's team is its own.
    const b = await as('bk@sekolah-b.demo', 'GET', '/api/team');
    expect((b.body.members as { email: string }[]).every((m) => m.email.endsWith('sekolah-b.demo'))).toBe(true);
    expect((await as('dinas@provinsi.demo', 'GET', '/api/team')).status).toBe(403);

    const bk = await world.user('bk@sekolah-a.demo');
    r = await as('kepsek@sekolah-a.demo', 'POST', '/api/team', { userId: bk.id, function: 'pembina_osis', duties: 'Mendampingi konselor sebaya' });
    expect(r.status).toBe(201);
    const id = r.body.id as string;
    expect(r.body).toMatchObject({ name: bk.name, function: 'pembina_osis', duties: 'Mendampingi konselor sebaya' });
    expect((await as('kepsek@sekolah-a.demo', 'POST', '/api/team', { userId: bk.id, function: 'pembina_osis' })).status).toBe(409);
    expect((await as('kepsek@sekolah-a.demo', 'POST', '/api/team', { userId: bk.id, function: 'ketua' })).status).toBe(400);
    const outsider = await world.user('bk@sekolah-b.demo');
    expect((await as('kepsek@sekolah-a.demo', 'POST', '/api/team', { userId: outsider.id, function: 'osis' })).status).toBe(422);
    expect((await as('bk@sekolah-a.demo', 'POST', '/api/team', { userId: bk.id, function: 'osis' })).status).toBe(403);
    r = await as('kepsek@sekolah-a.demo', 'PATCH', `/api/team/${id}`, { duties: 'Pembina konselor sebaya' });
    expect(r.status).toBe(200);
    expect(r.body.duties).toBe('Pembina konselor sebaya');
    expect((await as('kepsek@sekolah-b.demo', 'DELETE', `/api/team/${id}`)).status).toBe(404);
    expect((await as('kepsek@sekolah-a.demo', 'DELETE', `/api/team/${id}`)).status).toBe(200);
    expect((await as('kepsek@sekolah-a.demo', 'DELETE', `/api/team/${id}`)).status).toBe(404);
    const audit = await db.audit.list(world.schoolA, { subject: `user:${bk.id}` });
    // The seed's own row has no actor; the kepsek's three are stamped with the role they acted in.
    expect(audit.filter((a) => a.action.startsWith('team.') && a.actorRole === 'kepsek').map((a) => a.action).sort()).toEqual(['team.add', 'team.remove', 'team.update']);
  });

  it('a step assigned to a function reaches every member with that function, and only them', async () => {
    const osis = await world.user('osis@sekolah-a.demo');
    const pembina = await world.user('pembina-osis@sekolah-a.demo');
    // Two members serve as pembina OSIS now.
    const added = await as('kepsek@sekolah-a.demo', 'POST', '/api/team', { userId: osis.id, function: 'pembina_osis', duties: 'Membantu pembina' });
    expect(added.status).toBe(201);
    const open = (await db.tasks.list(world.schoolA, { status: 'open' })).filter((t) => !t.requiresApproval && t.assigneeId !== osis.id && t.assigneeId !== pembina.id);
    const task = open[0]!;
    const kase = task.caseId;
    // Before: neither member sees the case.
    expect((await as('osis@sekolah-a.demo', 'GET', `/api/cases/${kase}`)).status).toBe(404);
    const r = await as('bk@sekolah-a.demo', 'POST', `/api/team/tasks/${task.id}/assign`, { function: 'pembina_osis' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body.tasks as { assigneeId: string }[]).map((t) => t.assigneeId).sort()).toEqual([osis.id, pembina.id].sort());
    expect((r.body.tasks as { id: string }[]).map((t) => t.id)).toContain(task.id);
    for (const email of ['osis@sekolah-a.demo', 'pembina-osis@sekolah-a.demo']) expect((await as(email, 'GET', `/api/cases/${kase}`)).status, email).toBe(200);
    expect((await as('komite@sekolah-a.demo', 'GET', `/api/cases/${kase}`)).status).toBe(404);
    // Again: nobody gets a second copy.
    const again = await as('bk@sekolah-a.demo', 'POST', `/api/team/tasks/${task.id}/assign`, { function: 'pembina_osis' });
    expect(again.body.tasks).toHaveLength(2);
    expect((await db.tasks.list(world.schoolA, { caseId: kase, stateId: task.stateId, status: 'open' })).filter((t) => t.assigneeId === osis.id)).toHaveLength(1);
    // Refusals: a function nobody holds yet in school B, a task of another school, a bad function, a wali kelas.
    const taskB = (await db.tasks.list(world.schoolB, { status: 'open' })).find((t) => !t.requiresApproval)!;
    expect((await as('bk@sekolah-b.demo', 'POST', `/api/team/tasks/${taskB.id}/assign`, { function: 'komite' })).status).toBe(422);
    expect((await as('bk@sekolah-a.demo', 'POST', `/api/team/tasks/${taskB.id}/assign`, { function: 'komite' })).status).toBe(404);
    expect((await as('bk@sekolah-a.demo', 'POST', `/api/team/tasks/${task.id}/assign`, { function: 'ketua' })).status).toBe(400);
    expect((await as('walikelas@sekolah-a.demo', 'POST', `/api/team/tasks/${task.id}/assign`, { function: 'komite' })).status).toBe(403);
    const audit = await db.audit.list(world.schoolA, { action: 'task.assign_function', subject: `task:${task.id}` });
    expect(audit.length).toBe(2);
    expect(audit[0]!.actorRole).toBe('guru_bk');
  });

  it('oversight by level: each admin sees its subtree’s schools and aggregates only', async () => {
    const names = async (email: string) => ((await as(email, 'GET', '/api/district/schools')).body.items as { name: string }[]).map((s) => s.name).sort();
    const smks = [DEMO_SCHOOLS.A.name, DEMO_SCHOOLS.B.name].sort();
    expect(await names('dinas@provinsi.demo')).toEqual(smks);
    expect(await names('cabdin@provinsi.demo')).toEqual(smks);
    expect(await names('dinas@kabupaten.demo')).toEqual(smks);
    expect(await names('dinas@tanjabtim.demo')).toEqual([DEMO_SCHOOLS.SMP.name]);
    const agg = await as('dinas@provinsi.demo', 'GET', `/api/district/aggregates?schoolId=${world.schoolA}`);
    expect(agg.status).toBe(200);
    expect((await as('dinas@provinsi.demo', 'GET', `/api/district/aggregates?schoolId=${DEMO_SCHOOLS.SMP.id}`)).status).toBe(404);
    expect((await as('dinas@tanjabtim.demo', 'GET', `/api/district/aggregates?schoolId=${world.schoolA}`)).status).toBe(404);
    // The node itself, as the district page heads it.
    const node = await as('cabdin@provinsi.demo', 'GET', '/api/district/node');
    expect(node.status).toBe(200);
    expect(node.body).toMatchObject({ id: DEMO_NODES.cabdin.id, kind: 'cabang_dinas', ancestors: [{ id: DEMO_NODES.provinsi.id, kind: 'provinsi' }], children: [] });
    expect((node.body.schools as { level: string }[]).map((s) => s.level)).toEqual(['SMK', 'SMK']);
    expect((await as('dinas@provinsi.demo', 'GET', '/api/district/node')).body.children).toEqual([{ id: DEMO_NODES.cabdin.id, name: DEMO_NODES.cabdin.name, kind: 'cabang_dinas' }]);
    expect((await as('kepsek@sekolah-a.demo', 'GET', '/api/district/node')).status).toBe(403);
    // Account management follows the same subtree: the province admin manages its SMKs' kepsek, not the SMP's.
    const managed = async (email: string) => ((await as(email, 'GET', '/api/accounts')).body.items as { email: string }[]).map((a) => a.email).sort();
    expect(await managed('dinas@provinsi.demo')).toEqual(['kepsek@sekolah-a.demo', 'kepsek@sekolah-b.demo']);
    expect(await managed('dinas@tanjabtim.demo')).toEqual(['kepsek@smp.demo']);
    const all = await as('dinas@provinsi.demo', 'GET', '/api/district/aggregates');
    expect(all.status).toBe(200);
    expect(JSON.stringify(all.body)).not.toContain(DEMO_SCHOOLS.SMP.name);
  });

  it('template libraries inherit down the tree: a province template reaches its SMK, not the kabupaten’s SMP', async () => {
    const admin = await world.user('dinas@provinsi.demo');
    const scope = { districtId: DEMO_NODES.provinsi.id, schoolId: null };
    const doc = { ...((await db.pathways.list({ districtId: world.districtId, schoolId: null }))[0]!.draft as Record<string, unknown>), key: 'provinsi-srps' };
    const created = await db.pathways.create(scope, { key: 'provinsi-srps', title: 'Alur SRPS Provinsi', draft: doc, updatedBy: admin.id, now: DEMO_NOW });
    if (!created.ok) throw new Error(created.error.message);
    const published = await db.pathways.publish(scope, { id: created.value.id, publishedBy: admin.id, now: DEMO_NOW });
    expect(published.ok).toBe(true);

    const library = async (email: string) => ((await as(email, 'GET', '/api/district/templates')).body.items as { id: string; key: string }[]);
    const smk = await library('kepsek@sekolah-a.demo');
    expect(smk.map((t) => t.key)).toContain('provinsi-srps');
    expect(smk.map((t) => t.key)).toContain('srps-standar'); // the cabang dinas's own
    expect((await library('kepsek@smp.demo')).map((t) => t.key)).not.toContain('provinsi-srps');
    expect((await library('dinas@provinsi.demo')).map((t) => t.key)).toEqual(['provinsi-srps']);

    // The SMK adopts it (with lineage); the SMP cannot even see it.
    const adopted = await as('kepsek@sekolah-a.demo', 'POST', '/api/pathways', { templateId: created.value.id, key: 'srps-dari-provinsi' });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    const own = await db.pathways.get({ districtId: world.districtId, schoolId: world.schoolA }, adopted.body.id);
    expect(own?.sourceTemplateId).toBe(created.value.id);
    const refused = await as('kepsek@smp.demo', 'POST', '/api/pathways', { templateId: created.value.id, key: 'srps-dari-provinsi' });
    expect(refused.status).toBe(404);
  });
});
