/** Students (with all-or-nothing import), indicators, calendar and early-warning flags on PostgreSQL. */
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { termOfPeriod } from '@jalur/casework';
import { termAt } from '../school-year-rules.ts';
import { caseRecords, cases, earlyWarningRules, flags, indicators, notes, schoolCalendar, schoolYearSettings, studentStatusEvents, students } from '../schema-pg/index.ts';
import type { CalendarRepo, EarlyWarningRepo, IndicatorRepo, StudentImportPlanRow, StudentRepo } from '../repository.ts';
import { studentFilters } from '../filters.ts';
import type { FlagRow, NewStudent, StudentRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { first, newId, pageSize, pgCode, transact, type Exec, type PgContext } from './context.ts';
import { ERASURE_TABLES, eraseCaseText, eraseStudentTraces } from './erasure.ts';
import { eraseRegisters } from './registers.ts';
import { ERASED } from '../sqlite/erasure.ts';

const STUDENT_FIELDS = ['name', 'className', 'gender', 'birthDate', 'guardianName', 'guardianPhone', 'status', 'fatherName', 'motherName', 'pipEligible', 'kipHolder', 'pipReceived', 'distanceKm', 'transport'] as const;

/** True when applying `next` would change `row`. */
function differs(row: StudentRow, next: NewStudent): boolean {
  return STUDENT_FIELDS.some((f) => next[f] !== undefined && (next[f] ?? null) !== (row[f] ?? null));
}

const nisnTaken = (nisn: string) => fail<never>('conflict', `NISN ${nisn} sudah terdaftar / already registered`);

export function createStudentRepos(ctx: PgContext): { students: StudentRepo; indicators: IndicatorRepo; calendar: CalendarRepo; earlyWarning: EarlyWarningRepo } {
  const { db } = ctx;
  const getStudent = async (x: Exec, schoolId: string, id: string) => first(await x.select().from(students).where(and(eq(students.id, id), eq(students.schoolId, schoolId))));
  const byNisn = async (x: Exec, schoolId: string, nisn: string) => first(await x.select().from(students).where(and(eq(students.schoolId, schoolId), eq(students.nisn, nisn))));

  async function plan(x: Exec, schoolId: string, rows: readonly NewStudent[]): Promise<StudentImportPlanRow[]> {
    const found = rows.length === 0 ? [] : await x.select().from(students).where(and(eq(students.schoolId, schoolId), inArray(students.nisn, rows.map((r) => r.nisn))));
    const byKey = new Map(found.map((s) => [s.nisn, s]));
    return rows.map((r) => {
      const hit = byKey.get(r.nisn);
      return { nisn: r.nisn, action: !hit ? 'new' : differs(hit, r) ? 'update' : 'unchanged', studentId: hit?.id ?? null };
    });
  }

  const studentRepo: StudentRepo = {
    async create(schoolId, student, { now, actorId }) {
      if (await byNisn(db, schoolId, student.nisn)) return nisnTaken(student.nisn);
      try {
        return await ctx.tx(async (tx) => {
          const [row] = await tx.insert(students).values({ ...student, id: newId(), schoolId, createdAt: now, updatedAt: now }).returning();
          await ctx.audit(tx, { schoolId, actorId, action: 'student.create', subject: `student:${row!.id}`, at: now });
          return ok(row!);
        });
      } catch (err) {
        if (pgCode(err) === '23505') return nisnTaken(student.nisn);
        throw err;
      }
    },
    async get(schoolId, id) {
      return (await getStudent(db, schoolId, id)) ?? null;
    },
    async getMany(schoolId, ids) {
      const unique = [...new Set(ids)];
      const out: StudentRow[] = [];
      // postgres.js binds at most 65,534 parameters: query in slices.
      for (let i = 0; i < unique.length; i += 5000) {
        out.push(...(await db.select().from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, unique.slice(i, i + 5000))))));
      }
      return out;
    },
    async getByNisn(schoolId, nisn) {
      return (await byNisn(db, schoolId, nisn)) ?? null;
    },
    async list(schoolId, filter = {}) {
      const where = studentFilters(students, schoolId, filter);
      return db.select().from(students).where(and(...where)).orderBy(asc(students.className), asc(students.name)).limit(pageSize(filter.limit, 5000)).offset(filter.offset ?? 0);
    },
    async listAll(schoolId) {
      return db.select().from(students).where(eq(students.schoolId, schoolId)).orderBy(asc(students.nisn));
    },
    async update(schoolId, id, patch, { now, actorId }) {
      return transact(ctx, async (tx): Promise<DbResult<StudentRow>> => {
        const row = await getStudent(tx, schoolId, id);
        if (!row) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (patch.nisn && patch.nisn !== row.nisn && (await byNisn(tx, schoolId, patch.nisn))) return nisnTaken(patch.nisn);
        const [updated] = await tx.update(students).set({ ...patch, updatedAt: now }).where(eq(students.id, id)).returning();
        await ctx.audit(tx, { schoolId, actorId, action: 'student.update', subject: `student:${id}`, details: { fields: Object.keys(patch) }, at: now });
        return ok(updated!);
      });
    },
    async planImport(schoolId, rows) {
      return plan(db, schoolId, rows);
    },
    async applyImport(schoolId, rows, { now, actorId }) {
      return ctx.tx(async (tx) => {
        const result = await plan(tx, schoolId, rows);
        for (const [i, p] of result.entries()) {
          const r = rows[i]!;
          if (p.action === 'new') {
            const [inserted] = await tx.insert(students).values({ ...r, id: newId(), schoolId, createdAt: now, updatedAt: now }).returning({ id: students.id });
            p.studentId = inserted!.id;
          } else if (p.action === 'update') {
            await tx.update(students).set({ ...r, updatedAt: now }).where(eq(students.id, p.studentId!));
          }
        }
        const counts = { new: 0, update: 0, unchanged: 0 };
        for (const p of result) counts[p.action]++;
        await ctx.audit(tx, { schoolId, actorId, action: 'student.import', subject: null, details: counts, at: now });
        return result;
      });
    },
    async erase(schoolId, id, { now, actorId }) {
      const result = await transact(ctx, async (tx): Promise<DbResult<StudentRow>> => {
        const row = await getStudent(tx, schoolId, id);
        if (!row) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        const anon = `anon-${row.id.slice(0, 8)}`;
        const [updated] = await tx
          .update(students)
          .set({ nisn: anon, name: 'Siswa terhapus', birthDate: null, guardianName: null, guardianPhone: null, fatherName: null, motherName: null, statusReason: null, transport: null, distanceKm: null, pipEligible: null, kipHolder: null, pipReceived: null, erasedAt: now, updatedAt: now })
          .where(eq(students.id, id))
          .returning();
        const caseIds = (await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.schoolId, schoolId), eq(cases.studentId, id)))).map((c) => c.id);
        let events = 0;
        if (caseIds.length > 0) {
          await tx.update(notes).set({ body: ERASED }).where(inArray(notes.caseId, caseIds));
          await tx.update(caseRecords).set({ data: { erased: true } }).where(inArray(caseRecords.caseId, caseIds));
          for (const caseId of caseIds) events += await eraseCaseText(tx, caseId);
        }
        await eraseStudentTraces(tx, schoolId, id, caseIds);
        await eraseRegisters(tx, schoolId, id, caseIds, row.name);
        // Why a student left is about the child: the reasons go, the dates and statuses (counts) stay.
        await tx.update(studentStatusEvents).set({ reason: null }).where(eq(studentStatusEvents.studentId, id));
        await ctx.audit(tx, { schoolId, actorId, action: 'student.erase', subject: `student:${id}`, details: { cases: caseIds.length, events }, at: now });
        return ok(updated!);
      });
      // The old row versions stay in the heap (and their TOAST) until a vacuum prunes them: prune the touched tables now.
      // Plain VACUUM takes no exclusive lock (readers and writers go on) and leaves no tuple, live or dead, holding the
      // old text, though the freed bytes stay in the page until reused; `JALUR_ERASE_VACUUM=full` rewrites the tables
      // (VACUUM FULL: new files, but an exclusive lock while it runs). Best effort — the erasure itself is committed.
      if (result.ok) {
        try {
          const full = process.env.JALUR_ERASE_VACUUM === 'full';
          await ctx.client.unsafe(`VACUUM ${full ? '(FULL) ' : ''}${ERASURE_TABLES.map((t) => `"${t}"`).join(', ')}`);
        } catch {
          // autovacuum prunes them later
        }
      }
      return result;
    },
  };

  const indicatorRepo: IndicatorRepo = {
    async upsert(schoolId, rows, { now }) {
      return ctx.tx(async (tx) => {
        const ids = [...new Set(rows.map((r) => r.studentId))];
        const classOf = new Map(ids.length === 0 ? [] : (await tx.select({ id: students.id, className: students.className }).from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, ids)))).map((s) => [s.id, s.className]));
        for (const r of rows) {
          // The year, semester and class the student was in when observed (kept when the student later moves up).
          const term = termOfPeriod(r.period);
          const at = { academicYear: r.academicYear ?? term?.year ?? null, semester: r.semester ?? term?.semester ?? null, className: r.className ?? classOf.get(r.studentId) ?? null };
          const values = { ...r, ...at, subject: r.subject ?? '', id: newId(), schoolId, recordedAt: now };
          await tx
            .insert(indicators)
            .values(values)
            .onConflictDoUpdate({ target: [indicators.studentId, indicators.kind, indicators.period, indicators.subject], set: { values: r.values, recordedBy: r.recordedBy ?? null, recordedAt: now, ...at } });
        }
        return rows.length;
      });
    },
    async listForStudent(schoolId, studentId, filter = {}) {
      const where = [eq(indicators.schoolId, schoolId), eq(indicators.studentId, studentId)];
      if (filter.kind) where.push(eq(indicators.kind, filter.kind));
      return db.select().from(indicators).where(and(...where)).orderBy(asc(indicators.period), asc(indicators.subject));
    },
    async listForSchool(schoolId, filter = {}) {
      const where = [eq(indicators.schoolId, schoolId)];
      if (filter.kind) where.push(eq(indicators.kind, filter.kind));
      if (filter.periodFrom) where.push(gte(indicators.period, filter.periodFrom));
      if (filter.periodTo) where.push(lte(indicators.period, filter.periodTo));
      return db.select().from(indicators).where(and(...where)).orderBy(asc(indicators.studentId), asc(indicators.period));
    },
  };

  const calendarRepo: CalendarRepo = {
    async set(schoolId, entries) {
      await ctx.tx(async (tx) => {
        for (const e of entries) {
          await tx
            .insert(schoolCalendar)
            .values({ schoolId, date: e.date, kind: e.kind, note: e.note ?? null })
            .onConflictDoUpdate({ target: [schoolCalendar.schoolId, schoolCalendar.date], set: { kind: e.kind, note: e.note ?? null } });
        }
      });
    },
    async remove(schoolId, date) {
      await db.delete(schoolCalendar).where(and(eq(schoolCalendar.schoolId, schoolId), eq(schoolCalendar.date, date)));
    },
    async list(schoolId, { from, to }) {
      return db.select().from(schoolCalendar).where(and(eq(schoolCalendar.schoolId, schoolId), gte(schoolCalendar.date, from), lte(schoolCalendar.date, to))).orderBy(asc(schoolCalendar.date));
    },
  };

  const earlyWarningRepo: EarlyWarningRepo = {
    async listRules(schoolId) {
      return db.select().from(earlyWarningRules).where(eq(earlyWarningRules.schoolId, schoolId)).orderBy(asc(earlyWarningRules.key));
    },
    async upsertRule(schoolId, rule) {
      const set = { params: rule.params, holdWeeks: rule.holdWeeks ?? 2, enabled: rule.enabled ?? true, updatedAt: rule.now };
      const [row] = await db
        .insert(earlyWarningRules)
        .values({ id: newId(), schoolId, key: rule.key, ...set })
        .onConflictDoUpdate({ target: [earlyWarningRules.schoolId, earlyWarningRules.key], set })
        .returning();
      return row!;
    },
    async listFlags(schoolId, filter = {}) {
      const where = [eq(flags.schoolId, schoolId)];
      if (filter.active !== undefined) where.push(eq(flags.active, filter.active));
      if (filter.studentId) where.push(eq(flags.studentId, filter.studentId));
      return db.select().from(flags).where(and(...where)).orderBy(asc(flags.since));
    },
    async getFlag(schoolId, flagId) {
      return first(await db.select().from(flags).where(and(eq(flags.id, flagId), eq(flags.schoolId, schoolId)))) ?? null;
    },
    async raiseFlag(schoolId, f) {
      return transact(ctx, async (tx): Promise<DbResult<FlagRow>> => {
        const student = first(await tx.select({ id: students.id, className: students.className }).from(students).where(and(eq(students.id, f.studentId), eq(students.schoolId, schoolId))).for('update'));
        if (!student) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (f.source === 'rule' && f.ruleKey) {
          // The student row lock serialises rule findings for one student across processes.
          const existing = first(
            await tx.select().from(flags).where(and(eq(flags.studentId, f.studentId), eq(flags.ruleKey, f.ruleKey), eq(flags.active, true), eq(flags.source, 'rule'))),
          );
          if (existing) {
            // Keeps `since`: the hold period counts from the first finding.
            const patch = { reason: f.reason, level: f.level ?? existing.level, details: f.details ?? existing.details };
            await tx.update(flags).set(patch).where(eq(flags.id, existing.id));
            return ok({ ...existing, ...patch });
          }
        }
        const [row] = await tx
          .insert(flags)
          .values({
            id: newId(), schoolId, studentId: f.studentId, source: f.source, ruleKey: f.ruleKey ?? null, reason: f.reason,
            level: f.level ?? 'risk', details: f.details ?? null, since: f.now, active: true, createdBy: f.createdBy ?? null,
            ...termAt(first(await tx.select().from(schoolYearSettings).where(eq(schoolYearSettings.schoolId, schoolId))), f.now), className: student.className,
          })
          .returning();
        return ok(row!);
      });
    },
    async clearFlag(schoolId, flagId, now) {
      const [row] = await db.update(flags).set({ active: false, clearedAt: now }).where(and(eq(flags.id, flagId), eq(flags.schoolId, schoolId))).returning();
      if (!row) return fail('not_found', 'Tanda tidak ditemukan / flag not found');
      return ok(row);
    },
  };

  return { students: studentRepo, indicators: indicatorRepo, calendar: calendarRepo, earlyWarning: earlyWarningRepo };
}
