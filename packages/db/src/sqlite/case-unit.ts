/**
 * The case unit of work on SQLite: one BEGIN IMMEDIATE transaction per
 * create/advance/timer fire, prepared statements only (no query building on
 * the hot path), nothing written unless everything is.
 */
import { and, eq, sql } from 'drizzle-orm';
import { pathwayVersions, students } from '../schema/index.ts';
import type { AdvanceCaseInput, AuditInput, CaseChange, CaseSideWrites, CaseTransition, CreateCaseInput, FireTimerOutcome, RecordedEvent, SideWritten } from '../case-unit.ts';
import type { Effect } from '@jalur/engine';
import type { CalendarEntry } from '@jalur/casework';
import { calendarWindowFor, inSchoolDays, type SchoolWeekRow } from '../school-day-effects.ts';
import { hasConsent, insertConsent } from './records.ts';
import { decideTask } from './work.ts';
import { writeDisbursement } from './funds.ts';
import type { CaseRepo } from '../repository.ts';
import type { CaseEventRow, CaseRow, PathwayVersionRow } from '../rows.ts';
import { fail, notStaff, ok, type DbResult } from '../result.ts';
import { newId, transact, type SqliteContext } from './context.ts';
import { createEffectWriter } from './effects.ts';
import { createCaseReads } from './case-reads.ts';
import { createKeyStore } from './ops.ts';
import { CommitQueue } from './commit-queue.ts';
import { CASE_COLUMNS, caseFromRow, SnapshotCache, type RawCase } from './case-row.ts';

/** Active leaf paths → the stored, queryable `state_value`. */
export const joinStateValue = (leaves: readonly string[]): string => [...leaves].sort().join(',');

