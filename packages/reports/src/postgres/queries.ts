/**
 * Every SQL text of the reports, PostgreSQL dialect (postgres.js, the pool of
 * `db.reportHandle`). The same queries as `../sqlite/queries.ts`: instants are
 * `timestamptz` here (read back as epoch milliseconds, compared with
 * `$n::timestamptz` parameters), JSON columns are `json` (`->>`), counts are
 * cast to `int` (postgres.js returns `bigint` as text), camelCase aliases
 * are quoted. Queries run as named prepared statements.
 */
import type { ReportHandle } from '@jalur/db';
import type {
  BeforeAfterCount, CaseTrendRow, FactorCount, MonthCount, OutcomeCount, OverdueCount, ReportQueries, ReportScope, SchoolCaseFacts, SchoolCaseRow, StateCount, StepEventRow,
} from '../queries.ts';

/**
 * The schools overseen by a node of the oversight tree (`param` = its id) or
 * by any node below it: a province's admin sees its cabang dinas's SMKs.
 */
const underNode = (param: string) =>
  `SELECT id FROM schools WHERE district_id IN (WITH RECURSIVE t(id) AS (SELECT ${param}::text UNION SELECT d.id FROM districts d JOIN t ON d.parent_id = t.id) SELECT id FROM t)`;

type Sql = Extract<ReportHandle, { dialect: 'postgres' }>['client'];
type Param = string | number | null;

/** Epoch milliseconds of a `timestamptz` column, as a JS number. */
const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;
/** An epoch-milliseconds parameter as an instant. */
const instant = (n: number): string => new Date(n).toISOString();

/**
 * `school_id` filter for a scope, its parameters numbered after `first`
 * (the query's own parameters come first).
 */
function scopeFilter(scope: ReportScope, col: string, first: number): { where: string; params: string[] } {
  const p = (i: number) => `$${first + i}`;
  if (scope.kind === 'school') return { where: `${col} = ${p(0)}`, params: [scope.schoolId] };
  if (scope.schoolId) {
    return { where: `${col} = ${p(0)} AND ${col} IN (${underNode(p(1))})`, params: [scope.schoolId, scope.districtId] };
  }
  return { where: `${col} IN (${underNode(p(0))})`, params: [scope.districtId] };
}

/**
 * The scoped queries: `{where}` becomes the scope filter on `{col}`; `$1…$k`
 * are the query's own parameters (`k` = `own`).
 */
const SCOPED = {
  openByState: {
    own: 0, col: 'school_id',
    text: `SELECT school_id AS "schoolId", state_value AS "stateValue", count(*)::int AS count
      FROM cases WHERE {where} AND status = 'active' GROUP BY school_id, state_value`,
  },
  openByFactor: {
    own: 0, col: 'rf.school_id',
    text: `SELECT rf.school_id AS "schoolId", rf.factor AS factor, count(*)::int AS count
      FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id
      WHERE {where} AND c.status = 'active' AND rf.until IS NULL GROUP BY rf.school_id, rf.factor`,
  },
  overdueTasks: {
    own: 1, col: 'school_id',
    text: `SELECT school_id AS "schoolId", state_id AS "stateId", count(*)::int AS count
      FROM tasks WHERE {where} AND status = 'open' AND due_at < $1::timestamptz GROUP BY school_id, state_id`,
  },
  openedPerMonth: {
    own: 1, col: 'school_id',
    text: `SELECT school_id AS "schoolId", to_char((opened_at AT TIME ZONE 'UTC') + make_interval(mins => $1::int), 'YYYY-MM') AS month, count(*)::int AS count
      FROM cases WHERE {where} GROUP BY 1, 2`,
  },
  closedPerMonth: {
    own: 1, col: 'school_id',
    text: `SELECT school_id AS "schoolId", to_char((closed_at AT TIME ZONE 'UTC') + make_interval(mins => $1::int), 'YYYY-MM') AS month, count(*)::int AS count
      FROM cases WHERE {where} AND status = 'closed' AND closed_at IS NOT NULL GROUP BY 1, 2`,
  },
  outcomes: {
    own: 0, col: 'school_id',
    text: `SELECT school_id AS "schoolId", outcome, count(*)::int AS count
      FROM cases WHERE {where} AND status = 'closed' GROUP BY school_id, outcome`,
  },
  // As in SQLite: at risk for the factor at T ⇔ max(opened_at, since) ≤ T < min(closed_at, until) (null: no end);
  // see before-after.ts.
  beforeAfter: {
    own: 2, col: 'rf.school_id',
    text: `SELECT rf.school_id AS "schoolId", rf.factor AS factor,
        count(DISTINCT CASE WHEN (c.closed_at IS NULL OR c.closed_at > $1::timestamptz) AND (rf.until IS NULL OR rf.until > $1::timestamptz) THEN c.student_id END)::int AS "before",
        count(DISTINCT CASE WHEN (c.closed_at IS NULL OR c.closed_at >= $2::timestamptz) AND (rf.until IS NULL OR rf.until >= $2::timestamptz) THEN c.student_id END)::int AS "after"
      FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id
      WHERE {where} AND rf.since < $2::timestamptz AND c.opened_at < $2::timestamptz
      GROUP BY rf.school_id, rf.factor`,
  },
} as const;

