/**
 * Every SQL text of the reports, SQLite dialect (better-sqlite3). Statements
 * are prepared once per connection. A scope becomes `school_id = ?` or
 * `school_id IN (schools of the district)`; every query groups by school so
 * the district report can show per-school and district-wide figures from one
 * pass. The indexes these queries use are @jalur/db's (migration 0001_report_indexes:
 * `cases_report_idx`, `cases_closed_idx`, `case_events_school_idx`, `tasks_school_status_due_idx`).
 */
import type Database from 'better-sqlite3';
import type { ReportHandle } from '@jalur/db';
import type {
  BeforeAfterCount, CaseTrendRow, FactorCount, MonthCount, OutcomeCount, OverdueCount, ReportQueries, ReportScope, SchoolCaseFacts, SchoolCaseRow, StateCount, StepEventRow,
} from '../queries.ts';

/**
 * The schools overseen by a node of the oversight tree (`?` = its id) or by
 * any node below it: a province's admin sees its cabang dinas's SMKs.
 */
const UNDER_NODE = 'SELECT id FROM schools WHERE district_id IN (WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT d.id FROM districts d JOIN t ON d.parent_id = t.id) SELECT id FROM t)';

/** `school_id` filter text and its parameters for a scope (`alias` prefixes the column). */
function scopeFilter(scope: ReportScope, alias = ''): { where: string; params: string[] } {
  const col = `${alias}school_id`;
  if (scope.kind === 'school') return { where: `${col} = ?`, params: [scope.schoolId] };
  if (scope.schoolId) {
    return { where: `${col} = ? AND ${col} IN (${UNDER_NODE})`, params: [scope.schoolId, scope.districtId] };
  }
  return { where: `${col} IN (${UNDER_NODE})`, params: [scope.districtId] };
}

/** The SQL of each scoped query, by name; `{where}` is replaced by the scope filter. */
const SCOPED_SQL = {
  openByState: `SELECT school_id AS schoolId, state_value AS stateValue, count(*) AS count
    FROM cases WHERE {where} AND status = 'active' GROUP BY school_id, state_value`,
  openByFactor: `SELECT rf.school_id AS schoolId, rf.factor AS factor, count(*) AS count
    FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id
    WHERE {where:rf.} AND c.status = 'active' AND rf.until IS NULL GROUP BY rf.school_id, rf.factor`,
  overdueTasks: `SELECT school_id AS schoolId, state_id AS stateId, count(*) AS count
    FROM tasks WHERE {where} AND status = 'open' AND due_at < @now GROUP BY school_id, state_id`,
  openedPerMonth: `SELECT school_id AS schoolId, strftime('%Y-%m', (opened_at + @offsetMs) / 1000, 'unixepoch') AS month, count(*) AS count
    FROM cases WHERE {where} GROUP BY school_id, month`,
  closedPerMonth: `SELECT school_id AS schoolId, strftime('%Y-%m', (closed_at + @offsetMs) / 1000, 'unixepoch') AS month, count(*) AS count
    FROM cases WHERE {where} AND status = 'closed' AND closed_at IS NOT NULL GROUP BY school_id, month`,
  outcomes: `SELECT school_id AS schoolId, outcome, count(*) AS count
    FROM cases WHERE {where} AND status = 'closed' GROUP BY school_id, outcome`,
  // At risk for the factor at instant T ⇔ max(opened_at, since) ≤ T < min(closed_at, until) (null: no end), one row
  // per interval the factor held on the case. "before": at some instant of [start, end); "after": at the last instant
  // of the period (end − 1 ms). See before-after.ts.
  beforeAfter: `SELECT rf.school_id AS schoolId, rf.factor AS factor,
      count(DISTINCT CASE WHEN (c.closed_at IS NULL OR c.closed_at > @start) AND (rf.until IS NULL OR rf.until > @start) THEN c.student_id END) AS before,
      count(DISTINCT CASE WHEN (c.closed_at IS NULL OR c.closed_at >= @end) AND (rf.until IS NULL OR rf.until >= @end) THEN c.student_id END) AS after
    FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id
    WHERE {where:rf.} AND rf.since < @end AND c.opened_at < @end
    GROUP BY rf.school_id, rf.factor`,
} as const;

type ScopedName = keyof typeof SCOPED_SQL;

const STEP_EVENTS_SQL = `SELECT case_id AS caseId, seq, at, state_after AS stateAfter
  FROM case_events WHERE school_id = ? ORDER BY case_id, seq`;
