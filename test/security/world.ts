/**
 * The security suite's world: the API's two-school fixture on a real SQLite
 * file, plus one of each kind of record (case, flag, consent, referral, task)
 * in both schools, a caller that signs in as any role by Bearer token, and
 * the list of every route the app serves (from Hono's router, checked
 * against the OpenAPI document).
 */
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';
import type { User } from '../../packages/db/src/index.ts';

export const ROLES = ['kepsek', 'guru_bk', 'wali_kelas', 'tim', 'admin_dinas', 'anonymous'] as const;
export type MatrixRole = (typeof ROLES)[number];

/** The ids of one school's records. */
export interface SchoolIds {
  schoolId: string;
  studentId: string;
  /** A student of the other class (`X-2`). */
  otherClassStudentId: string;
  nisn: string;
  caseId: string;
  /** A case of the other-class student (not the wali kelas's class). */
  otherClassCaseId: string;
  pathwayId: string;
  srpsPathwayId: string;
  flagId: string;
  referralId: string;
  taskId: string;
  kepsekId: string;
  guruBkId: string;
  timId: string;
  waliKelasId: string;
  /** Issue 15 registers: a referral partner, a peer counsellor (the other-class student) and a group session (both cases). */
  partnerId: string;
  peerId: string;
  groupSessionId: string;
  /** Issue 15 fund ledger: a donor and a fund of theirs with a donation. */
  sponsorId: string;
  fundId: string;
}

export interface World {
  f: Fixture;
  api: FixtureApp;
  a: SchoolIds;
  b: SchoolIds;
  userOf(role: Exclude<MatrixRole, 'anonymous'>, school?: 'a' | 'b'): User;
  /** A request as `role` of school A (or anonymous), Bearer-authenticated. */
  call(role: MatrixRole, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string; body: any; headers: Headers }>;
}

function ok<T>(res: { status: number; body: any }, what: string): T {
  if (res.status >= 300) throw new Error(`world setup ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

async function schoolRecords(f: Fixture, api: FixtureApp, side: 'a' | 'b'): Promise<SchoolIds> {
  const s = f[side];
  const bk = s.users.guru_bk;
  const student = s.students[0]!;
  const created = ok<{ id: string }>(await api.call(bk, 'POST', '/api/cases', { studentId: student.id, pathwayId: s.loop.pathwayId, assigneeId: bk.id }), 'case');
  const otherClass = ok<{ id: string }>(await api.call(bk, 'POST', '/api/cases', { studentId: s.students[1]!.id, pathwayId: s.loop.pathwayId, assigneeId: bk.id }), 'other-class case');
  const flag = ok<{ id: string }>(await api.call(s.users.wali_kelas, 'POST', '/api/flags', { studentId: student.id, reason: `Sering bolos ${side}` }), 'flag');
  ok(await api.call(bk, 'POST', `/api/cases/${created.id}/consents`, { purpose: 'referral', givenBy: `Wali ${side}`, method: 'written', givenAt: '2026-02-01' }), 'consent');
  const referral = ok<{ id: string }>(
    await api.call(bk, 'POST', `/api/cases/${created.id}/referrals`, { target: 'psychologist', targetName: `Psikolog ${side}`, reason: `Alasan rujukan ${side}` }),
    'referral',
  );
  ok(await api.call(bk, 'POST', `/api/cases/${created.id}/notes`, { body: `Catatan rahasia ${side}`, confidentiality: 'rahasia' }), 'note');
  const tasks = ok<{ tasks?: { id: string }[]; items?: { id: string }[] }>(await api.call(bk, 'GET', `/api/tasks?scope=all&caseId=${created.id}`), 'tasks');
  const task = (tasks.tasks ?? tasks.items ?? [])[0];
  const partner = ok<{ id: string }>(await api.call(s.users.kepsek, 'POST', '/api/registers/partners', { name: `Puskesmas ${side}`, kind: 'puskesmas', phone: '0812-3456-7890' }), 'partner');
  const peer = ok<{ id: string }>(await api.call(bk, 'POST', '/api/registers/peer-counsellors', { studentId: s.students[1]!.id, trainedOn: '2026-01-10', supervisorId: bk.id }), 'peer counsellor');
  const group = ok<{ id: string }>(await api.call(bk, 'POST', '/api/registers/group-sessions', { heldOn: '2026-02-01', topic: `Motivasi ${side}`, caseIds: [created.id, otherClass.id] }), 'group session');
  const sponsor = ok<{ id: string }>(await api.call(s.users.kepsek, 'POST', '/api/registers/sponsors', { kind: 'donatur', party: 'organisation', name: `Komite ${side}` }), 'sponsor');
  const fund = ok<{ id: string }>(await api.call(s.users.kepsek, 'POST', '/api/registers/funds', { name: `Dana komite ${side}`, source: 'komite', sponsorId: sponsor.id }), 'fund');
  ok(await api.call(bk, 'POST', `/api/registers/funds/${fund.id}/donations`, { amount: 1_000_000, date: '2026-02-01' }), 'donation');
  if (!task) throw new Error(`world setup: no task on the case (${JSON.stringify(tasks).slice(0, 300)})`);
  return {
    schoolId: s.id, studentId: student.id, otherClassStudentId: s.students[1]!.id, nisn: student.nisn, caseId: created.id, otherClassCaseId: otherClass.id,
    pathwayId: s.loop.pathwayId, srpsPathwayId: s.srps.pathwayId, flagId: flag.id, referralId: referral.id, taskId: task.id,
    kepsekId: s.users.kepsek.id, guruBkId: bk.id, timId: s.users.tim.id, waliKelasId: s.users.wali_kelas.id,
    partnerId: partner.id, peerId: peer.id, groupSessionId: group.id,
    sponsorId: sponsor.id, fundId: fund.id,
  };
}

/** Builds the world on a fresh database file. */
export async function createWorld(): Promise<World> {
  const f = await createFixture({ studentsPerSchool: 4 });
  const api = fixtureApp(f);
  const a = await schoolRecords(f, api, 'a');
  const b = await schoolRecords(f, api, 'b');
  const userOf = (role: Exclude<MatrixRole, 'anonymous'>, school: 'a' | 'b' = 'a') => (role === 'admin_dinas' ? f.dinas : f[school].users[role]);
  return {
    f, api, a, b, userOf,
    async call(role, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (role !== 'anonymous') h.authorization = `Bearer ${await api.tokenFor(userOf(role))}`;
      if (body !== undefined) h['content-type'] ??= 'application/json';
      const res = await api.app.request(path, { method, headers: h, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: res.status, text, body: parsed, headers: res.headers };
    },
  };
}

/** `METHOD /path/:param` for every route the app answers (middleware-only `ALL` entries left out). */
export function appRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  const out = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL') out.add(`${r.method} ${r.path}`);
  return [...out].sort();
}

/** `METHOD /path/:param` for every operation of the OpenAPI document. */
export function openApiRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) out.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  return out.sort();
}
