import { describe, expect, it } from 'vitest';
import type { PathwayDocument } from '@jalur/engine';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { diffPathways } from './diff.ts';

describe('version diff', () => {
  it('marks added, removed and changed steps and transitions', () => {
    const next: PathwayDocument = structuredClone(nestedPathway);
    const states = next.machine.states;
    delete states.selesai;
    states.identifikasi!.meta!.dueInDays = 3;
    states.identifikasi!.on = { SELESAI: 'intervensi' };
    states.tutup = { type: 'final', meta: { kind: 'closure', title: { id: 'Tutup' }, roles: [], form: [], confidentiality: 'umum' } };
    const d = diffPathways(nestedPathway, next);
    expect(d.steps.get('selesai')).toBe('removed');
    expect(d.steps.get('tutup')).toBe('added');
    expect(d.steps.get('identifikasi')).toBe('changed');
    expect(d.steps.get('intervensi.konseling.sesi')).toBe('same');
    const byKey = (k: string) => [...d.transitions].find(([id]) => id.endsWith(k))?.[1];
    expect(byKey('identifikasi|SELESAI|1')).toBe('removed');
    expect(byKey('identifikasi|CATAT|0')).toBe('removed');
    expect(byKey('identifikasi|SELESAI|0')).toBe('changed');
    expect(d.counts.added).toBe(1);
  });

  it('finds nothing between a version and itself', () => {
    const d = diffPathways(nestedPathway, nestedPathway);
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });
});
