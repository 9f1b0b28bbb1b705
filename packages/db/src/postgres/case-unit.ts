/**
 * The case unit of work on PostgreSQL. A user's advance (the hot path, no
 * side records) is optimistic and takes two round trips: (1) one plain
 * SELECT of the case as committed (with its row version `xmin`, and the
 * stored answer of its Idempotency-Key), then the pure step, then (2) one
 * pipelined batch — BEGIN, the UPDATE checked on `id`, `version` and `xmin`
 * together with its event row, the effects, audit rows, the key's answer,
 * COMMIT — sent without waiting between statements. The UPDATE takes the
 * row lock: of two writers from the same row version exactly one matches;
 * the other waits for the winner's commit, matches nothing, its batch fails
 * as a whole (nothing written) and it reads the row again (→
 * `version_conflict` when its `expectedVersion` is now stale, else the step
 * runs again on the new row). Any write of the row (a reassignment, an
 * erasure's scrub) changes `xmin`, so a step never overwrites a row it did
 * not see. Steps whose due dates count school days read the calendar in one
 * more round trip.
 *
 * Creates, migrations, timer fires and advances with side records (consent,
 * approval decision) run in one READ COMMITTED transaction with the case row
 * locked (`SELECT … FOR UPDATE`) first; their writes after the step are
 * pipelined the same way.
 */
