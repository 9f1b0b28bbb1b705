import { describe, expect, it } from 'vitest';
import { advanceCase, compilePathway, pathwayDocumentSchema, startCase } from './index.ts';

const doc = pathwayDocumentSchema.parse({
  format: 'jalur.pathway/1',
  key: 'sesi-berulang',
  title: { id: 'Sesi berulang' },
  machine: {
    id: 'sesi-berulang',
    initial: 'konseling',
    states: {
      konseling: {
        meta: { kind: 'counseling_individual', title: { id: 'Konseling' }, roles: ['guru_bk'], dueInDays: 3 },
        after: { P14D: 'selesai' },
        on: { SESI_LANJUTAN: { target: 'konseling', reenter: true }, TUTUP: 'selesai' },
      },
      tunggu: { meta: { kind: 'monitoring', title: { id: 'Menunggu' } }, on: { LANJUT: 'selesai' } },
      selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai' }, roles: ['guru_bk'] } },
    },
  },
});

describe('re-entering a step (reenter: true)', () => {
  const p = compilePathway(doc);
  const bk = { id: 'bk', role: 'guru_bk' as const };

  it('closes the step task and opens a new one with a new due date, and re-arms its timer', () => {
    const start = startCase(p, {}, { now: new Date('2024-01-01T00:00:00Z') });
    const r = advanceCase(p, start.snapshot, { type: 'SESI_LANJUTAN' }, { now: new Date('2024-01-05T00:00:00Z'), actor: bk });
    if (!r.ok) throw new Error(r.error.code);
    const types = r.value.effects.map((e) => e.type);
    expect(types).toContain('task.close');
    expect(r.value.effects.find((e) => e.type === 'task.open')).toMatchObject({ stateId: 'konseling', dueAt: '2024-01-08T00:00:00.000Z' });
    expect(types).toContain('timer.cancel');
    expect(r.value.effects.find((e) => e.type === 'timer.schedule')).toMatchObject({ dueAt: '2024-01-19T00:00:00.000Z' });
  });

  it('gives a step nobody acts on no task', () => {
    const waiting = compilePathway({ ...doc, machine: { ...doc.machine, initial: 'tunggu' } });
    const start = startCase(waiting, {}, { now: new Date('2024-01-01T00:00:00Z') });
    expect(start.effects.filter((e) => e.type === 'task.open')).toEqual([]);
  });
});
