/**
 * The case unit of work on PostgreSQL: one READ COMMITTED transaction per
 * create/advance/timer fire. The case row is locked (`SELECT … FOR UPDATE`)
 * before its version is checked, so of two processes advancing one case from
 * the same version exactly one wins; the other waits for the winner's commit,
 * re-reads the row and gets `version_conflict`. Nothing is written unless
 * everything is.
 */
import { and, eq } from 'drizzle-orm';
import { caseEvents, caseRiskFactors, cases, pathwayVersions, students, timers } from '../schema-pg/index.ts';
import type { AuditInput, CaseChange, CaseSideWrites, CaseTransition, RecordedEvent, SideWritten } from '../case-unit.ts';
import type { Effect } from '@jalur/engine';
import type { CalendarEntry } from '@jalur/casework';
import { calendarWindowFor, inSchoolDays, type SchoolWeekRow } from '../school-day-effects.ts';
import { hasConsent, insertConsent } from './records.ts';
import { decideTask } from './work.ts';
import type { CaseRepo } from '../repository.ts';
import type { CaseEventRow, CaseRow, PathwayVersionRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { joinStateValue } from '../sqlite/case-unit.ts';
import { first, isStaff, newId, notStaff, transact, type Exec, type PgContext } from './context.ts';
import { applyEffects } from './effects.ts';
import { instantParam, jsonParam, lockCaseRow } from './case-row.ts';
import { createCaseReads } from './case-reads.ts';
import { keyStore as keys } from './ops.ts';

export function createCaseRepo(ctx: PgContext): CaseRepo {
  /** The case row, locked for the rest of the transaction. */
  const lockCase = (tx: Exec, id: string, schoolId: string) => lockCaseRow(tx.$client, id, schoolId);

  /** Immutable rows: cached for the life of the process. */
  const versionCache = new Map<string, PathwayVersionRow>();
  async function pathwayVersion(tx: Exec, id: string): Promise<PathwayVersionRow | undefined> {
    let row = versionCache.get(id);
    if (!row) {
      row = first(await tx.select().from(pathwayVersions).where(eq(pathwayVersions.id, id)));
      if (row) versionCache.set(id, row);
    }
    return row;
  }

  /** Due dates of school-day steps recounted on the school's calendar (read in this transaction). */
  async function withSchoolDays(tx: Exec, pv: PathwayVersionRow, list: readonly Effect[], schoolId: string, now: Date): Promise<readonly Effect[]> {
    const window = calendarWindowFor(list, pv, now);
    if (!window) return list;
    const rows = await tx.$client.unsafe('SELECT date, kind FROM school_calendar WHERE school_id = $1 AND date >= $2 AND date <= $3', [schoolId, window.from, window.to]);
    const [week] = await tx.$client.unsafe('SELECT week_days, time_zone, national_holidays FROM school_year_settings WHERE school_id = $1', [schoolId]);
    return inSchoolDays(list, pv, now, rows as unknown as CalendarEntry[], week as SchoolWeekRow | undefined);
  }

  /** The advance's side writes (consent, approval decision), before `apply`. */
  async function writeSide(tx: Exec, row: CaseRow, records: CaseSideWrites, now: Date): Promise<DbResult<SideWritten>> {
    const written: SideWritten = {};
    if (records.consent) {
      written.consent = await insertConsent(tx, row.schoolId, { ...records.consent, caseId: row.id, now });
      written.consentGranted = await hasConsent(tx, row.schoolId, row.id, records.consent.purpose);
    }
    if (records.decision) {
      const { taskId, ...decision } = records.decision;
      const decided = await decideTask(ctx, tx, row.schoolId, taskId, { ...decision, now, caseId: row.id });
      if (!decided.ok) return decided;
      written.task = decided.value;
    }
    return ok(written);
  }

  async function writeAudit(tx: Exec, audit: readonly AuditInput[] | undefined, schoolId: string, actorId: string | null, now: Date): Promise<void> {
    for (const entry of audit ?? []) await ctx.audit(tx, { ...entry, actorId: entry.actorId === undefined ? actorId : entry.actorId, schoolId, at: now });
  }

  async function appendEvent(tx: Exec, caseId: string, schoolId: string, seq: number, event: RecordedEvent, actorId: string | null, now: Date, before: string | null, after: string): Promise<CaseEventRow> {
    const row: CaseEventRow = { id: newId(), caseId, schoolId, seq, type: event.type, data: event.data ?? null, actorId, at: now, stateBefore: before, stateAfter: after };
    await tx.insert(caseEvents).values(row);
    return row;
  }

  /** Persists a transition of a locked case: UPDATE with version check, event row, effects. */
  async function persist(tx: Exec, row: CaseRow, pv: PathwayVersionRow, t: CaseTransition, event: RecordedEvent, actorId: string | null, now: Date, moveTo?: PathwayVersionRow): Promise<CaseChange> {
    const version = row.version + 1;
    const stateValue = joinStateValue(t.stateValue);
    const closing = t.status === 'done' && row.status !== 'closed';
    const status = t.status === 'done' ? 'closed' : 'active';
    const outcome = closing ? (t.outcome ?? null) : row.outcome;
    const closedAt = closing ? now : row.closedAt;
    const moved = moveTo ? { pathwayId: moveTo.pathwayId, pathwayVersionId: moveTo.id } : {};
    const eventRow: CaseEventRow = {
      id: newId(), caseId: row.id, schoolId: row.schoolId, seq: version, type: event.type, data: event.data ?? null, actorId, at: now,
      stateBefore: row.stateValue, stateAfter: stateValue,
    };
    // One round trip: the version-checked UPDATE and, only if it matched, the event row.
    const changed = await tx.$client.unsafe(
      `WITH u AS (
         UPDATE cases SET snapshot = $1::json, state_value = $2, version = $3, updated_at = $4::timestamptz, status = $5, outcome = $6,
           closed_at = $7::timestamptz, pathway_id = $8, pathway_version_id = $9
         WHERE id = $10 AND version = $11 RETURNING id)
       INSERT INTO case_events (id, case_id, school_id, seq, type, data, actor_id, at, state_before, state_after)
       SELECT $12, u.id, $13, $3, $14, $15::json, $16, $4::timestamptz, $17, $2 FROM u RETURNING id`,
      [
        jsonParam(t.snapshot), stateValue, version, instantParam(now), status, outcome, instantParam(closedAt),
        moveTo?.pathwayId ?? row.pathwayId, moveTo?.id ?? row.pathwayVersionId, row.id, row.version,
        eventRow.id, row.schoolId, event.type, jsonParam(eventRow.data), actorId, row.stateValue,
      ],
    );
    // The row is locked by this transaction: a miss means a bug, so roll back loudly.
    if (changed.length !== 1) throw new Error(`case ${row.id} changed under the transaction`);
    const updated: CaseRow = { ...row, snapshot: t.snapshot, stateValue, version, status, outcome, updatedAt: now, closedAt, ...moved };
    await applyEffects(tx, updated, await withSchoolDays(tx, moveTo ?? pv, t.effects, row.schoolId, now), now, closing);
    return { case: updated, event: eventRow };
  }

  return {
    ...createCaseReads(ctx, lockCase),

    async create(input) {
      return transact(ctx, async (tx): Promise<DbResult<CaseChange>> => {
        const replay = await keys.check(tx, input.idempotency);
        if (replay) return replay;
        const pv = await pathwayVersion(tx, input.pathwayVersionId);
        if (!pv || (pv.schoolId !== null && pv.schoolId !== input.schoolId)) return fail('not_found', 'Versi jalur tidak ditemukan / pathway version not found');
        const student = first(await tx.select().from(students).where(and(eq(students.id, input.studentId), eq(students.schoolId, input.schoolId))));
        if (!student) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (input.assigneeId && !(await isStaff(tx, input.assigneeId, input.schoolId))) return notStaff();
        const caseId = newId();
        const started = input.start({ caseId, pathwayVersion: pv, student });
        if (!started.ok) return started;
        const t = started.value;
        const now = input.now;
        const stateValue = joinStateValue(t.stateValue);
        const done = t.status === 'done';
        const riskFactors = [...(input.riskFactors ?? [])];
        const row: CaseRow = {
          id: caseId, schoolId: input.schoolId, studentId: input.studentId, pathwayId: pv.pathwayId, pathwayVersionId: pv.id,
          snapshot: t.snapshot, stateValue, version: 1, status: done ? 'closed' : 'active', outcome: done ? (t.outcome ?? null) : null,
          assigneeId: input.assigneeId ?? null, riskFactors, openedBy: input.actorId, openedAt: now, updatedAt: now, closedAt: done ? now : null,
          indicatorsAtOpen: input.indicatorsAtOpen ?? null,
        };
        await tx.insert(cases).values(row);
        if (riskFactors.length > 0) {
          await tx.insert(caseRiskFactors).values(riskFactors.map((factor) => ({ caseId, schoolId: input.schoolId, factor }))).onConflictDoNothing();
        }
        const event = await appendEvent(tx, caseId, input.schoolId, 1, input.event ?? { type: 'case.opened' }, input.actorId, now, null, stateValue);
        await applyEffects(tx, row, await withSchoolDays(tx, pv, t.effects, input.schoolId, now), now, done);
        const change = { case: row, event };
        await writeAudit(tx, input.audit, input.schoolId, input.actorId, now);
        await keys.store(tx, input.idempotency, change, now);
        return ok(change);
      });
    },

    async advance(input) {
      return transact(ctx, async (tx): Promise<DbResult<CaseChange>> => {
        const replay = await keys.check(tx, input.idempotency);
        if (replay) return replay;
        const row = await lockCase(tx, input.caseId, input.schoolId);
        if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
        if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
          return fail('version_conflict', `Kasus sudah berubah (versi ${row.version}) / case changed (version ${row.version})`, { current: row.version });
        }
        const pv = await pathwayVersion(tx, row.pathwayVersionId);
        if (!pv) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
        let written: SideWritten = {};
        if (input.records) {
          const side = await writeSide(tx, row, input.records, input.now);
          if (!side.ok) return side;
          written = side.value;
        }
        const applied = input.apply(row, pv, written);
        if (!applied.ok) return applied;
        const change: CaseChange = await persist(tx, row, pv, applied.value, input.event, input.actorId, input.now);
        if (input.records) change.written = written;
        await writeAudit(tx, input.audit, input.schoolId, input.actorId, input.now);
        await keys.store(tx, input.idempotency, change, input.now);
        return ok(change);
      });
    },

    async migrate(input) {
      return transact(ctx, async (tx): Promise<DbResult<CaseChange>> => {
        const replay = await keys.check(tx, input.idempotency);
        if (replay) return replay;
        const row = await lockCase(tx, input.caseId, input.schoolId);
        if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
        if (input.expectedVersion !== row.version) {
          return fail('version_conflict', `Kasus sudah berubah (versi ${row.version}) / case changed (version ${row.version})`, { current: row.version });
        }
        const from = await pathwayVersion(tx, row.pathwayVersionId);
        if (!from) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
        const to = await pathwayVersion(tx, input.toPathwayVersionId);
        if (!to || to.schoolId !== input.schoolId) return fail('not_found', 'Versi jalur tidak ditemukan / pathway version not found');
        const applied = input.apply(row, from, to);
        if (!applied.ok) return applied;
        const change = await persist(tx, row, from, applied.value, input.event, input.actorId, input.now, to);
        await writeAudit(tx, input.audit, input.schoolId, input.actorId, input.now);
        await keys.store(tx, input.idempotency, change, input.now);
        return ok(change);
      });
    },

    async fireTimer(input) {
      const { timer, claimer, now } = input;
      return ctx.tx(async (tx) => {
        // Lock order everywhere: the case row first, then its timers (as an advance does), so a fire and an advance never deadlock.
        const row = await lockCase(tx, timer.caseId, timer.schoolId);
        const current = first(await tx.select({ status: timers.status, claimedBy: timers.claimedBy }).from(timers).where(eq(timers.id, timer.id)).for('update'));
        const finish = (status: 'fired' | 'cancelled') => tx.update(timers).set({ status, doneAt: now }).where(and(eq(timers.id, timer.id), eq(timers.status, 'pending')));
        if (!current || current.status !== 'pending') return ok({ fired: false, reason: 'not_pending' } as const);
        if (current.claimedBy !== claimer) return ok({ fired: false, reason: 'not_claimed' } as const);
        if (!row || row.status === 'closed') {
          await finish('cancelled');
          return ok({ fired: false, reason: 'case_closed' } as const);
        }
        const pv = await pathwayVersion(tx, row.pathwayVersionId);
        if (!pv) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
        const applied = input.apply(row, pv);
        if (!applied.ok) {
          // The case moved on: the timer no longer applies. Cancel it, change nothing else.
          await finish('cancelled');
          return ok({ fired: false, reason: 'refused', error: applied.error } as const);
        }
        await finish('fired');
        const change = await persist(tx, row, pv, applied.value, { type: timer.event, data: { timerId: timer.timerId } }, null, now);
        return ok({ fired: true, change } as const);
      });
    },
  };
}
