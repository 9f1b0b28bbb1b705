/**
 * @jalur/reports — monitoring & evaluation for schools and districts: the
 * school dashboard, the before/after table, trends, de-identified district
 * aggregates, CSV export. Queries run on `db.reportHandle` of an open
 * `JalurDb`; all SQL is in `sqlite/` and `postgres/`, one file per dialect.
 */
export { createReportQueries, reportQueriesOf, type ReportsHandle } from './handle.ts';
export type * from './queries.ts';
export { createSqliteReportQueries } from './sqlite/queries.ts';
export { createPostgresReportQueries } from './postgres/queries.ts';
export * from './period.ts';
export * from './outcome.ts';
export * from './suppress.ts';
export { schoolSummary, countsPerLeaf, type SchoolSummary, type StepCountRow, type StepDurationRow } from './summary.ts';
export { schoolBeforeAfter, beforeAfterRows, CORE_FACTORS, type BeforeAfterRow } from './before-after.ts';
export { schoolTrends, caseTrend, branchOf, termOf, addMonths, RETURN_THRESHOLD, type SchoolTrends, type CaseTrend, type BranchReturn, type ReturnRate } from './trends.ts';
export { districtAggregates, publishDistrict, type DistrictAggregates, type AggregateBlock, type PublicOutcome } from './district.ts';
export { districtFacts, schoolFactsOf, riskCounts, monthIndexOf, monthIndexOfDate, rollupReads, OPEN_MONTH, type DistrictFacts, type SchoolFacts, type FactorFacts, type RiskCounts } from './district-rollup.ts';
export { stepStays } from './step-durations.ts';
export { stepLabels, mergedStepLabels, leavesOf, type StepLabel } from './steps.ts';
export { toCsv, schoolTable, districtTable, SCHOOL_TABLES, DISTRICT_TABLES, type CsvTable, type SchoolTable, type DistrictTable } from './csv.ts';
export { median, mean } from './stats.ts';
export { semesterReport, semesterForDinas, termDates, TERM_SEMESTERS, REPORT_STATUSES, RISK_LEVELS, type SemesterReport, type SemesterReportForDinas, type TermDates, type TermSemester, type ReportStatus, type RiskLevel } from './semester.ts';
