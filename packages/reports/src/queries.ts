/**
 * The dialect-free contract of the report queries: raw counts, no names, no
 * ids of students. Every SQL text lives in one implementation per dialect
 * (`sqlite/queries.ts`; a PostgreSQL twin follows in issue 8) so the report
 * logic above it (`summary.ts`, `before-after.ts`, `district.ts`) is shared.
 */

/** Which cases a query covers: one school, or every school of a district (optionally one). */
export type ReportScope = { kind: 'school'; schoolId: string } | { kind: 'district'; districtId: string; schoolId?: string | null };

export interface StateCount {
  schoolId: string;
  stateValue: string;
  count: number;
}
export interface FactorCount {
  schoolId: string;
  factor: string;
  count: number;
}
export interface OutcomeCount {
  schoolId: string;
  outcome: string | null;
  count: number;
}
export interface MonthCount {
  schoolId: string;
  month: string;
  opened: number;
  closed: number;
}
export interface BeforeAfterCount {
  schoolId: string;
  factor: string;
  before: number;
  after: number;
}
export interface OverdueCount {
  schoolId: string;
  stateId: string;
  count: number;
}
/** One case event's position in time, for step durations (no student data): `[caseId, seq, at, stateAfter]`. */
export type StepEventRow = readonly [caseId: string, seq: number, at: number, stateAfter: string];

/**
 * What a reader already has of a school's events, to ask only for newer ones:
 * the `cursor` a driver returned with its last answer, how many events were
 * read in all, and the last seq read of each case.
 */
export interface StepEventsRead {
  cursor: StepEventCursor;
  events: number;
  lastSeqs(): Iterable<readonly [caseId: string, seq: number]>;
}
/** A driver's insertion-order mark (SQLite: the greatest `case_events` rowid read); null where it has none. */
export type StepEventCursor = number | null;
/** Events of a school and the cursor to read only what comes after them. */
export interface StepEventBatch {
  rows: StepEventRow[];
  cursor: StepEventCursor;
}
/** Per case: what the trend reports need (the student id stays inside the query layer). */
export interface CaseTrendRow {
  caseId: string;
  pathwayVersionId: string;
  openedAt: number;
  closedAt: number | null;
  /** Monthly attendance rates `YYYY-MM → rate` of the case's student. */
  attendance: Record<string, number>;
  /** Mean score per term (`YYYY-1`, `YYYY-2`) of the case's student. */
  grades: Record<string, number>;
  /** Every `state_after` of the case, by `seq`. */
  states: string[];
}

/**
 * One school's cases as the district rollup keeps them: open cases per state,
 * closed cases per outcome, and one row per interval a risk factor held on a
 * case — `[factor, studentId, active 1/0, from, to | null]`: `active` when the
 * case is open and the factor still holds, the student at risk for the factor
 * from `max(opened_at, since)` until `min(closed_at, until)` (null: not ended)
 * — ordered by factor and student. The student id only ties a student's cases together
 * (distinct students); it never leaves `@jalur/reports`.
 */
export interface SchoolCaseFacts {
  byState: { stateValue: string; count: number }[];
  outcomes: { outcome: string | null; count: number }[];
  risk: readonly (readonly [factor: string, studentId: string, active: number, from: number, to: number | null])[];
}
/** One case of a school as the dashboard counts it: `[id, status, stateValue, outcome, openedAt, closedAt, factors comma-joined]`. */
export type SchoolCaseRow = readonly [caseId: string, status: string, stateValue: string, outcome: string | null, openedAt: number, closedAt: number | null, factors: string | null];
/** A driver's mark of what the district rollup has read (opaque to the caller). */
export type DistrictMark = { kind: 'rowid'; rowid: number } | { kind: 'counts'; counts: Map<string, number> };
/** The schools whose cases changed since a mark (`null`: cannot tell, read every school). */
export interface DistrictChanges {
  mark: DistrictMark;
  schools: string[] | null;
  /**
   * False when the read ran inside an open write transaction of the same
   * connection (SQLite): what was read may still roll back, so the schools
   * read now must be read again once it settles.
   */
  settled: boolean;
}

