import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compilePathway, parsePathway, type PathwayDocument } from '@jalur/engine';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { SAMPLE_STUDENTS, simulatorMachine } from './simulator.ts';

function compiled(doc: PathwayDocument) {
  const parsed = parsePathway(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return compilePathway(parsed.value);
}

describe('simulate mode', () => {
  it('walks a pretend student through guards, parallel regions and a timer to the end', () => {
    const actor = createActor(simulatorMachine, { input: { pathway: compiled(nestedPathway), student: SAMPLE_STUDENTS[0]!, role: 'guru_bk' } }).start();
    const active = () => actor.getSnapshot().context.step.active.map((a) => a.stateId);
    expect(active()).toEqual(['identifikasi']);

    // The guard reads the form sent with the event: 82% attendance needs intervention.
    actor.send({ type: 'SEND', event: 'SELESAI', data: { attendanceRate: 0.82 } });
    expect(actor.getSnapshot().context.error).toBeNull();
    expect(active()).toEqual(['intervensi.konseling.sesi', 'intervensi.dana.ajukan']);

    actor.send({ type: 'SEND', event: 'SESI_SELESAI' });
    expect(active()).toContain('intervensi.konseling.pantau');
    const timer = actor.getSnapshot().context.timers[0];
    expect(timer?.delay).toBe('P7D');
    actor.send({ type: 'FIRE_TIMER', timerId: timer!.timerId });
    expect(active()).toContain('intervensi.konseling.sesi');

    // The funding step belongs to the kepsek: a guru BK is refused, with a reason.
    actor.send({ type: 'SEND', event: 'DITOLAK' });
    expect(actor.getSnapshot().context.error?.code).toBe('role_not_allowed');
    actor.send({ type: 'SET_ROLE', role: 'kepsek' });
    actor.send({ type: 'SEND', event: 'DITOLAK' });
    expect(actor.getSnapshot().context.step.status).toBe('done');
    expect(actor.getSnapshot().context.trail.map((t) => t.event)).toEqual(['start', 'SELESAI', 'SESI_SELESAI', timer!.event, 'approval.decided', 'DITOLAK']);

    actor.send({ type: 'RESET' });
    expect(active()).toEqual(['identifikasi']);
    expect(actor.getSnapshot().context.trail).toHaveLength(1);
  });
});