type ScopedName = keyof typeof SCOPED;

const STEP_EVENTS_SQL = `SELECT case_id, seq, ${ms('at')}, state_after FROM case_events WHERE school_id = $1 ORDER BY case_id, seq`;
// Transactions commit in any order, so no insertion mark is safe here: the reader sends the last seq it read of each
// case ($2, $3) and gets exactly the events past it (a case's events are written in seq order, one version after another).
const STEP_EVENTS_AFTER_SQL = `SELECT e.case_id, e.seq, ${ms('e.at')}, e.state_after
  FROM case_events e LEFT JOIN unnest($2::text[], $3::int[]) AS r(case_id, seq) ON r.case_id = e.case_id
  WHERE e.school_id = $1 AND e.seq > coalesce(r.seq, 0) ORDER BY e.case_id, e.seq`;

// Per case of a school: what the dashboard counts (as in SQLite).
const SCHOOL_CASES_SQL = `SELECT c.id, c.status, c.state_value, c.outcome, ${ms('c.opened_at')},
    CASE WHEN c.closed_at IS NULL THEN NULL ELSE ${ms('c.closed_at')} END,
    (SELECT string_agg(rf.factor, ',') FROM case_risk_factors rf WHERE rf.case_id = c.id AND rf.until IS NULL)
  FROM cases c WHERE c.school_id = $1`;

// Per interval a risk factor held on a case of a school, by factor and student (as in SQLite; least() skips nulls).
const SCHOOL_RISK_SQL = `SELECT rf.factor, c.student_id, CASE WHEN c.status = 'active' AND rf.until IS NULL THEN 1 ELSE 0 END,
    ${ms('greatest(c.opened_at, rf.since)')}, CASE WHEN c.closed_at IS NULL AND rf.until IS NULL THEN NULL ELSE ${ms('least(c.closed_at, rf.until)')} END
  FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id WHERE rf.school_id = $1 ORDER BY rf.factor COLLATE "C", c.student_id COLLATE "C"`;

// Attendance rate per month and mean grade per term of each case's student; the student id never leaves SQL.
const CASE_TRENDS_SQL = `SELECT c.id AS "caseId", c.pathway_version_id AS "pathwayVersionId", ${ms('c.opened_at')} AS "openedAt",
    CASE WHEN c.closed_at IS NULL THEN NULL ELSE ${ms('c.closed_at')} END AS "closedAt",
    (SELECT json_object_agg(i.period, (i."values"->>'present')::float8 / NULLIF((i."values"->>'schoolDays')::float8, 0))
       FROM indicators i WHERE i.student_id = c.student_id AND i.kind = 'attendance'
         AND (i."values"->>'schoolDays')::float8 > 0) AS attendance,
    (SELECT json_object_agg(g.period, g.score) FROM (
       SELECT period, avg((x."values"->>'score')::float8) AS score
         FROM indicators x WHERE x.student_id = c.student_id AND x.kind = 'grade' GROUP BY period) g) AS grades,
    (SELECT json_agg(e.state_after ORDER BY e.seq) FROM case_events e WHERE e.case_id = c.id) AS states
  FROM cases c WHERE c.school_id = $1 ORDER BY c.opened_at, c.id COLLATE "C"`;

const LATEST_SCHOOL_VERSIONS_SQL = `SELECT v.id, v.content_hash AS hash FROM pathway_versions v
  WHERE v.school_id = $1 AND v.version = (SELECT max(w.version) FROM pathway_versions w WHERE w.pathway_id = v.pathway_id)`;
const LATEST_TEMPLATE_VERSIONS_SQL = `SELECT v.id FROM pathway_versions v
  WHERE v.school_id IS NULL AND v.district_id = $1 AND v.version = (SELECT max(w.version) FROM pathway_versions w WHERE w.pathway_id = v.pathway_id)`;