// `case_events` has no INTEGER PRIMARY KEY, so a new row's rowid is one more than the table's greatest, and rows
// are never deleted (migration 0002_immutability): rowid order is insertion order. Both read the covering index.
const STEP_EVENTS_AFTER_SQL = `SELECT case_id AS caseId, seq, at, state_after AS stateAfter
  FROM case_events WHERE school_id = ? AND rowid > ? ORDER BY case_id, seq`;

// A school's dashboard figures (`summary.ts`), written only while its event count is the one they were read at.
const SAVE_FIGURES_SQL = `INSERT INTO school_dashboard_figures (school_id, events, offset_minutes, format, figures, saved_at)
  SELECT ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM case_events WHERE school_id = ?) = ?
  ON CONFLICT (school_id) DO UPDATE SET events = excluded.events, offset_minutes = excluded.offset_minutes, format = excluded.format,
    figures = excluded.figures, saved_at = excluded.saved_at`;

// Per case of a school: what the dashboard counts (today's factors comma-joined, from case_risk_factors_current_idx).
const SCHOOL_CASES_SQL = `SELECT c.id, c.status, c.state_value, c.outcome, c.opened_at, c.closed_at,
    (SELECT group_concat(rf.factor) FROM case_risk_factors rf WHERE rf.case_id = c.id AND rf.until IS NULL)
  FROM cases c WHERE c.school_id = ?`;

// Per interval a risk factor held on a case of a school: what the district before/after needs, by factor and student
// (distinct students) — open today (the case open, the factor still held), and the instants the student was at risk
// for it: from max(opened_at, since) to min(closed_at, until) (null: not ended). SQLite's two-argument min() is null
// when either is, hence the CASE.
const SCHOOL_RISK_SQL = `SELECT rf.factor, c.student_id, c.status = 'active' AND rf.until IS NULL, max(c.opened_at, rf.since),
    CASE WHEN rf.until IS NULL THEN c.closed_at WHEN c.closed_at IS NULL THEN rf.until ELSE min(c.closed_at, rf.until) END
  FROM case_risk_factors rf JOIN cases c ON c.id = rf.case_id WHERE rf.school_id = ? ORDER BY rf.factor, c.student_id`;

// Attendance rate per month and mean grade per term of each case's student; the student id never leaves SQL.
const CASE_TRENDS_SQL = `SELECT c.id AS caseId, c.pathway_version_id AS pathwayVersionId, c.opened_at AS openedAt, c.closed_at AS closedAt,
    (SELECT json_group_object(i.period,
        CAST(json_extract(i."values", '$.present') AS REAL) / NULLIF(json_extract(i."values", '$.schoolDays'), 0))
       FROM indicators i WHERE i.student_id = c.student_id AND i.kind = 'attendance'
         AND json_extract(i."values", '$.schoolDays') > 0) AS attendance,
    (SELECT json_group_object(period, avgScore) FROM (
       SELECT g.period AS period, avg(CAST(json_extract(g."values", '$.score') AS REAL)) AS avgScore
         FROM indicators g WHERE g.student_id = c.student_id AND g.kind = 'grade' GROUP BY g.period)) AS grades,
    (SELECT json_group_array(state_after) FROM (SELECT e.state_after FROM case_events e WHERE e.case_id = c.id ORDER BY e.seq)) AS states
  FROM cases c WHERE c.school_id = ? ORDER BY c.opened_at, c.id`;

