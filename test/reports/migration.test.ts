/**
 * Pathway versions while cases run: 50 running cases spread over the states
 * of v1 move to v2, where `asesmen` is removed and `pemantauan` renamed
 * `pemantauan_mingguan`. Dry run checked, applied one transaction per case,
 * then every case keeps working on v2 through the real unit of work, and the
 * renamed state's timer is re-armed and fires — on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCase, compilePathway, pathwayDocumentSchema, startCase, type CaseEvent, type CaseSnapshot, type CompiledPathway, type PathwayDocument } from '../../packages/engine/src/index.ts';
import { type ApplyResult, type CaseRow, type PathwayVersionRow, type User } from '../../packages/db/src/index.ts';
import { applyMigration, loadMigratingCases, planCase, planMigration, resolveStateMap, transitionOf } from '../../packages/cases/src/index.ts';
import { DEMO_NOW, openDemoDb, type SeededDb } from './demo-db.ts';
import { openPgDemoDb } from './pg-demo-db.ts';
import { apiClient } from './api-client.ts';

const step = (kind: string, title: string, on: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  meta: { kind, title: { id: title }, roles: ['guru_bk'], dueInDays: 3 },
  on,
  ...extra,
});

function v1Doc(): PathwayDocument {
  return pathwayDocumentSchema.parse({
    format: 'jalur.pathway/1',
    key: 'migrasi-uji',
    title: { id: 'Alur uji migrasi' },
    machine: {
      id: 'migrasi-uji',
      initial: 'identifikasi',
      states: {
        identifikasi: step('identify', 'Identifikasi', { LANJUT: 'asesmen' }),
        asesmen: step('assessment', 'Asesmen', { LANJUT: 'konseling' }),
        konseling: step('counseling_individual', 'Konseling', { LANJUT: 'kunjungan' }),
        kunjungan: step('home_visit', 'Kunjungan rumah', { LANJUT: 'pemantauan' }),
        pemantauan: { meta: { kind: 'monitoring', title: { id: 'Pemantauan' }, roles: ['guru_bk'] }, on: { CEK: 'pemantauan' }, after: { P7D: 'keputusan' } },
        keputusan: step('decision', 'Keputusan', { TUTUP: 'selesai', ULANG: 'konseling' }),
        selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai' } } },
      },
    },
    layout: {},
  });
}

/** v2: `asesmen` removed (identifikasi goes straight to konseling), `pemantauan` renamed. */
function v2Doc(): PathwayDocument {
  const doc = structuredClone(v1Doc()) as unknown as { machine: { states: Record<string, unknown> } };
  const states = doc.machine.states as Record<string, { on?: Record<string, string> }>;
  delete states.asesmen;
  states.identifikasi!.on = { LANJUT: 'konseling' };
  states.kunjungan!.on = { LANJUT: 'pemantauan_mingguan' };
  const monitoring = states.pemantauan as { meta: { title: { id: string } }; on: Record<string, string> };
  delete states.pemantauan;
  monitoring.meta.title.id = 'Pemantauan mingguan';
  monitoring.on = { CEK: 'pemantauan_mingguan' };
  const ordered: Record<string, unknown> = { ...states, pemantauan_mingguan: monitoring };
  const keputusan = ordered.keputusan;
  delete ordered.keputusan;
  delete ordered.selesai;
  doc.machine.states = { ...ordered, keputusan, selesai: v1Doc().machine.states.selesai };
  return pathwayDocumentSchema.parse(doc);
}

/** How many LANJUT/timer steps from the start each v1 state is. */
const V1_PATH = ['identifikasi', 'asesmen', 'konseling', 'kunjungan', 'pemantauan', 'keputusan'] as const;

let demo: SeededDb;
let bk: User;
let v1: PathwayVersionRow;
let v2: PathwayVersionRow;
let p1: CompiledPathway;
let p2: CompiledPathway;
const NOW = DEMO_NOW;

function transition(p: CompiledPathway, row: CaseRow, event: CaseEvent, now: Date, actor?: { id: string; role: 'guru_bk' }): ApplyResult {
  const r = advanceCase(p, row.snapshot as CaseSnapshot, event, actor ? { now, actor } : { now });
  if (!r.ok) return { ok: false, error: { code: 'event_not_allowed', message: JSON.stringify(r.error) } };
  return { ok: true, value: transitionOf(r.value) };
}

