/**
 * Seed 002's story: the SRPS task force of SMKN 1 Tanjung Jabung Timur found
 * 21 at-risk students in the second week of August 2023 (motivation 11,
 * economic 6, family 2, bullying 2) and, at the end of September, 4 of the 11
 * and 3 of the 6 were still at risk. The cohort walks all 21 through
 * `srps-standar`; the numbers must come out of the case states.
 */
import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, transition } from 'xstate';
import { exportXState, stateValueOf } from '@jalur/engine';
import { actor, loadPathway, statesOf, type CaseRun } from './harness.ts';
import { readCohort, replayStudent } from './cohort.ts';

const cohort = readCohort('srps-2023');
const p = loadPathway(cohort.pathway);
const END = new Date(cohort.period.to);

/** Still at risk: the case is not closed as resolved. */
const stillAtRisk = (run: CaseRun): boolean => !(run.status === 'done' && statesOf(run).includes('selesai_tuntas'));

function countByFactor(runs: { factor: string; run: CaseRun }[], pick: (run: CaseRun) => boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { factor, run } of runs) if (pick(run)) out[factor] = (out[factor] ?? 0) + 1;
  return out;
}

const atEnd = cohort.students.map((s) => ({ student: s, factor: s.factor, run: replayStudent(p, s, END) }));

describe('seed 002 cohort through srps-standar', () => {
  it('is the paper’s cohort: 21 students, motivation 11, economic 6, family 2, bullying 2', () => {
    expect(cohort.students).toHaveLength(21);
    expect(new Set(cohort.students.map((s) => s.id)).size).toBe(21);
    const before = Object.fromEntries(Object.entries(cohort.paper.byFactor).map(([f, v]) => [f, v.before]));
    expect(before).toEqual({ motivation: 11, economic: 6, family: 2, bullying: 2 });
    expect(countByFactor(atEnd, () => true)).toEqual(before);
  });

  it('has every student at risk in mid-August, once identified and assessed', () => {
    const midAugust = new Date('2023-08-12T00:00:00+07:00');
    const runs = cohort.students.map((s) => ({ factor: s.factor, run: replayStudent(p, s, midAugust) }));
    expect(countByFactor(runs, stillAtRisk)).toEqual({ motivation: 11, economic: 6, family: 2, bullying: 2 });
    for (const { run } of runs) expect(run.status).toBe('active');
  });

  it('ends September with the paper’s numbers: motivation 11 → 4, economic 6 → 3 still at risk', () => {
    const after = Object.fromEntries(Object.entries(cohort.paper.byFactor).map(([f, v]) => [f, v.after]));
    expect(after).toMatchObject({ motivation: 4, economic: 3 });
    expect(countByFactor(atEnd, stillAtRisk)).toEqual(after);
  });

  it('keeps the family and bullying cases in process (none closed)', () => {
    for (const { factor, run } of atEnd) if (factor === 'family' || factor === 'bullying') expect(run.status, run.snapshot.context.caseId as string).toBe('active');
  });

  it('closes the resolved cases at the 6-week review, after weekly checks fired by P7D timers', () => {
    const resolved = atEnd.filter(({ run }) => !stillAtRisk(run));
    expect(resolved).toHaveLength(10);
    for (const { run } of resolved) {
      const events = run.log.map((l) => l.event);
      expect(events.filter((e) => e === 'xstate.after.P7D.srps-standar.pemantauan.menunggu_pekan').length).toBeGreaterThanOrEqual(4);
      expect(events.filter((e) => e === 'CATAT_CEK').length).toBeGreaterThanOrEqual(4);
      expect(events).toContain('xstate.after.P6W.srps-standar.pemantauan');
      const closing = run.log.at(-1)!;
      expect(closing.event).toBe('TUTUP_KASUS');
      expect(closing.at >= '2023-09-25' && closing.at < '2023-10-01').toBe(true);
      expect(run.snapshot.context.form.outcome).toBe('resolved');
      expect(run.effects).toContainEqual({ type: 'case.closed', finalState: 'selesai_tuntas' });
      expect(run.timers).toEqual([]);
    }
  });

  it('leaves no timer overdue at the end of the period', () => {
    for (const { run } of atEnd) for (const t of run.timers) expect(Date.parse(t.dueAt)).toBeGreaterThan(END.getTime());
  });

  it('shows where the still-at-risk students are: continuing, reassessed, or waiting for help', () => {
    const where = Object.fromEntries(atEnd.filter(({ run }) => stillAtRisk(run)).map(({ student, run }) => [student.id, stateValueOf(p, run.snapshot).sort().join(' + ')]));
    expect(where).toEqual({
      'SRPS-08': 'pemantauan.menunggu_pekan',
      'SRPS-09': 'pemantauan.menunggu_pekan',
      'SRPS-10': 'pemantauan.menunggu_pekan',
      'SRPS-11': 'asesmen',
      'SRPS-15': 'intervensi_ekonomi.bantuan.orang_tua_asuh + intervensi_ekonomi.pendampingan.konseling_berjalan',
      'SRPS-16': 'intervensi_ekonomi.bantuan.penggalangan_dana + intervensi_ekonomi.pendampingan.konseling_berjalan',
      'SRPS-17': 'pemantauan.menunggu_pekan',
      'SRPS-18': 'pemantauan.menunggu_pekan',
      'SRPS-19': 'intervensi_keluarga.pertemuan_orang_tua',
      'SRPS-20': 'pemantauan.menunggu_pekan',
      'SRPS-21': 'intervensi_perundungan.dukungan_sebaya',
    });
  });
});

/** Active leaf paths of a raw xstate state value. */
function leaves(value: unknown, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...prefix, k]));
}

describe('the same cohort under raw xstate', () => {
  it('passes through the same states, timers included, and ends with the same figures', () => {
    const { config, implementations } = exportXState(p.doc);
    const machine = createMachine(config as never).provide(implementations as never);
    let resolved = 0;
    for (const { student, run } of atEnd) {
      let [snap] = initialTransition(machine);
      expect(leaves(snap.value)).toEqual(run.log[0]!.states);
      for (const entry of run.log.slice(1)) {
        const event = { type: entry.event, ...(entry.data ? { data: entry.data } : {}), ...(entry.role ? { actor: actor(entry.role) } : {}) };
        [snap] = transition(machine, snap, event as never);
        expect(leaves(snap.value).sort(), `${student.id} ${entry.at} ${entry.event}`).toEqual([...entry.states].sort());
      }
      expect(snap.status).toBe(run.status);
      if (snap.status === 'done' && leaves(snap.value).includes('selesai_tuntas')) resolved++;
    }
    expect(resolved).toBe(21 - 4 - 3 - 2 - 2);
  });
});