/** Report queries on a SQLite connection. */
export function createSqliteReportQueries(handle: Extract<ReportHandle, { dialect: 'sqlite' }>): ReportQueries {
  const { sqlite } = handle;
  const cache = new Map<string, Database.Statement>();
  /** Published versions never change: parse each document once per connection. */
  const documents = new Map<string, unknown>();
  /** Documents by content hash (a version's document never changes, and equal hashes are equal documents). */
  const byHash = new Map<string, unknown>();
  const documentOf = (id: string): unknown => {
    if (!documents.has(id)) {
      const row = prepare('SELECT document FROM pathway_versions WHERE id = ?').get(id) as { document: string } | undefined;
      documents.set(id, row ? (JSON.parse(row.document) as unknown) : undefined);
    }
    return documents.get(id);
  };
  const prepare = (text: string): Database.Statement => {
    let st = cache.get(text);
    if (!st) {
      st = sqlite.prepare(text);
      cache.set(text, st);
    }
    return st;
  };
  const eventCount = (schoolId: string): number => prepare('SELECT count(*) FROM case_events WHERE school_id = ?').pluck().get(schoolId) as number;
  const lastRowid = (): number => (prepare('SELECT max(rowid) FROM case_events').pluck().get() as number | null) ?? 0;
  function scoped<T>(name: ScopedName, scope: ReportScope, named: Record<string, number> = {}): T[] {
    const { where, params } = scopeFilter(scope, SCOPED_SQL[name].includes('{where:rf.}') ? 'rf.' : '');
    let text = SCOPED_SQL[name].replace(/\{where(:rf\.)?\}/, where);
    // One school: `school_id` is constant, so grouping by it too only costs a wider sort key (the bare column still reads it).
    if (scope.kind === 'school') text = text.replace(/GROUP BY (rf\.)?school_id, /, 'GROUP BY ');
    const st = prepare(text);
    return (Object.keys(named).length > 0 ? st.all(named, ...params) : st.all(...params)) as T[];
  }

  return {
    async openByState(scope) {
      return scoped<StateCount>('openByState', scope);
    },
    async openByFactor(scope) {
      return scoped<FactorCount>('openByFactor', scope);
    },
    async overdueTasks(scope, now) {
      return scoped<OverdueCount>('overdueTasks', scope, { now });
    },
    async casesPerMonth(scope, offsetMinutes) {
      const offsetMs = offsetMinutes * 60_000;
      const merged = new Map<string, MonthCount>();
      const at = (schoolId: string, month: string): MonthCount => {
        const k = `${schoolId}|${month}`;
        let m = merged.get(k);
        if (!m) merged.set(k, (m = { schoolId, month, opened: 0, closed: 0 }));
        return m;
      };
      for (const r of scoped<{ schoolId: string; month: string; count: number }>('openedPerMonth', scope, { offsetMs })) at(r.schoolId, r.month).opened += r.count;
      for (const r of scoped<{ schoolId: string; month: string; count: number }>('closedPerMonth', scope, { offsetMs })) at(r.schoolId, r.month).closed += r.count;
      return [...merged.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.month.localeCompare(b.month));
    },
    async outcomes(scope) {
      return scoped<OutcomeCount>('outcomes', scope);
    },
    async beforeAfter(scope, start, end) {
      return scoped<BeforeAfterCount>('beforeAfter', scope, { start, end });
    },
    async stepEventCount(schoolId) {
      return eventCount(schoolId);
    },
    async savedSchoolFigures(schoolId) {
      const row = prepare('SELECT events, offset_minutes, format, figures FROM school_dashboard_figures WHERE school_id = ?').raw(true).get(schoolId) as
        | [number, number, number, string]
        | undefined;
      return row ? { events: row[0], offsetMinutes: row[1], format: row[2], figures: JSON.parse(row[3]) as unknown } : null;
    },
    async saveSchoolFigures(schoolId, saved) {
      // Never inside another write's transaction (it could still roll back); written on its own, after it.
      if (sqlite.inTransaction) return;
      prepare(SAVE_FIGURES_SQL).run(schoolId, saved.events, saved.offsetMinutes, saved.format, JSON.stringify(saved.figures), Date.now(), schoolId, saved.events);
    },
    async stepEventsAfter(schoolId, after) {
      // One synchronous block: no write can land between the reads (the connection is the writer's).
      if (after === null || after.cursor === null) {
        // Arrays, not objects: one school's events are thousands of rows.
        return { rows: prepare(STEP_EVENTS_SQL).raw(true).all(schoolId) as StepEventRow[], cursor: lastRowid() };
      }
      const rows = prepare(STEP_EVENTS_AFTER_SQL).raw(true).all(schoolId, after.cursor) as StepEventRow[];
      // Rows are only ever added, so what was read plus what is new is all there is — unless a VACUUM renumbered
      // rowids or another process wrote between these reads; then the counts differ and the caller reads everything.
      if (eventCount(schoolId) !== after.events + rows.length) return null;
      return { rows, cursor: lastRowid() };
    },
    async caseTrends(schoolId) {
      const rows = prepare(CASE_TRENDS_SQL).all(schoolId) as { caseId: string; pathwayVersionId: string; openedAt: number; closedAt: number | null; attendance: string | null; grades: string | null; states: string }[];
      return rows.map((r): CaseTrendRow => ({
        caseId: r.caseId,
        pathwayVersionId: r.pathwayVersionId,
        openedAt: r.openedAt,
        closedAt: r.closedAt,
        attendance: r.attendance ? (JSON.parse(r.attendance) as Record<string, number>) : {},
        grades: r.grades ? (JSON.parse(r.grades) as Record<string, number>) : {},
        states: JSON.parse(r.states) as string[],
      }));
    },
    async pathwayDocuments(versionIds) {
      const out = new Map<string, unknown>();
      for (const id of new Set(versionIds)) {
        const doc = documentOf(id);
        if (doc !== undefined) out.set(id, doc);
      }
      return out;
    },
    async schoolDocuments(schoolId) {
      const rows = prepare(
        `SELECT v.id, v.content_hash FROM pathway_versions v
          WHERE v.school_id = ? AND v.version = (SELECT max(w.version) FROM pathway_versions w WHERE w.pathway_id = v.pathway_id)`,
      ).raw(true).all(schoolId) as [string, string][];
      // Schools that adopted the same template share its document (same content hash): parsed, and its step
      // labels computed, once per connection instead of once per school.
      return rows.map(([id, hash]) => {
        if (byHash.has(hash)) return byHash.get(hash);
        const doc = documentOf(id);
        if (doc !== undefined) byHash.set(hash, doc);
        return doc;
      }).filter((d) => d !== undefined);
    },
    async templateDocuments(districtId) {
      const ids = prepare(
        `SELECT v.id FROM pathway_versions v
          WHERE v.school_id IS NULL AND v.district_id = ? AND v.version = (SELECT max(w.version) FROM pathway_versions w WHERE w.pathway_id = v.pathway_id)`,
      ).pluck().all(districtId) as string[];
      return ids.map(documentOf).filter((d) => d !== undefined);
    },
    async activeCasesPerVersion(schoolId) {
      return prepare(
        `SELECT v.pathway_id AS pathwayId, v.version AS version, count(*) AS cases
           FROM cases c JOIN pathway_versions v ON v.id = c.pathway_version_id
          WHERE c.school_id = ? AND c.status = 'active' GROUP BY v.pathway_id, v.version ORDER BY v.pathway_id, v.version`,
      ).all(schoolId) as { pathwayId: string; version: number; cases: number }[];
    },
    async schoolCases(schoolId, caseIds) {
      if (caseIds === null) return prepare(SCHOOL_CASES_SQL).raw(true).all(schoolId) as SchoolCaseRow[];
      return prepare(`${SCHOOL_CASES_SQL} AND c.id IN (SELECT value FROM json_each(?))`).raw(true).all(schoolId, JSON.stringify(caseIds)) as SchoolCaseRow[];
    },
    async schoolCaseFacts(schoolId) {
      // One synchronous block: the three reads see the same committed state.
      return {
        byState: prepare("SELECT state_value AS stateValue, count(*) AS count FROM cases WHERE school_id = ? AND status = 'active' GROUP BY state_value").all(schoolId) as { stateValue: string; count: number }[],
        outcomes: prepare("SELECT outcome, count(*) AS count FROM cases WHERE school_id = ? AND status = 'closed' GROUP BY outcome").all(schoolId) as { outcome: string | null; count: number }[],
        risk: prepare(SCHOOL_RISK_SQL).raw(true).all(schoolId) as SchoolCaseFacts['risk'],
      };
    },
    async districtChanges(_districtId, since) {
      const settled = !sqlite.inTransaction;
      if (since === null || since.kind !== 'rowid') return { mark: { kind: 'rowid', rowid: lastRowid() }, schools: null, settled };
      // NOT INDEXED: a range of the table's rowids (the new rows only), never a scan of the school index for GROUP BY.
      const rows = prepare('SELECT school_id, count(*) FROM case_events NOT INDEXED WHERE rowid > ? GROUP BY school_id').raw(true).all(since.rowid) as [string, number][];
      const rowid = lastRowid();
      // Rows are only appended, each with the next rowid: anything else (a VACUUM renumbered them) means read every school.
      const added = rows.reduce((n, r) => n + r[1], 0);
      if (rowid - since.rowid !== added) return { mark: { kind: 'rowid', rowid }, schools: null, settled };
      return { mark: { kind: 'rowid', rowid }, schools: rows.map((r) => r[0]), settled };
    },
    async districtSchools(districtId) {
      return prepare(`SELECT id, name FROM schools WHERE id IN (${UNDER_NODE}) ORDER BY name`).all(districtId) as { id: string; name: string }[];
    },
  };
}
