/**
 * Real case changes for dashboard tests on either dialect: a new case of the
 * demo's `srps-standar` pathway driven through identification, assessment,
 * the motivation intervention, a monitoring timer and the team's closing
 * decision — each event through `db.cases.create` / `advance` / `fireTimer`
 * and the engine, as the API does — with a callback after every change.
 */
import { type CaseSnapshot, type StartCaseInput } from '../../packages/engine/src/index.ts';
import { type CaseRow, type JalurDb } from '../../packages/db/src/index.ts';
import { CompiledPathwayCache, advanceWith, openingEvent, startWith } from '../../packages/cases/src/index.ts';
import { createReportQueries, schoolSummary, type ReportQueries, type SchoolSummary } from '../../packages/reports/src/index.ts';
import { planStepEvent } from '../../packages/cases/src/seed/drive.ts';

const DAY = 86_400_000;
/** Who sends an event: the first of these roles its step allows (as the demo seed picks). */
const TIMER_WEEK = 'xstate.after.P7D.srps-standar.pemantauan.menunggu_pekan';

/** The events after opening, with the form values that matter (required fields are filled like the demo seed does). */
export const CLOSING_PLAN: readonly (readonly [type: string, data?: Record<string, unknown>])[] = [
  ['SELESAI_IDENTIFIKASI'],
  ['TETAPKAN_FAKTOR', { mainFactor: 'motivation', riskLevel: 'sedang' }],
  ['SESI_SELESAI'], ['SESI_KELOMPOK_SELESAI'], ['SISWA_TERLIBAT_PROYEK'], ['IKUT_EKSKUL'],
  [TIMER_WEEK],
  ['CATAT_CEK'],
  ['EVALUASI_SEKARANG'],
  ['TUTUP_KASUS', { outcome: 'resolved', riskChange: 'teratasi' }],
];

/** A dashboard answer without the instant it was made. */
export const stableSummary = ({ generatedAt: _, ...rest }: SchoolSummary) => rest;

/**
 * Opens one case for `studentId` in `schoolId` and drives it through
 * `CLOSING_PLAN` (events `stepDays` apart from `openedAt`; the monitoring
 * week is fired as a durable timer), calling `after` after the opening and
 * after every event.
 */
export async function driveClosingCase(
  db: JalurDb, input: { districtId: string; schoolId: string; studentId: string; openedAt: Date; stepDays: number },
  after: (what: string, row: CaseRow) => Promise<void>,
): Promise<CaseRow> {
  const scope = { districtId: input.districtId, schoolId: input.schoolId };
  const pathway = await db.pathways.getByKey(scope, 'srps-standar');
  if (!pathway) throw new Error('no srps-standar pathway');
  const version = await db.pathways.latestVersion(scope, pathway.id);
  if (!version) throw new Error('srps-standar is not published');
  const cache = new CompiledPathwayCache();
  const start: StartCaseInput = { riskFactors: ['motivation'], student: { className: 'X-1' } };
  const made = await db.cases.create({
    schoolId: input.schoolId, studentId: input.studentId, pathwayVersionId: version.id, riskFactors: ['motivation'], actorId: null, now: input.openedAt,
    event: openingEvent(start), start: startWith(cache, start, { now: input.openedAt }),
  });
  if (!made.ok) throw new Error(made.error.message);
  let row = made.value.case;
  await after('case.opened', row);
  const p = cache.get(version);
  let at = input.openedAt;
  for (const [type, overrides] of CLOSING_PLAN) {
    at = new Date(at.getTime() + input.stepDays * DAY);
    if (type.startsWith('xstate.after.')) {
      const timer = (await db.timers.claimDue(new Date(at.getTime() + 30 * DAY), 20, 'dashboard-test', { caseId: row.id })).find((t) => t.event === type);
      if (!timer) throw new Error(`no due timer for ${type}`);
      const event = { type: timer.event };
      const fired = await db.cases.fireTimer({ timer, claimer: 'dashboard-test', now: timer.dueAt, apply: advanceWith(cache, event, { now: timer.dueAt }) });
      if (!fired.ok || !fired.value.fired) throw new Error(`timer ${timer.event} did not fire`);
      at = timer.dueAt;
    } else {
      const { data, role } = planStepEvent(p, row.snapshot as CaseSnapshot, type, overrides, at);
      const event = { type, data };
      const moved = await db.cases.advance({
        schoolId: input.schoolId, caseId: row.id, expectedVersion: row.version, actorId: null, now: at, event,
        apply: advanceWith(cache, event, { now: at, actor: { id: 'dashboard-test', role } }),
      });
      if (!moved.ok) throw new Error(`${type}: ${moved.error.code} ${moved.error.message}`);
    }
    const next = await db.cases.get(input.schoolId, row.id);
    if (!next) throw new Error('case vanished');
    row = next;
    await after(type, row);
  }
  return row;
}

/**
 * A report-queries wrapper that records, per call of `stepEventsAfter`,
 * whether it asked for every event (`all`) or only the newer ones (`after`).
 */
export function recordingQueries(q: ReportQueries): { queries: ReportQueries; reads: ('all' | 'after')[] } {
  const reads: ('all' | 'after')[] = [];
  return {
    reads,
    queries: {
      ...q,
      stepEventsAfter: (schoolId, after) => {
        reads.push(after === null ? 'all' : 'after');
        return q.stepEventsAfter(schoolId, after);
      },
    },
  };
}

/** The dashboard from a fresh set of queries: nothing cached, every event read. */
export async function fromScratch(db: JalurDb, schoolId: string, now: Date): Promise<ReturnType<typeof stableSummary>> {
  // Counted again: never the figures saved by an earlier load (`school_dashboard_figures`).
  return stableSummary(await schoolSummary({ ...createReportQueries(db.reportHandle), savedSchoolFigures: undefined }, schoolId, now));
}