/** A school's saved dashboard figures and the event count they were read at. */
export interface SavedSchoolFigures {
  events: number;
  offsetMinutes: number;
  /** The shape of `figures` (`summary.ts` `FIGURES_FORMAT`). */
  format: number;
  figures: unknown;
}

/** Report queries over one database. All counts are of cases unless named otherwise. */
export interface ReportQueries {
  /** Open cases per stored `state_value` (comma-joined active leaves). */
  openByState(scope: ReportScope): Promise<StateCount[]>;
  /** Open cases per risk factor they have today (the factor's interval still holds). */
  openByFactor(scope: ReportScope): Promise<FactorCount[]>;
  /** Open tasks due before `now`, per step. */
  overdueTasks(scope: ReportScope, now: number): Promise<OverdueCount[]>;
  /** Cases opened and closed per calendar month (school time). */
  casesPerMonth(scope: ReportScope, offsetMinutes: number): Promise<MonthCount[]>;
  /** Closed cases per stored outcome. */
  outcomes(scope: ReportScope): Promise<OutcomeCount[]>;
  /** Distinct students at risk per factor during `[start, endExclusive)` vs at its end (see before-after.ts). */
  beforeAfter(scope: ReportScope, start: number, endExclusive: number): Promise<BeforeAfterCount[]>;
  /**
   * How many events a school's cases have. `case_events` is append-only, so an
   * unchanged count means unchanged step durations (the dashboard reuses them).
   */
  stepEventCount(schoolId: string): Promise<number>;
  /**
   * The dashboard figures saved for a school (`summary.ts`, table
   * `school_dashboard_figures`), or null. Optional: without it every first
   * load of a process counts again.
   */
  savedSchoolFigures?(schoolId: string): Promise<SavedSchoolFigures | null>;
  /**
   * Saves a school's dashboard figures, only if its event count is still
   * `saved.events` when written (never figures read inside a transaction that
   * rolled back, nor ones a newer change has overtaken).
   */
  saveSchoolFigures?(schoolId: string, saved: SavedSchoolFigures): Promise<void>;
  /**
   * The school's events appended since `after` (every event when null),
   * ordered by case and seq. Each driver answers exactly the events after
   * what was read — SQLite by rowid (the log is append-only), PostgreSQL by
   * each case's last seq read (its commit order is not its insertion order).
   * Null when the driver cannot tell (e.g. SQLite rowids renumbered by a
   * VACUUM): the caller reads everything again.
   */
  stepEventsAfter(schoolId: string, after: StepEventsRead | null): Promise<StepEventBatch | null>;
  /** The trend inputs of every case of a school, by opening time. */
  caseTrends(schoolId: string): Promise<CaseTrendRow[]>;
  /** Pathway documents by version id (titles and branches for labels). */
  pathwayDocuments(versionIds: readonly string[]): Promise<Map<string, unknown>>;
  /** The latest published document of each pathway of a school (step titles). */
  schoolDocuments(schoolId: string): Promise<unknown[]>;
  /** The latest published document of each district template (step titles in district reports). */
  templateDocuments(districtId: string): Promise<unknown[]>;
  /** Open cases per pathway version of a school (which versions still have running cases). */
  activeCasesPerVersion(schoolId: string): Promise<{ pathwayId: string; version: number; cases: number }[]>;
  /** The cases of a school (every one, or only `caseIds`) as the dashboard counts them (`school-cases.ts`). */
  schoolCases(schoolId: string, caseIds: readonly string[] | null): Promise<SchoolCaseRow[]>;
  /** One school's case facts for the district rollup (`district-rollup.ts`). */
  schoolCaseFacts(schoolId: string): Promise<SchoolCaseFacts>;
  /**
   * Which schools' cases changed since `since` (every event of a case change is
   * appended to `case_events`, which is append-only): SQLite by rowid (as
   * `stepEventsAfter`), PostgreSQL by each school's event count (its commit
   * order is not its insertion order). `since` null: a first mark, every school.
   */
  districtChanges(districtId: string, since: DistrictMark | null): Promise<DistrictChanges>;
  /** Schools of a district: id and name (district reports name schools, never students). */
  districtSchools(districtId: string): Promise<{ id: string; name: string }[]>;
}
