/**
 * Durable timers: `after` delays are rows in `timers`. The scheduler claims
 * the due ones (a claim is exclusive, so two processes never fire the same
 * timer) and fires each as its case's event through the same unit of work as
 * an HTTP advance. After a restart the first tick catches up on everything
 * that fell due meanwhile. Time comes from the clock, so tests call
 * {@link Scheduler.tick} after moving a manual clock instead of sleeping.
 */
import { randomUUID } from 'node:crypto';
import type { JalurDb } from '@jalur/db';
import { CompiledPathways } from './cases/compiled-pathways.ts';
import { advanceStep, emptyOutcome } from './cases/engine-step.ts';
import { type Clock, systemClock } from './clock.ts';

export interface SchedulerOptions {
  db: JalurDb;
  clock?: Clock;
  /** How often to look for due timers. Default 1 s. 0 = never on its own (call `tick()`). */
  intervalMs?: number;
  /** Timers claimed per round. Default 100. */
  batchSize?: number;
  /** This process's name in claims. Default a random id. */
  claimer?: string;
  compiled?: CompiledPathways;
  /** Called when firing a timer fails unexpectedly (default: console.error). */
  onError?: (error: unknown) => void;
}

export interface TickReport {
  claimed: number;
  fired: number;
  /** Claimed but not fired: the case moved on, closed, or refused the event. */
  skipped: number;
}

export interface Scheduler {
  /** Fires every timer due now; resolves when done. Concurrent calls share one run. */
  tick(): Promise<TickReport>;
  /** Stops the interval and waits for a running tick. */
  stop(): Promise<void>;
}

/** Starts the timer loop. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 100;
  const claimer = options.claimer ?? `api-${randomUUID()}`;
  const cache = options.compiled ?? new CompiledPathways(db);
  const onError = options.onError ?? ((e: unknown) => console.error('[jalur/scheduler]', e));
  let running: Promise<TickReport> | null = null;
  let stopped = false;

  async function round(): Promise<TickReport> {
    const report: TickReport = { claimed: 0, fired: 0, skipped: 0 };
    for (;;) {
      const now = clock.now();
      const due = await db.timers.claimDue(now, batchSize, claimer);
      report.claimed += due.length;
      for (const timer of due) {
        const event = { type: timer.event };
        const result = await db.cases.fireTimer({ timer, claimer, now, apply: advanceStep(cache, event, now, undefined, emptyOutcome()) });
        if (result.ok && result.value.fired) report.fired += 1;
        else report.skipped += 1;
      }
      if (due.length < batchSize || stopped) return report;
    }
  }

  function tick(): Promise<TickReport> {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  }

  const intervalMs = options.intervalMs ?? 1000;
  const handle =
    intervalMs > 0
      ? setInterval(() => {
          if (!running && !stopped) tick().catch(onError);
        }, intervalMs)
      : null;
  handle?.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      if (handle) clearInterval(handle);
      await running?.catch(() => undefined);
    },
  };
}
