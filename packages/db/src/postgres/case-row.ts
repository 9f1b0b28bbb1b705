/**
 * The case row read and written by hand on the hot path (drizzle's query
 * building and row mapping cost more than the round trip here). Typed
 * against `CaseRow`, so a schema change that this misses fails the type check.
 * Parameters go as text (instants as ISO strings, JSON stringified) with
 * casts in the SQL: the pool's serializers for timestamptz/json pass text
 * through unchanged.
 */
import type { Sql } from 'postgres';
import type { CaseRow } from '../rows.ts';
import { CASE_COLUMNS } from '../sqlite/case-row.ts';


/** A `cases` row as postgres.js returns it (json parsed, timestamptz as text). */
export interface RawCase {
  id: string;
  school_id: string;
  student_id: string;
  pathway_id: string;
  pathway_version_id: string;
  snapshot: unknown;
  state_value: string;
  version: number;
  status: CaseRow['status'];
  outcome: string | null;
  assignee_id: string | null;
  risk_factors: string[];
  opened_by: string | null;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
  indicators_at_open: Record<string, unknown> | null;
}

/** Maps a raw row to a {@link CaseRow}. */
export function caseFromRow(r: RawCase | undefined): CaseRow | undefined {
  if (!r) return undefined;
  return {
    id: r.id,
    schoolId: r.school_id,
    studentId: r.student_id,
    pathwayId: r.pathway_id,
    pathwayVersionId: r.pathway_version_id,
    snapshot: r.snapshot,
    stateValue: r.state_value,
    version: r.version,
    status: r.status,
    outcome: r.outcome,
    assigneeId: r.assignee_id,
    riskFactors: r.risk_factors,
    openedBy: r.opened_by,
    openedAt: new Date(r.opened_at),
    updatedAt: new Date(r.updated_at),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at),
    indicatorsAtOpen: r.indicators_at_open,
  };
}

/** The case, locked (`FOR UPDATE`) until the transaction ends; undefined when not in the school. */
export async function lockCaseRow(sql: Sql, id: string, schoolId: string): Promise<CaseRow | undefined> {
  const rows = await sql.unsafe<RawCase[]>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND school_id = $2 FOR UPDATE`, [id, schoolId]);
  return caseFromRow(rows[0]);
}

/** JSON for a `$n::json` parameter (null stays SQL NULL). */
export const jsonParam = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** An instant for a `$n::timestamptz` parameter. */
export const instantParam = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** A stored Idempotency-Key answer, as read with the case. */
export interface StoredKey {
  requestHash: string;
  status: number;
  body: unknown;
}

/** The case, unlocked, with its row version (`xmin`) for an optimistic write; and the stored answer for an Idempotency-Key. */
export interface CaseRead {
  row: CaseRow | undefined;
  /** The transaction id that wrote this version of the row: any later write of the row (an advance, a reassignment, an erasure) changes it. */
  xmin: string | null;
  key: StoredKey | undefined;
}

/**
 * `$3`/`$4`: the `xmin` and version of a snapshot the caller already holds
 * for this case; when the row is still that one its snapshot is not sent
 * (`snapshot_kept`).
 */
const CASE_READ_COLUMNS = CASE_COLUMNS.replace('snapshot,', 'CASE WHEN xmin::text = $3 AND version = $4 THEN NULL ELSE snapshot END AS snapshot, (xmin::text = $3 AND version = $4) IS TRUE AS snapshot_kept,');
const READ_CASE = `SELECT xmin::text AS row_xmin, ${CASE_READ_COLUMNS} FROM cases WHERE id = $1 AND school_id = $2`;
const READ_CASE_AND_KEY = `SELECT k.request_hash AS key_hash, k.status AS key_status, k.body AS key_body, c.*
  FROM (SELECT 1) AS one
  LEFT JOIN idempotency_keys k ON k.user_id = $5 AND k.key = $6
  LEFT JOIN (${READ_CASE}) c ON true`;

/** A snapshot this process holds for a case: the object itself and the row version (`xmin`, `version`) it belongs to. */
export interface KeptSnapshot {
  xmin: string;
  version: number;
  snapshot: unknown;
}

/**
 * One statement, outside any transaction: the case as committed now (and the
 * key's stored answer). With `kept`, a snapshot of this very row version is
 * not sent again: the kept object is used (no transfer, no JSON parse, and
 * the engine finds its live state for it).
 */
export async function readCase(sql: Sql, id: string, schoolId: string, key?: { userId: string; key: string }, kept?: KeptSnapshot): Promise<CaseRead> {
  type Raw = RawCase & { row_xmin: string; snapshot_kept: boolean; key_hash?: string | null; key_status?: number | null; key_body?: unknown };
  const known = [kept?.xmin ?? null, kept?.version ?? null];
  const rows = key
    ? await sql.unsafe<Raw[]>(READ_CASE_AND_KEY, [id, schoolId, ...known, key.userId, key.key] as never[])
    : await sql.unsafe<Raw[]>(READ_CASE, [id, schoolId, ...known] as never[]);
  const r = rows[0];
  const found = r !== undefined && r.id !== null;
  const row = found ? caseFromRow(r) : undefined;
  if (row && r!.snapshot_kept) row.snapshot = kept!.snapshot;
  return {
    row,
    xmin: found ? r.row_xmin : null,
    key: r?.key_hash != null ? { requestHash: r.key_hash, status: r.key_status!, body: r.key_body ?? null } : undefined,
  };
}
