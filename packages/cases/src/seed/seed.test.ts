/** The demo seed, with the real engine and the real templates of workflows/. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CaseRow, type JalurDb } from '@jalur/db';
import { CompiledPathways } from '../compiled.ts';
import { replayCase } from '../replay.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, type SeedSummary } from './seed.ts';

const workflowsDir = fileURLToPath(new URL('../../../../workflows', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'jalur-seed-'));
const NOW = new Date('2024-10-01T00:00:00.000Z');

describe('seedDemo', () => {
  let db: JalurDb;
  let summary: SeedSummary;

  /** The case's events, replayed by the engine from its first event's input, give its stored snapshot. */
  async function expectReplays(c: CaseRow) {
    expect(await replayCase(db, c)).toEqual(c.snapshot);
    expect(c.version).toBe((await db.cases.events(c.schoolId, c.id)).length);
  }
  beforeAll(async () => {
    db = await openDatabase({ url: `file:${path.join(root, 'demo.db')}` });
    summary = await seedDemo(db, { workflowsDir, now: NOW });
  });
  afterAll(async () => {
    await db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('seeds once: a second run on a non-empty database does nothing', async () => {
    expect(summary).toMatchObject({ seeded: true, skipped: [], warnings: [] });
    expect(summary.templates).toContain('srps-standar');
    expect(summary.students).toBeGreaterThanOrEqual(30);
    const again = await seedDemo(db, { workflowsDir, now: NOW });
    expect(again.seeded).toBe(false);
    expect((await db.cases.list(summary.schools!.A, { limit: 1000 })).length).toBe(summary.cases - 3 + 21);
    expect(summary.cohorts).toEqual([{ key: 'srps-2023', cases: 21 }]);
  });

  it('every demo account logs in with the demo password', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const r = await db.users.authenticate({ email: a.email, password: DEMO_PASSWORD, now: NOW });
      expect(r.ok, a.email).toBe(true);
    }
  });

  it('publishes every template as a district template and in both schools, with lineage', async () => {
    const { A, B } = summary.schools!;
    const district = { districtId: summary.districtId!, schoolId: null };
    for (const schoolId of [A, B]) {
      const own = await db.pathways.list({ districtId: summary.districtId!, schoolId });
      expect(own.map((p) => p.key).sort()).toEqual([...summary.templates].sort());
      for (const p of own) {
        expect(p.sourceTemplateId).not.toBeNull();
        expect((await db.pathways.latestVersion({ districtId: summary.districtId!, schoolId }, p.id))?.version).toBe(1);
      }
    }
    expect((await db.pathways.list(district, { templates: true })).length).toBe(summary.templates.length);
  });

  it('spreads school A cases over the steps of srps-standar, and every snapshot replays from its events', async () => {
    const { A, B } = summary.schools!;
    const cases = await db.cases.list(A, { limit: 1000 });
    const states = new Set(cases.map((c) => c.stateValue));
    expect(states.size).toBeGreaterThanOrEqual(15);
    expect(cases.some((c) => c.status === 'closed' && c.outcome === 'resolved')).toBe(true);
    expect(await db.cases.list(B)).toHaveLength(3);
    for (const c of [...cases, ...(await db.cases.list(B))]) await expectReplays(c);
  });

  it('erasure (UU PDP) anonymises the student and scrubs free text, and the events still replay to the snapshot', async () => {
    const { A } = summary.schools!;
    const [student] = await db.students.list(A, { search: 'Rizki Ananda' });
    const [c] = await db.cases.list(A, { studentId: student!.id });
    const before = JSON.stringify(await db.cases.events(A, c!.id));
    expect(before).toContain('Sering terlambat');
    const erased = await db.students.erase(A, student!.id, { now: NOW, actorId: null });
    expect(erased).toMatchObject({ ok: true, value: { name: 'Siswa terhapus', guardianName: null, guardianPhone: null, erasedAt: NOW } });
    const events = JSON.stringify(await db.cases.events(A, c!.id));
    const after = (await db.cases.get(A, c!.id))!;
    expect(events).not.toContain('Sering terlambat');
    expect(JSON.stringify(after.snapshot)).not.toContain('Sering terlambat');
    expect(events).toContain('"mainFactor":"motivation"');
    await expectReplays(after);
    expect(await db.audit.list(A, { action: 'student.erase' })).toHaveLength(1);
  });

  it('loads the seed-002 cohort into Sekolah A: at the end of September 2023, 4 of 11 motivation and 3 of 6 economic cases still open', async () => {
    const { A } = summary.schools!;
    const cases = (await db.cases.list(A, { limit: 1000 })).filter((c) => c.openedAt.getTime() < Date.UTC(2023, 11, 31));
    expect(cases).toHaveLength(21);
    const end = Date.parse('2023-09-30T23:59:00+07:00');
    const stillAtRisk = (factor: string) => cases.filter((c) => c.riskFactors.includes(factor) && !(c.stateValue === 'selesai_tuntas' && c.closedAt!.getTime() <= end)).length;
    const total = (factor: string) => cases.filter((c) => c.riskFactors.includes(factor)).length;
    expect([total('motivation'), stillAtRisk('motivation')]).toEqual([11, 4]);
    expect([total('economic'), stillAtRisk('economic')]).toEqual([6, 3]);
  });

  it('closes the cohort cases still open in September 2023 in the next semester: no case of 2023 runs on (or is years late) today', async () => {
    const { A } = summary.schools!;
    const cohort = (await db.cases.list(A, { limit: 1000 })).filter((c) => c.openedAt.getTime() < Date.UTC(2023, 11, 31));
    const end = Date.parse('2023-09-30T23:59:00+07:00');
    const later = cohort.filter((c) => c.closedAt === null || c.closedAt.getTime() > end);
    expect(later).toHaveLength(11);
    for (const c of later) {
      expect(c.status, c.id).toBe('closed');
      expect(c.closedAt!.toISOString() >= '2024-01-15' && c.closedAt!.toISOString() < '2024-07-01', c.closedAt!.toISOString()).toBe(true);
    }
    // Nothing of theirs is left to do or to fire.
    const ids = new Set(cohort.map((c) => c.id));
    expect((await db.tasks.list(A, { status: 'open' })).filter((t) => ids.has(t.caseId))).toEqual([]);
  });

  it('leaves open tasks and pending timers for the running cases', async () => {
    const { A } = summary.schools!;
    expect((await db.tasks.list(A, { status: 'open' })).length).toBeGreaterThan(10);
    expect(await db.timers.nextDueAt()).not.toBeNull();
    // Dated from today: most of the running cases' tasks on time, some due within three days, a few late (the 2023 cohort aside).
    const recent = (await db.tasks.list(A, { status: 'open' })).filter((t) => t.dueAt !== null && t.dueAt.getTime() > NOW.getTime() - 60 * 86_400_000);
    const late = recent.filter((t) => t.dueAt!.getTime() < NOW.getTime()).length;
    const soon = recent.filter((t) => t.dueAt!.getTime() >= NOW.getTime() && t.dueAt!.getTime() < NOW.getTime() + 3 * 86_400_000).length;
    const onTime = recent.length - late - soon;
    expect(late).toBeGreaterThan(0);
    expect(soon).toBeGreaterThan(0);
    expect(onTime).toBeGreaterThan(late + soon);
    const attendance = await db.indicators.listForSchool(A, { kind: 'attendance' });
    // 90 students in Sekolah A, a semester so far (Jul–Sep on 1 October).
    expect(attendance.filter((i) => !i.period.startsWith('2023')).length).toBe(90 * 3);
    expect(attendance.some((i) => i.period === '2023-08')).toBe(true);
  });

  it('flags school A students by the early-warning rules, each with its reason', async () => {
    const { A } = summary.schools!;
    const flags = await db.earlyWarning.listFlags(A, { active: true });
    expect(summary.flags).toBeGreaterThanOrEqual(flags.length);
    const byRule = (rule: string, level?: string) => flags.filter((f) => f.source === 'rule' && f.ruleKey === rule && (!level || f.level === level));
    // One student in ten each: absent ≥ 10 % (risk), 5–10 % (watch), a failing subject, a falling average.
    expect(byRule('absence', 'risk')).toHaveLength(9);
    expect(byRule('absence', 'watch')).toHaveLength(9);
    expect(byRule('failing_subjects')).toHaveLength(9);
    expect(byRule('falling_average')).toHaveLength(9);
    // The Dapodik facts feed the distance and economic rules too.
    expect(byRule('distance').length).toBeGreaterThan(0);
    expect(byRule('economic').length).toBeGreaterThan(0);
    for (const f of byRule('distance')) expect(f.reason).toMatch(/^Jarak rumah ke sekolah [\d.]+ km/);
    for (const f of byRule('absence', 'risk')) {
      expect(f.reason).toMatch(/^Tidak hadir \d+ dari \d+ hari sekolah/);
      expect((f.details as { rate: number }).rate).toBeGreaterThanOrEqual(0.1);
    }
    for (const f of byRule('absence', 'watch')) {
      const { rate } = f.details as { rate: number };
      expect(rate >= 0.05 && rate < 0.1).toBe(true);
    }
    expect(byRule('failing_subjects')[0]!.reason).toContain('Matematika (61)');
    expect(byRule('falling_average')[0]!.reason).toMatch(/^Rata-rata nilai turun 10 poin/);
    // Raised three weeks ago: past the default two-week hold, so each proposes a case.
    expect(flags.every((f) => f.since.getTime() === NOW.getTime() - 21 * 86_400_000)).toBe(true);
  });
});
