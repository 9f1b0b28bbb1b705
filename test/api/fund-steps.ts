/**
 * What the fund-ledger API tests share: the answer checks, and driving a
 * srps-standar case of the fixture's school through its steps to the
 * funding step (the required fields filled as the demo seed fills them).
 */
import { expect } from 'vitest';
import type { Fixture, FixtureApp } from '@jalur/api/testing';
import { activeSteps, handlersFor, type CaseSnapshot } from '../../packages/engine/src/index.ts';
import { sampleValue } from '../../packages/cases/src/seed/seed.ts';
import type { User } from '../../packages/db/src/index.ts';

type Answer = { status: number; body: any };

export const ok = <T = any>(r: Answer, what: string): T => {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body as T;
};

/** A refusal in the error shape: 4xx with a code and a message. */
export const shape = (r: Answer) => {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(typeof r.body?.error?.code).toBe('string');
  expect(typeof r.body?.error?.message).toBe('string');
};

/** Case steps of the fixture's school A, as its guru BK and kepsek take them; `world` is read when called. */
export function fundSteps(world: () => { f: Fixture; api: FixtureApp }) {
  /** Sends `type` on a case as `user` (the guru BK by default), the required fields of the steps it leaves filled, `data` on top. */
  async function send(caseId: string, type: string, data: Record<string, unknown> = {}, user?: User, headers: Record<string, string> = {}) {
    const { f, api } = world();
    const row = (await f.db.cases.get(f.a.id, caseId))!;
    const { compiled: p } = f.compiled.of(f.a.srps.version);
    const leaves = activeSteps(p, row.snapshot as CaseSnapshot).map((s) => s.stateId);
    const active = [...new Set(leaves.flatMap((l) => l.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))))];
    const filled: Record<string, unknown> = {};
    for (const h of handlersFor(p, active, type)) for (const field of p.steps.get(h.source)?.form ?? []) if (field.required && field.type !== 'register') filled[field.name] = sampleValue(field, f.clock.now());
    return api.call(user ?? f.a.users.guru_bk, 'POST', `/api/cases/${caseId}/events`, { type, expectedVersion: row.version, data: { ...filled, ...data } }, headers);
  }

  /** The kepsek approves the case's open step that needs it. */
  async function approve(caseId: string) {
    const { f, api } = world();
    const kepsek = f.a.users.kepsek;
    const items = ok<{ items: { id: string; caseId: string }[] }>(await api.call(kepsek, 'GET', '/api/approvals'), 'approvals').items;
    const task = items.find((t) => t.caseId === caseId);
    expect(task, 'an approval is waiting').toBeDefined();
    ok(await api.call(kepsek, 'POST', `/api/tasks/${task!.id}/decision`, { decision: 'approved' }), 'approve');
  }

  /** A srps-standar case of student `i` standing at the funding step, approved. */
  async function atFunding(i: number): Promise<string> {
    const { f, api } = world();
    const bk = f.a.users.guru_bk;
    const created = ok<{ id: string }>(await api.call(bk, 'POST', '/api/cases', { studentId: f.a.students[i]!.id, pathwayId: f.a.srps.pathwayId, assigneeId: bk.id, riskFactors: ['economic'] }), 'open case');
    ok(await send(created.id, 'SELESAI_IDENTIFIKASI'), 'identify');
    ok(await send(created.id, 'TETAPKAN_FAKTOR', { mainFactor: 'economic', riskLevel: 'sedang' }), 'assess');
    ok(await send(created.id, 'KUNJUNGAN_SELESAI'), 'home visit');
    await approve(created.id);
    return created.id;
  }

  return { send, approve, atFunding };
}
