/**
 * Large generated pathways for the editor's bench: a chain of `n` steps of
 * every kind, with a guard every 7th step and a timer every 10th, laid out
 * in a grid.
 */
import { STEP_KINDS, type PathwayDocument, type StateNodeConfig } from '@jalur/engine';

export function generatedPathway(n: number, key = `bench_${n}`): PathwayDocument {
  const states: Record<string, StateNodeConfig> = {};
  const layout: PathwayDocument['layout'] = {};
  for (let i = 0; i < n; i++) {
    const id = `langkah_${i}`;
    const kind = i === n - 1 ? 'closure' : STEP_KINDS[i % (STEP_KINDS.length - 1)]!;
    const next = `langkah_${i + 1}`;
    const s: StateNodeConfig = {
      meta: { kind, title: { id: `Langkah ${i + 1}`, en: `Step ${i + 1}` }, roles: ['guru_bk'], form: [], confidentiality: 'umum', dueInDays: 7 },
    };
    if (i === n - 1) s.type = 'final';
    else if (i % 10 === 9) s.after = { P7D: next };
    else if (i % 7 === 6)
      s.on = { LANJUT: [{ target: next, guard: { type: 'check', params: { field: 'student.attendanceRate', op: 'lt', value: 0.9 } } }, { target: next }] };
    else s.on = { LANJUT: next };
    states[id] = s;
    layout[id] = { x: (i % 10) * 300, y: Math.floor(i / 10) * 160 };
  }
  return { format: 'jalur.pathway/1', key, title: { id: `Jalur uji ${n} langkah` }, machine: { id: key, initial: 'langkah_0', states }, layout };
}
