/**
 * Simulate mode as a small XState machine: it holds a pretend student's case
 * and drives it with the engine's pure `startCase` / `advanceCase`, so the
 * simulation behaves exactly like a real case. Timers do not wait: pending
 * ones are listed and can be fast-forwarded.
 */
import { assign, setup } from 'xstate';
import { advanceApproving, startCase, type AdvanceError, type CaseStep, type CompiledPathway, type Effect, type RiskFactor, type Role } from '@jalur/engine';

/** A pretend student for the simulation. */
export interface SampleStudent {
  name: string;
  className: string;
  riskFactors: RiskFactor[];
  attendanceRate: number;
  gradeAverage: number;
  failingSubjects: number;
  consentReferral: boolean;
}

export const SAMPLE_STUDENTS: SampleStudent[] = [
  { name: 'Budi Santoso', className: 'X TKJ 1', riskFactors: ['economic'], attendanceRate: 0.82, gradeAverage: 68, failingSubjects: 2, consentReferral: false },
  { name: 'Siti Aminah', className: 'XI AKL 2', riskFactors: ['motivation'], attendanceRate: 0.93, gradeAverage: 74, failingSubjects: 1, consentReferral: false },
  { name: 'Rudi Hartono', className: 'XII TBSM', riskFactors: ['family', 'bullying'], attendanceRate: 0.7, gradeAverage: 61, failingSubjects: 3, consentReferral: true },
  // Several factors at once (issue 14): a route that tests the set (economic and bullying) takes both tracks.
  { name: 'Dewi Lestari', className: 'X TKR 2', riskFactors: ['economic', 'bullying', 'distance'], attendanceRate: 0.78, gradeAverage: 66, failingSubjects: 2, consentReferral: false },
];

type TimerEffect = Extract<Effect, { type: 'timer.schedule' }>;

export interface TrailEntry {
  /** What happened: an event type, a timer, or the start. */
  event: string;
  /** Active leaf steps after it. */
  steps: string[];
  at: string;
}

export interface SimContext {
  pathway: CompiledPathway;
  student: SampleStudent;
  role: Role;
  now: Date;
  step: CaseStep;
  timers: TimerEffect[];
  trail: TrailEntry[];
  error: AdvanceError | null;
}

export type SimEvent =
  | { type: 'SEND'; event: string; data?: Record<string, unknown> }
  | { type: 'FIRE_TIMER'; timerId: string }
  | { type: 'SET_ROLE'; role: Role }
  | { type: 'RESET'; student?: SampleStudent };

const START = new Date('2026-01-05T07:00:00.000Z');

/** The case input a sample student gives. */
export function caseInput(s: SampleStudent) {
  return {
    riskFactors: s.riskFactors,
    student: { name: s.name, className: s.className, attendanceRate: s.attendanceRate, gradeAverage: s.gradeAverage, failingSubjects: s.failingSubjects },
    consent: { referral: s.consentReferral },
  };
}

function pendingTimers(timers: TimerEffect[], effects: Effect[]): TimerEffect[] {
  let next = timers;
  for (const e of effects) {
    if (e.type === 'timer.cancel') next = next.filter((t) => t.timerId !== e.timerId);
    if (e.type === 'timer.schedule') next = [...next.filter((t) => t.timerId !== e.timerId), e];
  }
  return next;
}

function begin(pathway: CompiledPathway, student: SampleStudent, role: Role): SimContext {
  const step = startCase(pathway, caseInput(student), { now: START });
  return {
    pathway,
    student,
    role,
    now: START,
    step,
    timers: pendingTimers([], step.effects),
    trail: [{ event: 'start', steps: step.active.map((a) => a.stateId), at: START.toISOString() }],
    error: null,
  };
}

function advanced(context: SimContext, event: string, data: Record<string, unknown> | undefined, now: Date, asTimer: boolean): Partial<SimContext> {
  const ev = data ? { type: event, data } : { type: event };
  const opts = asTimer ? { now } : { now, actor: { id: 'simulasi', role: context.role } };
  // The pretend kepsek approves a step that needs it first, as a real one must (a case-work event, not a step action).
  const { result: r, approvals: given } = advanceApproving(context.pathway, context.step.snapshot, ev, opts, { id: 'simulasi-kepsek', role: 'kepsek' });
  const approvals: SimContext['trail'] = given.map((a) => ({ event: 'approval.decided', steps: a.active.map((s) => s.stateId), at: now.toISOString() }));
  if (!r.ok) return { error: r.error };
  let timers = pendingTimers(context.timers, r.value.effects);
  if (asTimer) timers = timers.filter((t) => t.event !== event || r.value.effects.some((e) => e.type === 'timer.schedule' && e.timerId === t.timerId));
  return {
    step: r.value,
    now,
    error: null,
    timers,
    trail: [...context.trail, ...approvals, { event, steps: r.value.active.map((a) => a.stateId), at: now.toISOString() }],
  };
}

export const simulatorMachine = setup({
  types: {
    context: {} as SimContext,
    events: {} as SimEvent,
    input: {} as { pathway: CompiledPathway; student: SampleStudent; role: Role },
  },
}).createMachine({
  id: 'simulator',
  context: ({ input }) => begin(input.pathway, input.student, input.role),
  on: {
    SEND: { actions: assign(({ context, event }) => advanced(context, event.event, event.data, new Date(context.now.getTime() + 60 * 60 * 1000), false)) },
    FIRE_TIMER: {
      actions: assign(({ context, event }) => {
        const timer = context.timers.find((t) => t.timerId === event.timerId);
        if (!timer) return {};
        const due = new Date(timer.dueAt);
        return advanced(context, timer.event, undefined, due > context.now ? due : context.now, true);
      }),
    },
    SET_ROLE: { actions: assign({ role: ({ event }) => event.role, error: null }) },
    RESET: { actions: assign(({ context, event }) => begin(context.pathway, event.student ?? context.student, context.role)) },
  },
});
