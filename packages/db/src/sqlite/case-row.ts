/**
 * The case row read by hand on the hot path (drizzle's generic row mapping
 * costs measurably per advance). Typed against `CaseRow`, so a schema change
 * that this misses fails the type check.
 */
import type { CaseRow } from '../rows.ts';

export const CASE_COLUMNS =
  'id, school_id, student_id, pathway_id, pathway_version_id, snapshot, state_value, version, status, outcome, assignee_id, risk_factors, opened_by, opened_at, updated_at, closed_at, indicators_at_open';

export interface RawCase {
  id: string;
  school_id: string;
  student_id: string;
  pathway_id: string;
  pathway_version_id: string;
  snapshot: string;
  state_value: string;
  version: number;
  status: CaseRow['status'];
  outcome: string | null;
  assignee_id: string | null;
  risk_factors: string;
  opened_by: string | null;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
  indicators_at_open: string | null;
}

/**
 * Maps a raw `cases` row (columns of {@link CASE_COLUMNS}) to a {@link CaseRow};
 * `snapshot`, when given, is the already parsed snapshot of this version.
 */
export function caseFromRow(r: RawCase | undefined, snapshot?: unknown): CaseRow | undefined {
  if (!r) return undefined;
  return {
    id: r.id,
    schoolId: r.school_id,
    studentId: r.student_id,
    pathwayId: r.pathway_id,
    pathwayVersionId: r.pathway_version_id,
    snapshot: snapshot !== undefined ? snapshot : (JSON.parse(r.snapshot) as unknown),
    stateValue: r.state_value,
    version: r.version,
    status: r.status,
    outcome: r.outcome,
    assigneeId: r.assignee_id,
    riskFactors: JSON.parse(r.risk_factors) as string[],
    openedBy: r.opened_by,
    openedAt: new Date(r.opened_at),
    updatedAt: new Date(r.updated_at),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at),
    indicatorsAtOpen: r.indicators_at_open === null ? null : (JSON.parse(r.indicators_at_open) as Record<string, unknown>),
  };
}

/**
 * The last committed snapshot object per case, keyed by version. A version is
 * written by exactly one committed transaction, so (case, version) names one
 * snapshot for good: a hit skips `JSON.parse`, and hands the engine the same
 * object it produced (its live-state cache then skips the restore too).
 * Snapshots are shared: treat rows as read-only.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, { version: number; snapshot: unknown }>();
  constructor(private readonly max = 20_000) {}

  get(caseId: string, version: number): unknown {
    const hit = this.#entries.get(caseId);
    return hit && hit.version === version ? hit.snapshot : undefined;
  }

  /** Forgets a case (its stored snapshot was rewritten, e.g. by erasure). */
  forget(caseId: string): void {
    this.#entries.delete(caseId);
  }

  /** Call only after the transaction that wrote `version` committed. */
  set(caseId: string, version: number, snapshot: unknown): void {
    this.#entries.delete(caseId);
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(caseId, { version, snapshot });
  }
}