async function send(row: CaseRow, p: CompiledPathway, type: string, now: Date): Promise<CaseRow> {
  const actor = { id: bk.id, role: 'guru_bk' as const };
  const r = await demo.db.cases.advance({ schoolId: demo.schoolA, caseId: row.id, expectedVersion: row.version, actorId: bk.id, now, event: { type }, apply: (c) => transition(p, c, { type }, now, actor) });
  if (!r.ok) throw new Error(`${type}: ${r.error.code} ${r.error.message}`);
  return r.value.case;
}

/** Fires every pending timer of the school due by `at` through the unit of work. */
async function fireTimersUntil(at: Date, compiled: Map<string, CompiledPathway>, caseIds: ReadonlySet<string>): Promise<number> {
  let fired = 0;
  for (const t of await demo.db.timers.claimDue(at, 1000, 'migration-test')) {
    if (!caseIds.has(t.caseId)) continue; // the demo's own cases are not part of this test
    const out = await demo.db.cases.fireTimer({ timer: t, claimer: 'migration-test', now: at, apply: (c, pv) => transition(compiled.get(pv.id)!, c, { type: t.event }, at) });
    if (out.ok && out.value.fired) fired++;
  }
  return fired;
}

/** The same test on SQLite and on a real PostgreSQL server. */
const DIALECTS: [string, () => Promise<SeededDb>][] = [['SQLite', openDemoDb], ['PostgreSQL', openPgDemoDb]];

