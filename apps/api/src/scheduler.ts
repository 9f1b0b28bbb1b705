/**
 * Durable timers: `after` delays are rows in `timers`. The scheduler claims
 * the due ones (a claim is exclusive, so two processes never fire the same
 * timer) and fires each as its case's event through the same unit of work as
 * an HTTP advance. After a restart the first tick catches up on everything
 * that fell due meanwhile. Time comes from the clock, so tests call
 * {@link Scheduler.tick} after moving a manual clock instead of sleeping.
 *
 * The same loop does the housekeeping that must happen without a request:
 * task reminders (due tomorrow / overdue, written once per task) every
 * `remindEveryMs`, and purging expired sessions and old idempotency keys
 * every `purgeEveryMs`, and the early-warning scan of every school once per
 * `scanEveryMs` period — exactly once across processes: each school's run of
 * a period is claimed in `job_runs` (a lease, taken over if its claimer dies).
 */
import { randomUUID } from 'node:crypto';
import type { JalurDb } from '@jalur/db';
import { CaseService, CompiledPathways } from '@jalur/cases';
import { scanSchool } from './casework/early-warning-scan.ts';
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
  /** Task reminders at most this often (clock time). Default 60 s. */
  remindEveryMs?: number;
  /** Purge expired sessions and idempotency keys at most this often. Default 1 h. */
  purgeEveryMs?: number;
  /** How long an idempotency key answers retries. Default 24 h. */
  idempotencyTtlMs?: number;
  /** The early-warning scan runs once per school per period of this length (clock time). Default 1 h; 0 = never. */
  scanEveryMs?: number;
}

export interface TickReport {
  claimed: number;
  fired: number;
  /** Claimed but not fired: the case moved on, closed, or refused the event. */
  skipped: number;
  /** Reminder notifications written this tick. */
  reminders: number;
  /** Schools whose early-warning scan this process ran this tick. */
  scans: number;
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
  const cases = new CaseService(db, options.compiled ?? new CompiledPathways(db));
  const onError = options.onError ?? ((e: unknown) => console.error('[jalur/scheduler]', e));
  const remindEveryMs = options.remindEveryMs ?? 60_000;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const idempotencyTtlMs = options.idempotencyTtlMs ?? 86_400_000;
  let running: Promise<TickReport> | null = null;
  let stopped = false;
  let lastRemind = Number.NEGATIVE_INFINITY;
  let lastPurge = Number.NEGATIVE_INFINITY;
  const scanEveryMs = options.scanEveryMs ?? 3_600_000;
  let lastScanPeriod: string | null = null;

  /** Scans each school once per period: the run whose claim this process wins. */
  async function scanSchools(now: Date, report: TickReport): Promise<void> {
    const period = new Date(Math.floor(now.getTime() / scanEveryMs) * scanEveryMs).toISOString();
    if (period === lastScanPeriod) return;
    lastScanPeriod = period;
    for (const district of await db.districts.list()) {
      for (const school of await db.schools.listByDistrict(district.id)) {
        const job = `early-warning:${school.id}`;
        if (!(await db.jobs.claim(job, period, claimer, now))) continue;
        try {
          await scanSchool(db, school.id, now);
          await db.jobs.finish(job, period, claimer, clock.now());
          report.scans += 1;
        } catch (error) {
          // Left unfinished: another process takes the run over when the claim's lease lapses.
          onError(error);
        }
      }
    }
  }

  async function housekeeping(report: TickReport): Promise<void> {
    const now = clock.now();
    if (now.getTime() - lastRemind >= remindEveryMs) {
      lastRemind = now.getTime();
      report.reminders = await db.tasks.remind(now);
    }
    if (scanEveryMs > 0) await scanSchools(now, report);
    if (now.getTime() - lastPurge >= purgeEveryMs) {
      lastPurge = now.getTime();
      await db.sessions.purgeExpired(now);
      await db.idempotency.purge(new Date(now.getTime() - idempotencyTtlMs));
    }
  }

  async function round(): Promise<TickReport> {
    const report: TickReport = { claimed: 0, fired: 0, skipped: 0, reminders: 0, scans: 0 };
    await housekeeping(report);
    for (;;) {
      const now = clock.now();
      const due = await db.timers.claimDue(now, batchSize, claimer);
      report.claimed += due.length;
      for (const timer of due) {
        const result = await cases.fireTimer(timer, claimer, now);
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