/** Report queries on a PostgreSQL pool. */
export function createPostgresReportQueries(handle: Extract<ReportHandle, { dialect: 'postgres' }>): ReportQueries {
  const sql: Sql = handle.client;
  const all = async <T>(text: string, params: readonly Param[]): Promise<T[]> => [...(await sql.unsafe(text, params as Param[], { prepare: true }))] as T[];
  /** Published versions never change: parse each document once per pool. */
  const documents = new Map<string, unknown>();
  /** Documents by content hash (a version's document never changes, and equal hashes are equal documents). */
  const byHash = new Map<string, unknown>();
  async function documentsOf(ids: readonly string[]): Promise<unknown[]> {
    const missing = [...new Set(ids)].filter((id) => !documents.has(id));
    if (missing.length > 0) {
      for (const id of missing) documents.set(id, undefined);
      const rows = await all<{ id: string; document: unknown }>('SELECT id, document FROM pathway_versions WHERE id = ANY($1::text[])', [toArray(missing)]);
      for (const r of rows) documents.set(r.id, r.document);
    }
    return ids.map((id) => documents.get(id)).filter((d) => d !== undefined);
  }
  /** postgres.js sends a text[] parameter as its literal. */
  const toArray = (ids: readonly string[]): string => `{${ids.map((id) => `"${id.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

  function scoped<T>(name: ScopedName, scope: ReportScope, own: readonly Param[] = []): Promise<T[]> {
    const q = SCOPED[name];
    const { where, params } = scopeFilter(scope, q.col, q.own + 1);
    return all<T>(q.text.replace('{where}', where), [...own, ...params]);
  }

  return {
    openByState: (scope) => scoped<StateCount>('openByState', scope),
    openByFactor: (scope) => scoped<FactorCount>('openByFactor', scope),
    overdueTasks: (scope, now) => scoped<OverdueCount>('overdueTasks', scope, [instant(now)]),
    async casesPerMonth(scope, offsetMinutes) {
      type Row = { schoolId: string; month: string; count: number };
      const [opened, closed] = await Promise.all([
        scoped<Row>('openedPerMonth', scope, [offsetMinutes]),
        scoped<Row>('closedPerMonth', scope, [offsetMinutes]),
      ]);
      const merged = new Map<string, MonthCount>();
      const at = (schoolId: string, month: string): MonthCount => {
        const k = `${schoolId}|${month}`;
        let m = merged.get(k);
        if (!m) merged.set(k, (m = { schoolId, month, opened: 0, closed: 0 }));
        return m;
      };
      for (const r of opened) at(r.schoolId, r.month).opened += r.count;
      for (const r of closed) at(r.schoolId, r.month).closed += r.count;
      return [...merged.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.month.localeCompare(b.month));
    },
    outcomes: (scope) => scoped<OutcomeCount>('outcomes', scope),
    beforeAfter: (scope, start, end) => scoped<BeforeAfterCount>('beforeAfter', scope, [instant(start), instant(end)]),
    async stepEventsAfter(schoolId, after) {
      if (after === null) {
        // Arrays, not objects (as in SQLite): one school's events are thousands of rows.
        return { rows: [...(await sql.unsafe(STEP_EVENTS_SQL, [schoolId], { prepare: true }).values())] as unknown as StepEventRow[], cursor: null };
      }
      const ids: string[] = [];
      const seqs: number[] = [];
      for (const [caseId, seq] of after.lastSeqs()) {
        ids.push(caseId);
        seqs.push(seq);
      }
      const rows = await sql.unsafe(STEP_EVENTS_AFTER_SQL, [schoolId, toArray(ids), `{${seqs.join(',')}}`], { prepare: true }).values();
      return { rows: [...rows] as unknown as StepEventRow[], cursor: null };
    },
    async savedSchoolFigures(schoolId) {
      const [row] = await all<{ events: number; offsetMinutes: number; format: number; figures: string }>(
        'SELECT events, offset_minutes AS "offsetMinutes", format, figures::text AS figures FROM school_dashboard_figures WHERE school_id = $1', [schoolId]);
      return row ? { events: row.events, offsetMinutes: row.offsetMinutes, format: row.format, figures: JSON.parse(row.figures) as unknown } : null;
    },
    async saveSchoolFigures(schoolId, saved) {
      // One statement: written only while the school's event count is still the one the figures were read at.
      await all(
        `INSERT INTO school_dashboard_figures (school_id, events, offset_minutes, format, figures, saved_at)
          SELECT $1, $2::int, $3::int, $4::int, $5::json, now() WHERE (SELECT count(*) FROM case_events WHERE school_id = $1) = $2::int
          ON CONFLICT (school_id) DO UPDATE SET events = excluded.events, offset_minutes = excluded.offset_minutes, format = excluded.format,
            figures = excluded.figures, saved_at = excluded.saved_at`,
        [schoolId, saved.events, saved.offsetMinutes, saved.format, JSON.stringify(saved.figures)],
      );
    },
    async stepEventCount(schoolId) {
      const [row] = await all<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE school_id = $1', [schoolId]);
      return row?.n ?? 0;
    },
    async caseTrends(schoolId) {
      type Row = { caseId: string; pathwayVersionId: string; openedAt: number; closedAt: number | null; attendance: Record<string, number> | null; grades: Record<string, number> | null; states: string[] | null };
      const rows = await all<Row>(CASE_TRENDS_SQL, [schoolId]);
      return rows.map((r): CaseTrendRow => ({
        caseId: r.caseId,
        pathwayVersionId: r.pathwayVersionId,
        openedAt: r.openedAt,
        closedAt: r.closedAt,
        attendance: r.attendance ?? {},
        grades: r.grades ?? {},
        states: r.states ?? [],
      }));
    },
    async pathwayDocuments(versionIds) {
      await documentsOf(versionIds);
      const out = new Map<string, unknown>();
      for (const id of new Set(versionIds)) {
        const doc = documents.get(id);
        if (doc !== undefined) out.set(id, doc);
      }
      return out;
    },
    async schoolDocuments(schoolId) {
      // Schools that adopted the same template share its document (same content hash): parsed once per pool.
      const rows = await all<{ id: string; hash: string }>(LATEST_SCHOOL_VERSIONS_SQL, [schoolId]);
      const missing = rows.filter((r) => !byHash.has(r.hash)).map((r) => r.id);
      if (missing.length > 0) await documentsOf(missing);
      return rows.map((r) => {
        if (byHash.has(r.hash)) return byHash.get(r.hash);
        const doc = documents.get(r.id);
        if (doc !== undefined) byHash.set(r.hash, doc);
        return doc;
      }).filter((d) => d !== undefined);
    },
    async templateDocuments(districtId) {
      const ids = (await all<{ id: string }>(LATEST_TEMPLATE_VERSIONS_SQL, [districtId])).map((r) => r.id);
      return documentsOf(ids);
    },
    async activeCasesPerVersion(schoolId) {
      return all<{ pathwayId: string; version: number; cases: number }>(
        `SELECT v.pathway_id AS "pathwayId", v.version AS version, count(*)::int AS cases
           FROM cases c JOIN pathway_versions v ON v.id = c.pathway_version_id
          WHERE c.school_id = $1 AND c.status = 'active' GROUP BY v.pathway_id, v.version ORDER BY v.pathway_id, v.version`,
        [schoolId],
      );
    },
    async schoolCases(schoolId, caseIds) {
      const rows = caseIds === null
        ? await sql.unsafe(SCHOOL_CASES_SQL, [schoolId], { prepare: true }).values()
        : await sql.unsafe(`${SCHOOL_CASES_SQL} AND c.id = ANY($2::text[])`, [schoolId, toArray(caseIds)], { prepare: true }).values();
      return [...rows] as unknown as SchoolCaseRow[];
    },
    async schoolCaseFacts(schoolId) {
      const [byState, outcomes, risk] = await Promise.all([
        all<{ stateValue: string; count: number }>(`SELECT state_value AS "stateValue", count(*)::int AS count FROM cases WHERE school_id = $1 AND status = 'active' GROUP BY state_value`, [schoolId]),
        all<{ outcome: string | null; count: number }>(`SELECT outcome, count(*)::int AS count FROM cases WHERE school_id = $1 AND status = 'closed' GROUP BY outcome`, [schoolId]),
        sql.unsafe(SCHOOL_RISK_SQL, [schoolId], { prepare: true }).values(),
      ]);
      return { byState, outcomes, risk: [...risk] as unknown as SchoolCaseFacts['risk'] };
    },
    async districtChanges(districtId, since) {
      // Each school's event count: case_events is append-only, so a school whose count is unchanged has no change.
      // Read before the facts, a count is never newer than what is read after it (a race only costs another read).
      const rows = await all<{ schoolId: string; n: number }>(
        `SELECT school_id AS "schoolId", count(*)::int AS n FROM case_events WHERE school_id IN (${underNode('$1')}) GROUP BY school_id`,
        [districtId],
      );
      const counts = new Map(rows.map((r) => [r.schoolId, r.n]));
      if (since === null || since.kind !== 'counts') return { mark: { kind: 'counts', counts }, schools: null, settled: true };
      const changed = [...counts].filter(([id, n]) => since.counts.get(id) !== n).map(([id]) => id);
      return { mark: { kind: 'counts', counts }, schools: changed, settled: true };
    },
    async districtSchools(districtId) {
      return all<{ id: string; name: string }>(`SELECT id, name FROM schools WHERE id IN (${underNode('$1')}) ORDER BY name COLLATE "C"`, [districtId]);
    },
  };
}