export function createCaseRepo(ctx: SqliteContext, options: { groupCommit?: boolean; snapshots?: SnapshotCache } = {}): CaseRepo {
  const { db, sqlite } = ctx;
  const queue = options.groupCommit ? new CommitQueue(sqlite) : null;
  // Hand-mapped rather than drizzle-mapped: this read is on every advance.
  const loadCaseStmt = sqlite.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ? AND school_id = ?`);
  const snapshots = options.snapshots ?? new SnapshotCache();
  const loadCase = (id: string, schoolId: string): CaseRow | undefined => {
    const raw = loadCaseStmt.get(id, schoolId) as RawCase | undefined;
    return caseFromRow(raw, raw && snapshots.get(raw.id, raw.version));
  };
  /**
   * Runs a case write in its own transaction, or (group commit) in a shared
   * one; once committed — and only when it was not nested in someone else's
   * transaction — remembers the new snapshot.
   */
  async function commit<T extends { ok: boolean }>(fn: () => T, changed: (result: T) => CaseRow | undefined): Promise<T> {
    const nested = sqlite.inTransaction;
    const result = queue && !nested ? await queue.run(() => transact(ctx, fn)) : transact(ctx, fn);
    const row = nested ? undefined : changed(result);
    if (row) snapshots.set(row.id, row.version, row.snapshot);
    return result;
  }
  const write = (fn: () => DbResult<CaseChange>) => commit(fn, (r) => (r.ok ? r.value.case : undefined));
  const loadVersion = db.select().from(pathwayVersions).where(eq(pathwayVersions.id, sql.placeholder('id'))).prepare();
  const loadStudent = db
    .select()
    .from(students)
    .where(and(eq(students.id, sql.placeholder('id')), eq(students.schoolId, sql.placeholder('schoolId'))))
    .prepare();
  // Two statements: the common one leaves status/outcome alone, so their indexes are not touched.
  const updateCase = sqlite.prepare('UPDATE cases SET snapshot = ?, state_value = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?');
  const closeCase = sqlite.prepare(
    'UPDATE cases SET snapshot = ?, state_value = ?, version = ?, updated_at = ?, status = ?, outcome = ?, closed_at = ? WHERE id = ? AND version = ?',
  );
  const migrateCase = sqlite.prepare(
    `UPDATE cases SET snapshot = ?, state_value = ?, version = ?, updated_at = ?, status = ?, outcome = ?, closed_at = ?, pathway_id = ?, pathway_version_id = ?
     WHERE id = ? AND version = ?`,
  );
  const insertCase = sqlite.prepare(
    `INSERT INTO cases (id, school_id, student_id, pathway_id, pathway_version_id, snapshot, state_value, version, status, outcome,
       assignee_id, risk_factors, opened_by, opened_at, updated_at, closed_at, indicators_at_open)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A factor's rows are its intervals on the case (`since` ≤ T < `until`, null while it holds): see schema/cases.ts.
  const insertRiskFactor = sqlite.prepare('INSERT OR IGNORE INTO case_risk_factors (case_id, school_id, factor, since) VALUES (?, ?, ?, ?)');
  const setRiskFactors = sqlite.prepare('UPDATE cases SET risk_factors = ? WHERE id = ?');
  /** A factor not in the new set stops holding now; one added at this very instant never held (no empty interval is kept). */
  const dropUnheldFactors = sqlite.prepare(
    'DELETE FROM case_risk_factors WHERE case_id = @caseId AND until IS NULL AND since >= @now AND factor NOT IN (SELECT value FROM json_each(@factors))',
  );
  const endRemovedFactors = sqlite.prepare(
    'UPDATE case_risk_factors SET until = @now WHERE case_id = @caseId AND until IS NULL AND factor NOT IN (SELECT value FROM json_each(@factors))',
  );
  /**
   * A factor of the new set that does not hold yet starts now (a new interval after an earlier one ended; should a
   * clock step back onto an earlier interval's start, that interval holds again rather than the factor going missing).
   */
  const startAddedFactor = sqlite.prepare(
    `INSERT INTO case_risk_factors (case_id, school_id, factor, since)
     SELECT @caseId, @schoolId, @factor, @now WHERE NOT EXISTS (SELECT 1 FROM case_risk_factors WHERE case_id = @caseId AND until IS NULL AND factor = @factor)
     ON CONFLICT (case_id, factor, since) DO UPDATE SET until = NULL`,
  );
  const insertEvent = sqlite.prepare(
    'INSERT INTO case_events (id, case_id, school_id, seq, type, data, actor_id, at, state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const loadTimer = sqlite.prepare('SELECT status, claimed_by AS claimedBy FROM timers WHERE id = ?');
  const finishTimer = sqlite.prepare("UPDATE timers SET status = ?, done_at = ? WHERE id = ? AND status = 'pending'");
  const effects = createEffectWriter(ctx);
  const keys = createKeyStore(ctx);
  const calendarStmt = sqlite.prepare('SELECT date, kind FROM school_calendar WHERE school_id = ? AND date >= ? AND date <= ?');
  const weekStmt = sqlite.prepare('SELECT week_days, time_zone, national_holidays FROM school_year_settings WHERE school_id = ?');

  /** Due dates of school-day steps recounted on the school's calendar (read in this transaction). */
  function withSchoolDays(pv: PathwayVersionRow, list: readonly Effect[], schoolId: string, now: Date): readonly Effect[] {
    const window = calendarWindowFor(list, pv, now);
    return window ? inSchoolDays(list, pv, now, calendarStmt.all(schoolId, window.from, window.to) as CalendarEntry[], weekStmt.get(schoolId) as SchoolWeekRow | undefined) : list;
  }

  /** The advance's side writes (consent, approval decision), before `apply`. */
  function writeSide(row: CaseRow, records: CaseSideWrites, now: Date): DbResult<SideWritten> {
    const written: SideWritten = {};
    if (records.consent) {
      written.consent = insertConsent(ctx, row.schoolId, { ...records.consent, caseId: row.id, now });
      written.consentGranted = hasConsent(ctx, row.schoolId, row.id, records.consent.purpose);
    }
    if (records.decision) {
      const { taskId, ...decision } = records.decision;
      const decided = decideTask(ctx, row.schoolId, taskId, { ...decision, now, caseId: row.id });
      if (!decided.ok) return decided;
      written.task = decided.value;
    }
    if (records.disbursement) {
      const paid = writeDisbursement(ctx, row, records.disbursement, now);
      if (!paid.ok) return paid;
      written.disbursement = paid.value;
    }
    return ok(written);
  }

  /** Immutable rows: cached for the life of the process. */
  const versionCache = new Map<string, PathwayVersionRow>();
  function pathwayVersion(id: string): PathwayVersionRow | undefined {
    let row = versionCache.get(id);
    if (!row) {
      row = loadVersion.get({ id });
      if (row) versionCache.set(id, row);
    }
    return row;
  }

  function writeAudit(audit: readonly AuditInput[] | undefined, schoolId: string, actorId: string | null, now: Date): void {
    if (!audit) return;
    for (const entry of audit) ctx.audit({ ...entry, actorId: entry.actorId === undefined ? actorId : entry.actorId, schoolId, at: now });
  }

  /** Persists a transition of an existing case: UPDATE with version check, event row, effects. */
  function persist(row: CaseRow, pv: PathwayVersionRow, t: CaseTransition, event: RecordedEvent, actorId: string | null, now: Date, moveTo?: PathwayVersionRow): CaseChange {
    const version = row.version + 1;
    const stateValue = joinStateValue(t.stateValue);
    const closing = t.status === 'done' && row.status !== 'closed';
    const status = t.status === 'done' ? 'closed' : 'active';
    const outcome = closing ? (t.outcome ?? null) : row.outcome;
    const closedAt = closing ? now : row.closedAt;
    const snapshot = JSON.stringify(t.snapshot);
    const changed = (
      moveTo
        ? migrateCase.run(snapshot, stateValue, version, now.getTime(), status, outcome, closedAt?.getTime() ?? null, moveTo.pathwayId, moveTo.id, row.id, row.version)
        : status === row.status && outcome === row.outcome
          ? updateCase.run(snapshot, stateValue, version, now.getTime(), row.id, row.version)
          : closeCase.run(snapshot, stateValue, version, now.getTime(), status, outcome, closedAt?.getTime() ?? null, row.id, row.version)
    ).changes;
    // Inside BEGIN IMMEDIATE nobody else can have moved it; a miss means a bug, so roll back loudly.
    if (changed !== 1) throw new Error(`case ${row.id} changed under the transaction`);
    const riskFactors = t.riskFactors ? [...t.riskFactors] : row.riskFactors;
    if (t.riskFactors) {
      const factors = JSON.stringify(riskFactors);
      setRiskFactors.run(factors, row.id);
      const at = { caseId: row.id, now: now.getTime(), factors };
      dropUnheldFactors.run(at);
      endRemovedFactors.run(at);
      for (const factor of riskFactors) startAddedFactor.run({ caseId: row.id, schoolId: row.schoolId, factor, now: at.now });
    }
    const eventRow = appendEvent(row.id, row.schoolId, version, event, actorId, now, row.stateValue, stateValue);
    const updated: CaseRow = {
      ...row, snapshot: t.snapshot, stateValue, version, status, outcome, updatedAt: now, closedAt, riskFactors,
      ...(moveTo && { pathwayId: moveTo.pathwayId, pathwayVersionId: moveTo.id }),
    };
    effects.apply(updated, withSchoolDays(moveTo ?? pv, t.effects, row.schoolId, now), now, closing);
    return { case: updated, event: eventRow };
  }

  function appendEvent(caseId: string, schoolId: string, seq: number, event: RecordedEvent, actorId: string | null, now: Date, before: string | null, after: string): CaseEventRow {
    const row: CaseEventRow = { id: newId(), caseId, schoolId, seq, type: event.type, data: event.data ?? null, actorId, at: now, stateBefore: before, stateAfter: after };
    insertEvent.run(row.id, caseId, schoolId, seq, row.type, row.data == null ? null : JSON.stringify(row.data), actorId, now.getTime(), before, after);
    return row;
  }

  const reads = createCaseReads(ctx, loadCase);

  return {
    ...reads,

    async create(input: CreateCaseInput) {
      return write((): DbResult<CaseChange> => {
        const replay = keys.check(input.idempotency);
        if (replay) return replay;
        const pv = pathwayVersion(input.pathwayVersionId);
        if (!pv || (pv.schoolId !== null && pv.schoolId !== input.schoolId)) return fail('not_found', 'Versi jalur tidak ditemukan / pathway version not found');
        const student = loadStudent.get({ id: input.studentId, schoolId: input.schoolId });
        if (!student) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (input.assigneeId && !ctx.isStaff(input.assigneeId, input.schoolId)) return notStaff();
        const caseId = newId();
        const started = input.start({ caseId, pathwayVersion: pv, student });
        if (!started.ok) return started;
        const t = started.value;
        const now = input.now;
        const stateValue = joinStateValue(t.stateValue);
        const done = t.status === 'done';
        const riskFactors = [...(input.riskFactors ?? [])];
        const outcome = done ? (t.outcome ?? null) : null;
        insertCase.run(
          caseId, input.schoolId, input.studentId, pv.pathwayId, pv.id, JSON.stringify(t.snapshot), stateValue,
          done ? 'closed' : 'active', outcome, input.assigneeId ?? null, JSON.stringify(riskFactors), input.actorId,
          now.getTime(), now.getTime(), done ? now.getTime() : null, input.indicatorsAtOpen == null ? null : JSON.stringify(input.indicatorsAtOpen),
        );
        for (const factor of riskFactors) insertRiskFactor.run(caseId, input.schoolId, factor, now.getTime());
        const event = appendEvent(caseId, input.schoolId, 1, input.event ?? { type: 'case.opened' }, input.actorId, now, null, stateValue);
        const row: CaseRow = {
          id: caseId, schoolId: input.schoolId, studentId: input.studentId, pathwayId: pv.pathwayId, pathwayVersionId: pv.id,
          snapshot: t.snapshot, stateValue, version: 1, status: done ? 'closed' : 'active', outcome, assigneeId: input.assigneeId ?? null,
          riskFactors, openedBy: input.actorId, openedAt: now, updatedAt: now, closedAt: done ? now : null, indicatorsAtOpen: input.indicatorsAtOpen ?? null,
        };
        effects.apply(row, withSchoolDays(pv, t.effects, input.schoolId, now), now, done);
        const change = { case: row, event };
        writeAudit(input.audit, input.schoolId, input.actorId, now);
        keys.store(input.idempotency, change, now);
        return ok(change);
      });
    },

    async advance(input: AdvanceCaseInput) {
      return write((): DbResult<CaseChange> => {
        const replay = keys.check(input.idempotency);
        if (replay) return replay;
        const row = loadCase(input.caseId, input.schoolId);
        if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
        if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
          return fail('version_conflict', `Kasus sudah berubah (versi ${row.version}) / case changed (version ${row.version})`, { current: row.version });
        }
        const pv = pathwayVersion(row.pathwayVersionId);
        if (!pv) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
        let written: SideWritten = {};
        if (input.records) {
          const side = writeSide(row, input.records, input.now);
          if (!side.ok) return side;
          written = side.value;
        }
        const applied = input.apply(row, pv, written);
        if (!applied.ok) return applied;
        const change: CaseChange = persist(row, pv, applied.value, input.event, input.actorId, input.now);
        if (input.records) change.written = written;
        writeAudit(input.audit, input.schoolId, input.actorId, input.now);
        keys.store(input.idempotency, change, input.now);
        return ok(change);
      });
    },

    async migrate(input) {
      return write((): DbResult<CaseChange> => {
        const replay = keys.check(input.idempotency);
        if (replay) return replay;
        const row = loadCase(input.caseId, input.schoolId);
        if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
        if (input.expectedVersion !== row.version) {
          return fail('version_conflict', `Kasus sudah berubah (versi ${row.version}) / case changed (version ${row.version})`, { current: row.version });
        }
        const from = pathwayVersion(row.pathwayVersionId);
        if (!from) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
        const to = pathwayVersion(input.toPathwayVersionId);
        if (!to || to.schoolId !== input.schoolId) return fail('not_found', 'Versi jalur tidak ditemukan / pathway version not found');
        const applied = input.apply(row, from, to);
        if (!applied.ok) return applied;
        const change = persist(row, from, applied.value, input.event, input.actorId, input.now, to);
        writeAudit(input.audit, input.schoolId, input.actorId, input.now);
        keys.store(input.idempotency, change, input.now);
        return ok(change);
      });
    },

    async fireTimer(input) {
      const { timer, claimer, now } = input;
      const fire = (): DbResult<FireTimerOutcome> => {
          const current = loadTimer.get(timer.id) as { status: string; claimedBy: string | null } | undefined;
          if (!current || current.status !== 'pending') return ok({ fired: false, reason: 'not_pending' });
          if (current.claimedBy !== claimer) return ok({ fired: false, reason: 'not_claimed' });
          const row = loadCase(timer.caseId, timer.schoolId);
          if (!row || row.status === 'closed') {
            finishTimer.run('cancelled', now.getTime(), timer.id);
            return ok({ fired: false, reason: 'case_closed' });
          }
          const pv = pathwayVersion(row.pathwayVersionId);
          if (!pv) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
          const applied = input.apply(row, pv);
          if (!applied.ok) {
            // The case moved on: the timer no longer applies. Cancel it, change nothing else.
            finishTimer.run('cancelled', now.getTime(), timer.id);
            return ok({ fired: false, reason: 'refused', error: applied.error });
          }
          finishTimer.run('fired', now.getTime(), timer.id);
          const change = persist(row, pv, applied.value, { type: timer.event, data: { timerId: timer.timerId } }, null, now);
          return ok({ fired: true, change });
        };
      return commit(fire, (r) => (r.ok && r.value.fired ? r.value.change.case : undefined));
    },
  };
}