describe.each(DIALECTS)('on %s', (_dialect, open) => {
  beforeAll(async () => {
    demo = await open();
    bk = await demo.user('bk@sekolah-a.demo');
    const kepsek = await demo.user('kepsek@sekolah-a.demo');
    const scope = { districtId: demo.districtId, schoolId: demo.schoolA };
    const created = await demo.db.pathways.create(scope, { key: 'migrasi-uji', title: 'Alur uji migrasi', draft: v1Doc(), updatedBy: kepsek.id, now: NOW });
    if (!created.ok) throw new Error(created.error.message);
    const pub1 = await demo.db.pathways.publish(scope, { id: created.value.id, publishedBy: kepsek.id, now: NOW });
    if (!pub1.ok) throw new Error(pub1.error.message);
    v1 = pub1.value;
    p1 = compilePathway(v1Doc());

    // 50 cases, spread over the six non-final states of v1 (the real engine and unit of work).
    const students = await demo.db.students.list(demo.schoolA);
    for (let i = 0; i < 50; i++) {
      const opened = new Date(NOW.getTime() - 20 * 86_400_000 + i * 60_000);
      const made = await demo.db.cases.create({
        schoolId: demo.schoolA, studentId: students[i % students.length]!.id, pathwayVersionId: v1.id, assigneeId: bk.id, riskFactors: ['motivation'], actorId: bk.id, now: opened,
        start: ({ caseId }) => {
          const s = startCase(p1, { caseId, riskFactors: ['motivation'] } as Parameters<typeof startCase>[1], { now: opened });
          return { ok: true, value: transitionOf(s) };
        },
      });
      if (!made.ok) throw new Error(made.error.message);
      let row = made.value.case;
      const target = i % V1_PATH.length;
      for (let k = 0; k < target; k++) {
        const at = new Date(opened.getTime() + (k + 1) * 3_600_000);
        row = k === 4 ? (await fireOne(row, at)) : await send(row, p1, 'LANJUT', at);
      }
      expect(row.stateValue).toBe(V1_PATH[target]);
    }
    // v2 is published while the 50 cases run on v1.
    const saved = await demo.db.pathways.updateDraft(scope, { id: created.value.id, expectedRevision: created.value.draftRevision, draft: v2Doc(), updatedBy: kepsek.id, now: NOW });
    if (!saved.ok) throw new Error(saved.error.message);
    const pub2 = await demo.db.pathways.publish(scope, { id: created.value.id, publishedBy: kepsek.id, now: NOW });
    if (!pub2.ok) throw new Error(pub2.error.message);
    v2 = pub2.value;
    p2 = compilePathway(v2Doc());
  }, 180_000);

  /** pemantauan → keputusan happens by its 7-day timer. */
  async function fireOne(row: CaseRow, at: Date): Promise<CaseRow> {
    const due = new Date(at.getTime() + 8 * 86_400_000);
    const [t] = (await demo.db.timers.listForCase(demo.schoolA, row.id)).filter((x) => x.status === 'pending');
    const claimed = (await demo.db.timers.claimDue(due, 1000, 'setup')).find((x) => x.id === t!.id)!;
    const out = await demo.db.cases.fireTimer({ timer: claimed, claimer: 'setup', now: due, apply: (c) => transition(p1, c, { type: claimed.event }, due) });
    if (!out.ok || !out.value.fired) throw new Error('timer did not fire');
    return out.value.change.case;
  }

  afterAll(async () => {
    await demo?.close();
  });

  describe('migrating running cases v1 → v2', () => {
    it('refuses an incomplete or wrong state map, naming every gap', () => {
      const r = resolveStateMap(v1Doc(), v2Doc(), {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems).toEqual([{ code: 'missing', state: 'asesmen' }, { code: 'missing', state: 'pemantauan' }]);
      const wrong = resolveStateMap(v1Doc(), v2Doc(), { asesmen: 'konseling', pemantauan: 'pemantauan_harian', nowhere: 'konseling' });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.problems).toEqual([{ code: 'unknown_source', state: 'nowhere' }, { code: 'unknown_target', state: 'pemantauan', target: 'pemantauan_harian' }]);
      const final = resolveStateMap(v1Doc(), v2Doc(), { asesmen: 'selesai', pemantauan: 'pemantauan_mingguan' });
      expect(final.ok).toBe(false);
    });

    it('is offered over the API to the kepsek: 422 for an incomplete map, a dry run that changes nothing', async () => {
      const api = apiClient(demo, NOW);
      const kepsek = await api.login('kepsek@sekolah-a.demo');
      const url = `/api/pathways/${v1.pathwayId}/migrations/dry-run`;
      const incomplete = await api.send('POST', url, kepsek, { fromVersion: 1, toVersion: 2, stateMap: { asesmen: 'konseling' } });
      expect(incomplete.status).toBe(422);
      expect(((await incomplete.json()) as { error: { code: string; details: unknown } }).error).toMatchObject({ code: 'state_map_invalid', details: { problems: [{ code: 'missing', state: 'pemantauan' }] } });
      expect((await api.send('POST', url, await api.login('bk@sekolah-a.demo'), { fromVersion: 1, toVersion: 2 })).status).toBe(403);
      const dry = await api.send('POST', url, kepsek, { fromVersion: 1, toVersion: 2, stateMap: { asesmen: 'konseling', pemantauan: 'pemantauan_mingguan' }, filter: { state: 'asesmen' } });
      expect(dry.status).toBe(200);
      const body = (await dry.json()) as { cases: { to: string[] }[]; unmappable: unknown[] };
      expect(body.cases).toHaveLength(9);
      expect(body.cases.every((c) => c.to[0] === 'konseling')).toBe(true);
      expect(await loadMigratingCases(demo.db, { schoolId: demo.schoolA, pathwayId: v1.pathwayId, pathwayVersionId: v1.id })).toHaveLength(50);
    });

    it('dry run lists where each case lands and which timers and tasks change; apply moves all 50; each keeps working on v2', async () => {
      const map = resolveStateMap(v1Doc(), v2Doc(), { asesmen: 'konseling', pemantauan: 'pemantauan_mingguan' });
      if (!map.ok) throw new Error(JSON.stringify(map.problems));
      expect(map.value.automatic).toEqual(['identifikasi', 'konseling', 'kunjungan', 'keputusan']);
      expect(map.value.explicit).toEqual(['asesmen', 'pemantauan']);

      const cases = await loadMigratingCases(demo.db, { schoolId: demo.schoolA, pathwayId: v1.pathwayId, pathwayVersionId: v1.id });
      expect(cases).toHaveLength(50);
      const migrateAt = new Date(NOW.getTime() + 3_600_000);
      const plan = planMigration(p1, p2, map.value, cases, migrateAt);
      expect(plan.unmappable).toEqual([]);
      expect(plan.cases).toHaveLength(50);
      const byFrom = (s: string) => plan.cases.filter((c) => c.from[0] === s);
      const counts = Object.fromEntries(V1_PATH.map((s) => [s, byFrom(s).length]));
      expect(counts).toEqual({ identifikasi: 9, asesmen: 9, konseling: 8, kunjungan: 8, pemantauan: 8, keputusan: 8 });
      for (const c of byFrom('asesmen')) {
        expect(c.to).toEqual(['konseling']);
        expect(c.tasks).toEqual({ closed: ['asesmen'], opened: ['konseling'] });
        expect(c.timers).toEqual({ cancelled: [], kept: [], armed: [] });
      }
      for (const c of byFrom('pemantauan')) {
        expect(c.to).toEqual(['pemantauan_mingguan']);
        expect(c.timers.cancelled).toEqual(['xstate.after.P7D.migrasi-uji.pemantauan']);
        expect(c.timers.armed).toEqual([{ event: 'xstate.after.P7D.migrasi-uji.pemantauan_mingguan', dueAt: new Date(migrateAt.getTime() + 7 * 86_400_000).toISOString() }]);
        expect(c.tasks).toEqual({ closed: ['pemantauan'], opened: ['pemantauan_mingguan'] });
      }
      for (const s of ['identifikasi', 'konseling', 'kunjungan', 'keputusan']) {
        for (const c of byFrom(s)) {
          expect(c.to).toEqual([s]);
          expect(c.effects).toEqual([]);
        }
      }
      // A case in a state the map does not know is reported, not broken.
      const odd = planCase(p1, p2, map.value, { ...cases[0]!, stateValue: ['hilang'] }, migrateAt);
      expect(odd).toMatchObject({ caseId: cases[0]!.id, reason: expect.stringContaining('hilang') });

      const outcomes = await applyMigration(demo.db, plan.cases, { schoolId: demo.schoolA, toPathwayVersionId: v2.id, fromVersion: 1, toVersion: 2, actorId: bk.id, now: migrateAt });
      expect(outcomes.every((o) => o.applied)).toBe(true);
      // Re-applying the same dry run finds every case moved on: reported as conflicts, nothing written.
      expect((await applyMigration(demo.db, plan.cases, { schoolId: demo.schoolA, toPathwayVersionId: v2.id, fromVersion: 1, toVersion: 2, actorId: bk.id, now: migrateAt })).map((o) => o.applied ? 'applied' : o.reason)).toEqual(Array(50).fill('version_conflict'));

      const audits = await demo.db.audit.list(demo.schoolA, { action: 'case.migrated', limit: 1000 });
      expect(audits).toHaveLength(50);
      expect(new Set(audits.map((a) => a.subject))).toEqual(new Set(plan.cases.map((c) => c.caseId)));

      // Every case now runs on v2 and advances through the real unit of work.
      const compiled = new Map([[v1.id, p1], [v2.id, p2]]);
      let t = new Date(migrateAt.getTime() + 3_600_000);
      for (const c of plan.cases) {
        let row = (await demo.db.cases.get(demo.schoolA, c.caseId))!;
        expect(row.pathwayVersionId).toBe(v2.id);
        const events = await demo.db.cases.events(demo.schoolA, c.caseId);
        expect(events.at(-1)).toMatchObject({ type: 'case.migrated', stateAfter: c.to.join(',') });
        const at = () => (t = new Date(t.getTime() + 60_000));
        switch (c.to[0]) {
          case 'identifikasi':
            row = await send(row, p2, 'LANJUT', at());
            expect(row.stateValue).toBe('konseling');
            break;
          case 'konseling':
            row = await send(row, p2, 'LANJUT', at());
            expect(row.stateValue).toBe('kunjungan');
            break;
          case 'kunjungan':
            row = await send(row, p2, 'LANJUT', at());
            expect(row.stateValue).toBe('pemantauan_mingguan');
            break;
          case 'pemantauan_mingguan': {
            const timers = (await demo.db.timers.listForCase(demo.schoolA, c.caseId)).filter((x) => x.status === 'pending');
            expect(timers.map((x) => x.event)).toEqual(['xstate.after.P7D.migrasi-uji.pemantauan_mingguan']);
            row = await send(row, p2, 'CEK', at());
            expect(row.stateValue).toBe('pemantauan_mingguan');
            break;
          }
          case 'keputusan':
            row = await send(row, p2, 'TUTUP', at());
            expect(row.status).toBe('closed');
            break;
          default:
            throw new Error(`unexpected landing ${c.to.join(',')}`);
        }
      }
      // The re-armed timers fire on v2: every case in pemantauan_mingguan moves to keputusan.
      const waiting = (await demo.db.cases.list(demo.schoolA, { state: 'pemantauan_mingguan' })).length;
      expect(waiting).toBe(16); // 8 migrated there + 8 that arrived from kunjungan
      const fired = await fireTimersUntil(new Date(t.getTime() + 8 * 86_400_000), compiled, new Set(plan.cases.map((c) => c.caseId)));
      expect(fired).toBe(16);
      expect((await demo.db.cases.list(demo.schoolA, { state: 'keputusan', pathwayId: v2.pathwayId })).length).toBe(16);
    });
  });
});
