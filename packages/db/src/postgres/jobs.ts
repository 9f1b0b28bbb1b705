/** Claims of periodic job runs on PostgreSQL: one `INSERT … ON CONFLICT DO UPDATE … WHERE` decides who runs. */
import type { JobRepo } from '../repository.ts';
import { JOB_LEASE_MS } from '../sqlite/jobs.ts';
import type { PgContext } from './context.ts';

const CLAIM = `INSERT INTO job_runs (job, period, claimed_by, claimed_at) VALUES ($1, $2, $3, $4::timestamptz)
  ON CONFLICT (job, period) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
  WHERE job_runs.done_at IS NULL AND job_runs.claimed_at <= $5::timestamptz
  RETURNING claimed_by`;
const FINISH = 'UPDATE job_runs SET done_at = $1::timestamptz WHERE job = $2 AND period = $3 AND claimed_by = $4 AND done_at IS NULL';

export function createJobRepo({ client }: PgContext): JobRepo {
  return {
    async claim(job, period, claimer, now, opts = {}) {
      const lapsed = new Date(now.getTime() - (opts.leaseMs ?? JOB_LEASE_MS)).toISOString();
      const rows = await client.unsafe(CLAIM, [job, period, claimer, now.toISOString(), lapsed]);
      return rows.length === 1;
    },
    async finish(job, period, claimer, now) {
      await client.unsafe(FINISH, [now.toISOString(), job, period, claimer]);
    },
  };
}
