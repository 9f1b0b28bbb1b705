/**
 * A bound on the work one event may cause. Every transition the compiled
 * machine takes runs its `record` action, which spends one microstep; a
 * pathway whose `always` transitions keep firing (a cycle, guarded or not)
 * runs out of budget and the engine refuses the event instead of looping.
 */

/** Transitions one event (or a case's start) may take, eventless ones included. */
export const MAX_MICROSTEPS = 500;

export class LoopLimitError extends Error {
  constructor() {
    super(`more than ${MAX_MICROSTEPS} transitions for one event: the pathway's always transitions loop`);
  }
}

let left = Infinity;

/** Spends one microstep; throws {@link LoopLimitError} past the bound. Outside {@link bounded} it is free. */
export function spendMicrostep(): void {
  if (--left < 0) throw new LoopLimitError();
}

/** Runs `fn` with a fresh budget of {@link MAX_MICROSTEPS}. */
export function bounded<T>(fn: () => T): T {
  const outer = left;
  left = MAX_MICROSTEPS;
  try {
    return fn();
  } finally {
    left = outer;
  }
}
