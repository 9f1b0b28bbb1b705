/** Students (with all-or-nothing import), indicators, calendar and early-warning flags on SQLite. */
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { termOfPeriod } from '@jalur/casework';
import { termAt } from '../school-year-rules.ts';
import { caseRecords, cases, earlyWarningRules, flags, indicators, notes, schoolCalendar, schoolYearSettings, studentStatusEvents, students } from '../schema/index.ts';
import type { CalendarRepo, EarlyWarningRepo, IndicatorRepo, StudentImportPlanRow, StudentRepo } from '../repository.ts';
import { studentFilters } from '../filters.ts';
import type { FlagRow, NewStudent, StudentRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { newId, pageSize, type SqliteContext } from './context.ts';
import { ERASED, eraseCaseText, eraseStudentTraces } from './erasure.ts';
import { eraseRegisters } from './registers.ts';

const STUDENT_FIELDS = ['name', 'className', 'gender', 'birthDate', 'guardianName', 'guardianPhone', 'status', 'fatherName', 'motherName', 'pipEligible', 'kipHolder', 'pipReceived', 'distanceKm', 'transport'] as const;

/** True when applying `next` would change `row`. */
function differs(row: StudentRow, next: NewStudent): boolean {
  return STUDENT_FIELDS.some((f) => next[f] !== undefined && (next[f] ?? null) !== (row[f] ?? null));
}

export function createStudentRepos(ctx: SqliteContext): { students: StudentRepo; indicators: IndicatorRepo; calendar: CalendarRepo; earlyWarning: EarlyWarningRepo } {
  const { db } = ctx;
  const getStudent = (schoolId: string, id: string) => db.select().from(students).where(and(eq(students.id, id), eq(students.schoolId, schoolId))).get();
  const byNisn = (schoolId: string, nisn: string) => db.select().from(students).where(and(eq(students.schoolId, schoolId), eq(students.nisn, nisn))).get();

  function plan(schoolId: string, rows: readonly NewStudent[]): StudentImportPlanRow[] {
    return rows.map((r) => {
      const found = byNisn(schoolId, r.nisn);
      return { nisn: r.nisn, action: !found ? 'new' : differs(found, r) ? 'update' : 'unchanged', studentId: found?.id ?? null };
    });
  }

  const studentRepo: StudentRepo = {
    async create(schoolId, student, { now, actorId }) {
      if (byNisn(schoolId, student.nisn)) return fail('conflict', `NISN ${student.nisn} sudah terdaftar / already registered`);
      const row = db.insert(students).values({ ...student, id: newId(), schoolId, createdAt: now, updatedAt: now }).returning().get();
      ctx.audit({ schoolId, actorId, action: 'student.create', subject: `student:${row.id}`, at: now });
      return ok(row);
    },
    async get(schoolId, id) {
      return getStudent(schoolId, id) ?? null;
    },
    async getMany(schoolId, ids) {
      const unique = [...new Set(ids)];
      const out: StudentRow[] = [];
      // SQLite binds at most 32,766 parameters: query in slices.
      for (let i = 0; i < unique.length; i += 500) {
        out.push(...db.select().from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, unique.slice(i, i + 500)))).all());
      }
      return out;
    },
    async getByNisn(schoolId, nisn) {
      return byNisn(schoolId, nisn) ?? null;
    },
    async list(schoolId, filter = {}) {
      const where = studentFilters(students, schoolId, filter);
      return db.select().from(students).where(and(...where)).orderBy(asc(students.className), asc(students.name)).limit(pageSize(filter.limit, 5000)).offset(filter.offset ?? 0).all();
    },
    async listAll(schoolId) {
      return db.select().from(students).where(eq(students.schoolId, schoolId)).orderBy(asc(students.nisn)).all();
    },
    async update(schoolId, id, patch, { now, actorId }) {
      return ctx.immediate((): DbResult<StudentRow> => {
        const row = getStudent(schoolId, id);
        if (!row) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (patch.nisn && patch.nisn !== row.nisn && byNisn(schoolId, patch.nisn)) return fail('conflict', `NISN ${patch.nisn} sudah terdaftar / already registered`);
        const updated = db.update(students).set({ ...patch, updatedAt: now }).where(eq(students.id, id)).returning().get();
        ctx.audit({ schoolId, actorId, action: 'student.update', subject: `student:${id}`, details: { fields: Object.keys(patch) }, at: now });
        return ok(updated);
      });
    },
    async planImport(schoolId, rows) {
      return plan(schoolId, rows);
    },
    async applyImport(schoolId, rows, { now, actorId }) {
      return ctx.immediate(() => {
        const result = plan(schoolId, rows);
        result.forEach((p, i) => {
          const r = rows[i]!;
          if (p.action === 'new') {
            p.studentId = db.insert(students).values({ ...r, id: newId(), schoolId, createdAt: now, updatedAt: now }).returning({ id: students.id }).get().id;
          } else if (p.action === 'update') {
            db.update(students).set({ ...r, updatedAt: now }).where(eq(students.id, p.studentId!)).run();
          }
        });
        const counts = { new: 0, update: 0, unchanged: 0 };
        for (const p of result) counts[p.action]++;
        ctx.audit({ schoolId, actorId, action: 'student.import', subject: null, details: counts, at: now });
        return result;
      });
    },
    async erase(schoolId, id, { now, actorId }) {
      const result = ctx.immediate((): DbResult<StudentRow> => {
        const row = getStudent(schoolId, id);
        if (!row) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        const anon = `anon-${row.id.slice(0, 8)}`;
        const updated = db
          .update(students)
          .set({ nisn: anon, name: 'Siswa terhapus', birthDate: null, guardianName: null, guardianPhone: null, fatherName: null, motherName: null, statusReason: null, transport: null, distanceKm: null, pipEligible: null, kipHolder: null, pipReceived: null, erasedAt: now, updatedAt: now })
          .where(eq(students.id, id))
          .returning()
          .get();
        const caseIds = db.select({ id: cases.id }).from(cases).where(and(eq(cases.schoolId, schoolId), eq(cases.studentId, id))).all().map((c) => c.id);
        let events = 0;
        if (caseIds.length > 0) {
          db.update(notes).set({ body: ERASED }).where(inArray(notes.caseId, caseIds)).run();
          db.update(caseRecords).set({ data: { erased: true } }).where(inArray(caseRecords.caseId, caseIds)).run();
          for (const caseId of caseIds) events += eraseCaseText(ctx, caseId);
        }
        eraseStudentTraces(ctx, schoolId, id, caseIds);
        eraseRegisters(ctx, schoolId, id, caseIds, row.name);
        // Why a student left is about the child: the reasons go, the dates and statuses (counts) stay.
        db.update(studentStatusEvents).set({ reason: null }).where(eq(studentStatusEvents.studentId, id)).run();
        ctx.audit({ schoolId, actorId, action: 'student.erase', subject: `student:${id}`, details: { cases: caseIds.length, events }, at: now });
        return ok(updated);
      });
      // The write-ahead log still holds the pages as they were: fold it into the file and empty it (best effort — a reader elsewhere may hold it a while).
      if (result.ok && !ctx.sqlite.inTransaction) {
        try {
          ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // Busy elsewhere: the erasure itself is committed; the log is folded in at the next checkpoint.
        }
      }
      return result;
    },
  };

  const indicatorRepo: IndicatorRepo = {
    async upsert(schoolId, rows, { now }) {
      return ctx.immediate(() => {
        const classOf = new Map<string, string>();
        const ids = [...new Set(rows.map((r) => r.studentId))];
        for (let i = 0; i < ids.length; i += 500)
          for (const s of db.select({ id: students.id, className: students.className }).from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, ids.slice(i, i + 500)))).all()) classOf.set(s.id, s.className);
        for (const r of rows) {
          // The year, semester and class the student was in when observed (kept when the student later moves up).
          const term = termOfPeriod(r.period);
          const at = { academicYear: r.academicYear ?? term?.year ?? null, semester: r.semester ?? term?.semester ?? null, className: r.className ?? classOf.get(r.studentId) ?? null };
          const values = { ...r, ...at, subject: r.subject ?? '', id: newId(), schoolId, recordedAt: now };
          db.insert(indicators)
            .values(values)
            .onConflictDoUpdate({ target: [indicators.studentId, indicators.kind, indicators.period, indicators.subject], set: { values: r.values, recordedBy: r.recordedBy ?? null, recordedAt: now, ...at } })
            .run();
        }
        return rows.length;
      });
    },
    async listForStudent(schoolId, studentId, filter = {}) {
      const where = [eq(indicators.schoolId, schoolId), eq(indicators.studentId, studentId)];
      if (filter.kind) where.push(eq(indicators.kind, filter.kind));
      return db.select().from(indicators).where(and(...where)).orderBy(asc(indicators.period), asc(indicators.subject)).all();
    },
    async listForSchool(schoolId, filter = {}) {
      const where = [eq(indicators.schoolId, schoolId)];
      if (filter.kind) where.push(eq(indicators.kind, filter.kind));
      if (filter.periodFrom) where.push(gte(indicators.period, filter.periodFrom));
      if (filter.periodTo) where.push(lte(indicators.period, filter.periodTo));
      return db.select().from(indicators).where(and(...where)).orderBy(asc(indicators.studentId), asc(indicators.period)).all();
    },
  };

  const calendarRepo: CalendarRepo = {
    async set(schoolId, entries) {
      ctx.immediate(() => {
        for (const e of entries) {
          db.insert(schoolCalendar)
            .values({ schoolId, date: e.date, kind: e.kind, note: e.note ?? null })
            .onConflictDoUpdate({ target: [schoolCalendar.schoolId, schoolCalendar.date], set: { kind: e.kind, note: e.note ?? null } })
            .run();
        }
      });
    },
    async remove(schoolId, date) {
      db.delete(schoolCalendar).where(and(eq(schoolCalendar.schoolId, schoolId), eq(schoolCalendar.date, date))).run();
    },
    async list(schoolId, { from, to }) {
      return db.select().from(schoolCalendar).where(and(eq(schoolCalendar.schoolId, schoolId), gte(schoolCalendar.date, from), lte(schoolCalendar.date, to))).orderBy(asc(schoolCalendar.date)).all();
    },
  };

  const getFlag = (schoolId: string, id: string) => db.select().from(flags).where(and(eq(flags.id, id), eq(flags.schoolId, schoolId))).get();
  const earlyWarningRepo: EarlyWarningRepo = {
    async listRules(schoolId) {
      return db.select().from(earlyWarningRules).where(eq(earlyWarningRules.schoolId, schoolId)).orderBy(asc(earlyWarningRules.key)).all();
    },
    async upsertRule(schoolId, rule) {
      const set = { params: rule.params, holdWeeks: rule.holdWeeks ?? 2, enabled: rule.enabled ?? true, updatedAt: rule.now };
      return db
        .insert(earlyWarningRules)
        .values({ id: newId(), schoolId, key: rule.key, ...set })
        .onConflictDoUpdate({ target: [earlyWarningRules.schoolId, earlyWarningRules.key], set })
        .returning()
        .get();
    },
    async listFlags(schoolId, filter = {}) {
      const where = [eq(flags.schoolId, schoolId)];
      if (filter.active !== undefined) where.push(eq(flags.active, filter.active));
      if (filter.studentId) where.push(eq(flags.studentId, filter.studentId));
      return db.select().from(flags).where(and(...where)).orderBy(asc(flags.since)).all();
    },
    async getFlag(schoolId, flagId) {
      return db.select().from(flags).where(and(eq(flags.id, flagId), eq(flags.schoolId, schoolId))).get() ?? null;
    },
    async raiseFlag(schoolId, f) {
      return ctx.immediate((): DbResult<FlagRow> => {
        const student = getStudent(schoolId, f.studentId);
        if (!student) return fail('not_found', 'Siswa tidak ditemukan / student not found');
        if (f.source === 'rule' && f.ruleKey) {
          const existing = db
            .select()
            .from(flags)
            .where(and(eq(flags.studentId, f.studentId), eq(flags.ruleKey, f.ruleKey), eq(flags.active, true), eq(flags.source, 'rule')))
            .get();
          if (existing) {
            // Keeps `since`: the hold period counts from the first finding.
            const patch = { reason: f.reason, level: f.level ?? existing.level, details: f.details ?? existing.details };
            db.update(flags).set(patch).where(eq(flags.id, existing.id)).run();
            return ok({ ...existing, ...patch });
          }
        }
        const row = db
          .insert(flags)
          .values({
            id: newId(), schoolId, studentId: f.studentId, source: f.source, ruleKey: f.ruleKey ?? null, reason: f.reason,
            level: f.level ?? 'risk', details: f.details ?? null, since: f.now, active: true, createdBy: f.createdBy ?? null,
            ...termAt(db.select().from(schoolYearSettings).where(eq(schoolYearSettings.schoolId, schoolId)).get(), f.now), className: student.className,
          })
          .returning()
          .get();
        return ok(row);
      });
    },
    async clearFlag(schoolId, flagId, now) {
      const row = getFlag(schoolId, flagId);
      if (!row) return fail('not_found', 'Tanda tidak ditemukan / flag not found');
      db.update(flags).set({ active: false, clearedAt: now }).where(eq(flags.id, flagId)).run();
      return ok({ ...row, active: false, clearedAt: now });
    },
  };

  return { students: studentRepo, indicators: indicatorRepo, calendar: calendarRepo, earlyWarning: earlyWarningRepo };
}
