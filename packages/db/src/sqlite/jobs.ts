/** Claims of periodic job runs on SQLite: one `INSERT … ON CONFLICT DO UPDATE … WHERE` decides who runs. */
import type { JobRepo } from '../repository.ts';
import type { SqliteContext } from './context.ts';

/** Default lease of a job claim: a crashed claimer's run is taken over after it. */
export const JOB_LEASE_MS = 10 * 60_000;

export function createJobRepo({ sqlite }: SqliteContext): JobRepo {
  // The row is inserted, or taken over when its lease lapsed unfinished; otherwise nothing is returned.
  const claim = sqlite.prepare(
    `INSERT INTO job_runs (job, period, claimed_by, claimed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (job, period) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
     WHERE job_runs.done_at IS NULL AND job_runs.claimed_at <= ?
     RETURNING claimed_by`,
  );
  const finish = sqlite.prepare('UPDATE job_runs SET done_at = ? WHERE job = ? AND period = ? AND claimed_by = ? AND done_at IS NULL');
  return {
    async claim(job, period, claimer, now, opts = {}) {
      const lapsed = now.getTime() - (opts.leaseMs ?? JOB_LEASE_MS);
      return claim.get(job, period, claimer, now.getTime(), lapsed) !== undefined;
    },
    async finish(job, period, claimer, now) {
      finish.run(now.getTime(), job, period, claimer);
    },
  };
}
