/**
 * Orang tua asuh, donors and the fund ledger (issue 15). Sponsors pledge;
 * money sits in named funds; the ledger has one row per movement: a donation
 * in (from a sponsor) or a disbursement out (to a student's case, written in
 * the same transaction as the case event that caused it). Amounts are integer
 * rupiah, > 0; a fund's balance is the sum in minus the sum out. Every row
 * carries `school_id`; date-only fields are `YYYY-MM-DD` text.
 */
// GENERATED from ../schema/funds.ts by generate.mjs — do not edit by hand.
import { SPONSOR_KINDS, SPONSOR_PARTIES, PLEDGE_PERIODS, SPONSOR_STATUSES, FUND_SOURCES, FUND_STATUSES, FUND_DIRECTIONS } from '../schema/funds.ts';
import { check, index, integer, primaryKey, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant, json } from './columns.ts';
import { schools } from './org.ts';
import { students } from './students.ts';
import { cases } from './cases.ts';

/** `orang_tua_asuh`: sponsors one student's school needs; `donatur`: gives to the school's funds. */
/** Where a fund's money comes from (the M&E report's "source"). */
/** `in`: a donation (bukti kas masuk, BKM); `out`: a disbursement (bukti kas keluar, BKK). */

/** An orang tua asuh or a donor, and what they pledged. */
export const sponsors = pgTable(
  'sponsors',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    kind: text('kind', { enum: SPONSOR_KINDS }).notNull(),
    party: text('party', { enum: SPONSOR_PARTIES }).notNull(),
    name: text('name').notNull(),
    /** Normalised to `62…` digits (as `@jalur/documents` normalizePhone). */
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    /** Pledged amount in rupiah, per `pledge_period`. */
    pledgeAmount: integer('pledge_amount'),
    pledgePeriod: text('pledge_period', { enum: PLEDGE_PERIODS }),
    /** The student the pledge is for, if any (erasure sets it null). */
    pledgeStudentId: text('pledge_student_id').references(() => students.id),
    pledgeFrom: text('pledge_from'),
    pledgeUntil: text('pledge_until'),
    status: text('status', { enum: SPONSOR_STATUSES }).notNull(),
    notes: text('notes'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('sponsors_school_idx').on(t.schoolId, t.status, t.name), index('sponsors_student_idx').on(t.pledgeStudentId)],
);

/** A named fund of the school ("Dana komite", "Dana orang tua asuh Bapak X"), optionally tied to one sponsor. */
export const funds = pgTable(
  'funds',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    name: text('name').notNull(),
    source: text('source', { enum: FUND_SOURCES }).notNull(),
    sponsorId: text('sponsor_id').references(() => sponsors.id),
    description: text('description'),
    status: text('status', { enum: FUND_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('funds_school_name_idx').on(t.schoolId, t.name), index('funds_sponsor_idx').on(t.sponsorId)],
);

/**
 * The ledger: one row per movement of money. `direction` in = a donation
 * (`sponsor_id` who gave); out = a disbursement to a student's case
 * (`student_id`, `case_id`, `case_event_seq` = the `case_events.seq` of the
 * event that caused it, `step_id` the step it left, `risk_factors` copied from
 * the case at that moment). Erasure of the student sets `student_id`,
 * `case_id`, `case_event_seq` and `note` null; the amount, date, fund, receipt
 * and risk factors stay for the books and the M&E report.
 */
export const fundEntries = pgTable(
  'fund_entries',
  {
    id: id(),
    schoolId: text('school_id').notNull().references(() => schools.id),
    fundId: text('fund_id').notNull().references(() => funds.id),
    direction: text('direction', { enum: FUND_DIRECTIONS }).notNull(),
    /** Integer rupiah, > 0. */
    amount: integer('amount').notNull(),
    /** The day the money moved (`YYYY-MM-DD`). */
    entryDate: text('entry_date').notNull(),
    /** Receipts are numbered per school, direction and year of `entry_date`: `BKM-2026-0001`, `BKK-2026-0001`. */
    receiptYear: integer('receipt_year').notNull(),
    receiptSeq: integer('receipt_seq').notNull(),
    receiptNumber: text('receipt_number').notNull(),
    sponsorId: text('sponsor_id').references(() => sponsors.id),
    studentId: text('student_id').references(() => students.id),
    caseId: text('case_id').references(() => cases.id),
    caseEventSeq: integer('case_event_seq'),
    /** The event type and step (state id) of the disbursing case event. */
    eventType: text('event_type'),
    stepId: text('step_id'),
    /** The case's risk factors when the money went out (kept after erasure). */
    riskFactors: json('risk_factors').$type<string[]>(),
    note: text('note'),
    recordedBy: text('recorded_by'),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('fund_entries_receipt_idx').on(t.schoolId, t.direction, t.receiptYear, t.receiptSeq),
    uniqueIndex('fund_entries_receipt_number_idx').on(t.schoolId, t.receiptNumber),
    index('fund_entries_fund_idx').on(t.fundId, t.entryDate),
    index('fund_entries_case_idx').on(t.caseId),
    index('fund_entries_student_idx').on(t.studentId),
    check('fund_entries_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** The last receipt number given per school, direction and year (one upsert takes the next). */
export const fundReceiptCounters = pgTable(
  'fund_receipt_counters',
  {
    schoolId: text('school_id').notNull().references(() => schools.id),
    direction: text('direction', { enum: FUND_DIRECTIONS }).notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.direction, t.year] })],
);