import { and, eq } from 'drizzle-orm';
import { caseEvents, caseRiskFactors, cases, pathwayVersions, students, timers } from '../schema-pg/index.ts';
import type { AdvanceCaseInput, AuditInput, CaseChange, CaseSideWrites, CaseTransition, RecordedEvent, SideWritten } from '../case-unit.ts';
import type { Effect } from '@jalur/engine';
import type { CalendarEntry } from '@jalur/casework';
import { calendarWindowFor, inSchoolDays, type SchoolWeekRow } from '../school-day-effects.ts';
import type { Sql } from 'postgres';
import { currentActingRole } from '../roles.ts';
import { hasConsent, insertConsent } from './records.ts';
import { decideTask } from './work.ts';
import { writeDisbursement } from './funds.ts';
import type { CaseRepo } from '../repository.ts';
import type { CaseEventRow, CaseRow, PathwayVersionRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { joinStateValue } from '../sqlite/case-unit.ts';
import { first, isStaff, newId, notStaff, pgCode, transact, type Exec, type PgContext } from './context.ts';
import { applyEffects, effectStatements, pipeline, type Statement } from './effects.ts';
import { instantParam, jsonParam, lockCaseRow, readCase, type KeptSnapshot } from './case-row.ts';
import { createCaseReads } from './case-reads.ts';
import { keyAnswer, keyStatement, keyStore as keys } from './ops.ts';

/** In the message of the error the write statement raises when the row is not the one the step saw. */
const STALE = 'jalur: case row changed';

/**
 * The version-checked UPDATE of a case and its event row, one statement.
 * `$18`: the row's `xmin` as read (null under a row lock). When no row
 * matches it raises (SQLSTATE 22P02, message with {@link STALE}; a cast the
 * planner cannot fold, as the count is only known when it runs), which
 * aborts the transaction: the statements pipelined after it fail too and
 * nothing is written.
 */
const WRITE_CASE = `WITH u AS (
     UPDATE cases SET snapshot = $1::json, state_value = $2, version = $3, updated_at = $4::timestamptz, status = $5, outcome = $6,
       closed_at = $7::timestamptz, pathway_id = $8, pathway_version_id = $9
     WHERE id = $10 AND version = $11 AND xmin = coalesce($18::xid, xmin) RETURNING id, xmin),
   e AS (
     INSERT INTO case_events (id, case_id, school_id, seq, type, data, actor_id, at, state_before, state_after)
     SELECT $12, u.id, $13, $3, $14, $15::json, $16, $4::timestamptz, $17, $2 FROM u RETURNING id)
   SELECT CASE WHEN n.c = 1 THEN n.c ELSE (n.c::text || ' ${STALE}')::int END AS written, (SELECT xmin::text FROM u) AS row_xmin
   FROM (SELECT count(*) AS c FROM e) AS n`;

/**
 * When a transition changed the case's risk factors: the column takes the new set, and the per-factor rows are
 * intervals (`since` ≤ T < `until`, null while it holds; see schema/cases.ts) — a factor no longer in the set stops
 * holding now (one added at this very instant never held: no empty interval is kept), a factor of the set that does
 * not hold yet starts now (should a clock step back onto an earlier interval's start, that interval holds again).
 * Nothing otherwise.
 */
function riskFactorStatements(row: CaseRow, factors: readonly string[] | undefined, now: Date): Statement[] {
  if (!factors) return [];
  const set = JSON.stringify(factors);
  const at = instantParam(now);
  return [
    ['UPDATE cases SET risk_factors = $1::json WHERE id = $2', [set, row.id]],
    [`DELETE FROM case_risk_factors WHERE case_id = $1 AND until IS NULL AND since >= $2::timestamptz
       AND factor NOT IN (SELECT json_array_elements_text($3::json))`, [row.id, at, set]],
    [`UPDATE case_risk_factors SET until = $2::timestamptz WHERE case_id = $1 AND until IS NULL
       AND factor NOT IN (SELECT json_array_elements_text($3::json))`, [row.id, at, set]],
    ...factors.map((f): Statement => [
      `INSERT INTO case_risk_factors (case_id, school_id, factor, since)
         SELECT $1, $2, $3, $4::timestamptz WHERE NOT EXISTS (SELECT 1 FROM case_risk_factors WHERE case_id = $1 AND until IS NULL AND factor = $3)
         ON CONFLICT (case_id, factor, since) DO UPDATE SET until = NULL`,
      [row.id, row.schoolId, f, at],
    ]),
  ];
}

const INSERT_AUDIT = 'INSERT INTO audit_log (id, school_id, actor_id, actor_role, action, subject, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8::timestamptz)';

/** One calendar read for school-day steps: the entries in the window and the school's week. */
const READ_CALENDAR = `SELECT
  (SELECT coalesce(json_agg(json_build_object('date', date, 'kind', kind)), '[]'::json) FROM school_calendar WHERE school_id = $1 AND date >= $2 AND date <= $3) AS calendar,
  (SELECT row_to_json(w) FROM (SELECT week_days, time_zone, national_holidays FROM school_year_settings WHERE school_id = $1) AS w) AS week`;

/** Snapshots kept per case (the last one this process read or wrote), at most this many cases. */
const KEPT_SNAPSHOTS = 5_000;

/** Optimistic tries before an advance falls back to taking the row lock first (only under heavy contention on one case). */
const OPTIMISTIC_ATTEMPTS = 8;

/** True when a write batch failed because the case row was not the one read (or the key was stored meanwhile): read again. */
const readAgain = (err: unknown): boolean => {
  const code = pgCode(err);
  if (code === '22P02') return String((err as Error).message).includes(STALE);
  if (code === '23505') return (err as { table_name?: string }).table_name === 'idempotency_keys';
  return code === '40P01' || code === '40001';
};

const conflict = (current: number): DbResult<never> =>
  fail('version_conflict', `Kasus sudah berubah (versi ${current}) / case changed (version ${current})`, { current });

export function createCaseRepo(ctx: PgContext): CaseRepo {
  /** `JALUR_PG_OPTIMISTIC=0`: every advance locks the row first (the bench's same-run baseline; a way back if ever needed). */
  const optimistic = process.env.JALUR_PG_OPTIMISTIC !== '0';
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

  /** Due dates of school-day steps recounted on the school's calendar (one read, only when a step counts school days). */
  async function withSchoolDays(sql: Sql, pv: PathwayVersionRow, list: readonly Effect[], schoolId: string, now: Date): Promise<readonly Effect[]> {
    const window = calendarWindowFor(list, pv, now);
    if (!window) return list;
    const [r] = await sql.unsafe<{ calendar: CalendarEntry[]; week: SchoolWeekRow | null }[]>(READ_CALENDAR, [schoolId, window.from, window.to]);
    return inSchoolDays(list, pv, now, r?.calendar ?? [], r?.week ?? undefined);
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
    if (records.disbursement) {
      const paid = await writeDisbursement(tx, row, records.disbursement, now);
      if (!paid.ok) return paid;
      written.disbursement = paid.value;
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

  /**
   * The statements that persist a transition of `row` (the UPDATE checked on
   * its version, and on `xmin` when given, with the event row; then the
   * effects), and the change they make. Nothing is sent but the calendar
   * read of school-day steps.
   */
  async function plan(sql: Sql, row: CaseRow, pv: PathwayVersionRow, t: CaseTransition, event: RecordedEvent, actorId: string | null, now: Date, moveTo?: PathwayVersionRow, xmin: string | null = null): Promise<{ statements: Statement[]; change: CaseChange }> {
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
    const write: Statement = [WRITE_CASE, [
      jsonParam(t.snapshot), stateValue, version, instantParam(now), status, outcome, instantParam(closedAt),
      moveTo?.pathwayId ?? row.pathwayId, moveTo?.id ?? row.pathwayVersionId, row.id, row.version,
      eventRow.id, row.schoolId, event.type, jsonParam(eventRow.data), actorId, row.stateValue, xmin,
    ]];
    const riskFactors = t.riskFactors ? [...t.riskFactors] : row.riskFactors;
    const updated: CaseRow = { ...row, snapshot: t.snapshot, stateValue, version, status, outcome, updatedAt: now, closedAt, riskFactors, ...moved };
    const effects = effectStatements(updated, await withSchoolDays(sql, moveTo ?? pv, t.effects, row.schoolId, now), now, closing);
    return { statements: [write, ...riskFactorStatements(row, t.riskFactors, now), ...effects], change: { case: updated, event: eventRow } };
  }

  /** Persists a transition of a locked case in `tx`: one pipelined batch. */
  async function persist(tx: Exec, row: CaseRow, pv: PathwayVersionRow, t: CaseTransition, event: RecordedEvent, actorId: string | null, now: Date, moveTo?: PathwayVersionRow): Promise<CaseChange> {
    const { statements, change } = await plan(tx.$client, row, pv, t, event, actorId, now, moveTo);
    await pipeline(tx.$client, statements);
    return change;
  }

  /** Audit rows as statements (the acting role read now, as `ctx.audit` does). */
  const auditStatements = (audit: readonly AuditInput[] | undefined, schoolId: string, actorId: string | null, now: Date): Statement[] =>
    (audit ?? []).map((e) => [INSERT_AUDIT, [
      newId(), schoolId, e.actorId === undefined ? actorId : (e.actorId ?? null), e.actorRole ?? currentActingRole(), e.action, e.subject ?? null, jsonParam(e.details ?? null), instantParam(now),
    ]]);

  /**
   * BEGIN, `statements`, COMMIT on one connection, sent together: one round
   * trip (a single statement goes alone: it is its own transaction). Any
   * failure rolls all of it back and is thrown. Answers the first
   * statement's rows.
   */
  async function commitBatch(statements: readonly Statement[]): Promise<unknown[]> {
    if (statements.length === 1) return (await pipeline(ctx.client, statements))[0]!;
    const conn = await ctx.client.reserve();
    try {
      return (await pipeline(conn, [['begin', []], ...statements, ['commit', []]]))[1]!;
    } catch (err) {
      await conn.unsafe('rollback').catch(() => undefined);
      throw err;
    } finally {
      conn.release();
    }
  }

  /**
   * The snapshot object of the last row version of each case this process
   * read or wrote, with that version's `xmin`: the next read of an unchanged
   * row skips the snapshot (see `readCase`). Entries are immutable; the
   * oldest go first.
   */
  const kept = new Map<string, KeptSnapshot>();
  const keep = (caseId: string, entry: KeptSnapshot) => {
    kept.delete(caseId);
    kept.set(caseId, entry);
    if (kept.size > KEPT_SNAPSHOTS) kept.delete(kept.keys().next().value!);
  };

  /** The locked advance: side records first (they decide what `apply` sees), all in one transaction. */
  function lockedAdvance(input: AdvanceCaseInput): Promise<DbResult<CaseChange>> {
    return transact(ctx, async (tx): Promise<DbResult<CaseChange>> => {
      const replay = await keys.check(tx, input.idempotency);
      if (replay) return replay;
      const row = await lockCase(tx, input.caseId, input.schoolId);
      if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
      if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) return conflict(row.version);
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
  }

  /** The optimistic advance (see the top of this file): two round trips, three with a school-day step. */
  async function optimisticAdvance(input: AdvanceCaseInput): Promise<DbResult<CaseChange>> {
    const idem = input.idempotency;
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const read = await readCase(ctx.client, input.caseId, input.schoolId, idem && { userId: idem.userId, key: idem.key }, kept.get(input.caseId));
      if (idem && read.key) return keyAnswer(read.key, idem);
      const row = read.row;
      if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
      keep(row.id, { xmin: read.xmin!, version: row.version, snapshot: row.snapshot });
      if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) return conflict(row.version);
      const pv = await pathwayVersion(ctx.db, row.pathwayVersionId);
      if (!pv) throw new Error(`case ${row.id} pins a missing pathway version ${row.pathwayVersionId}`);
      const applied = input.apply(row, pv, {});
      if (!applied.ok) return applied;
      const { statements, change } = await plan(ctx.client, row, pv, applied.value, input.event, input.actorId, input.now, undefined, read.xmin);
      statements.push(...auditStatements(input.audit, input.schoolId, input.actorId, input.now));
      if (idem) statements.push(keyStatement(idem, change, input.now));
      try {
        const [written] = (await commitBatch(statements)) as { row_xmin: string }[];
        keep(row.id, { xmin: written!.row_xmin, version: change.case.version, snapshot: change.case.snapshot });
        return ok(change);
      } catch (err) {
        if (!readAgain(err)) throw err;
      }
    }
    return lockedAdvance(input);
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
          await tx.insert(caseRiskFactors).values(riskFactors.map((factor) => ({ caseId, schoolId: input.schoolId, factor, since: now }))).onConflictDoNothing();
        }
        const event = await appendEvent(tx, caseId, input.schoolId, 1, input.event ?? { type: 'case.opened' }, input.actorId, now, null, stateValue);
        await applyEffects(tx, row, await withSchoolDays(tx.$client, pv, t.effects, input.schoolId, now), now, done);
        const change = { case: row, event };
        await writeAudit(tx, input.audit, input.schoolId, input.actorId, now);
        await keys.store(tx, input.idempotency, change, now);
        return ok(change);
      });
    },

    async advance(input) {
      return input.records || !optimistic ? lockedAdvance(input) : optimisticAdvance(input);
    },

    async migrate(input) {
      return transact(ctx, async (tx): Promise<DbResult<CaseChange>> => {
        const replay = await keys.check(tx, input.idempotency);
        if (replay) return replay;
        const row = await lockCase(tx, input.caseId, input.schoolId);
        if (!row) return fail('not_found', 'Kasus tidak ditemukan / case not found');
        if (input.expectedVersion !== row.version) return conflict(row.version);
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
