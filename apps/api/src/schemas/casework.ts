/**
 * Request and response schemas of the case-work routes (rosters, indicators,
 * early warning, notes, consents, referrals, records, tasks, approvals,
 * notifications, calendar). The request schemas are the server's own
 * validation — the OpenAPI document is generated from them, so the document
 * is exactly as strict as the server.
 */
import { z } from '@hono/zod-openapi';
import { say } from '../http/zod-messages.ts';
import {
  CONFIDENTIALITY_LEVELS, CONSENT_PURPOSES, INDICATOR_KINDS, indicatorEntrySchema, REFERRAL_TARGETS, ROSTER_FIELDS, RULE_KEYS, RULE_PARAMS,
} from '@jalur/casework';
import { RISK_FACTORS } from '@jalur/engine';
import { dateOrDateTimeSchema, dateSchema, dateTimeSchema, idSchema, localizedSchema, nisnSchema } from './common.ts';

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);
const dryRunQuery = z.enum(['true', 'false']).default('true').openapi({ description: '`true` (bawaan): hanya pratinjau / preview only (default)' });

// ── Roster and indicator imports ──────────────────────────────────────────

/** A column label → roster field chosen by hand ('' ignores the column), for layouts the aliases do not know. */
export const rosterMappingSchema = z.record(z.string().max(200), z.union([z.enum(ROSTER_FIELDS), z.literal('')]));
export const rosterImportQuerySchema = z.object({
  dryRun: dryRunQuery,
  /** JSON of {@link rosterMappingSchema}, e.g. `{"No Induk Nasional":"nisn"}`. */
  mapping: z
    .string()
    .max(8000)
    .transform((raw, c) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        c.addIssue({ code: 'custom', message: 'mapping: JSON' });
        return z.NEVER;
      }
      const checked = rosterMappingSchema.safeParse(parsed);
      if (!checked.success) {
        c.addIssue({ code: 'custom', message: `mapping: ${checked.error.issues[0]?.message ?? 'invalid'}` });
        return z.NEVER;
      }
      return checked.data;
    })
    .optional()
    .openapi({ type: 'string', description: 'JSON: label kolom → field (`nisn`, `name`, `className`, …, atau `""` untuk diabaikan) / column label → field' }),
});

export const rowErrorSchema = z.object({ field: z.string(), message: localizedSchema }).openapi('ImportRowError');

export const rosterPlanSchema = z
  .object({
    rows: z.array(
      z.object({
        line: z.number().int(),
        nisn: z.string().nullable(),
        action: z.enum(['new', 'update', 'unchanged', 'error']),
        /** Fields that would change (`update`). */
        changes: z.array(z.string()).optional(),
        errors: z.array(rowErrorSchema).optional(),
        name: z.string().optional(),
        className: z.string().optional(),
      }),
    ),
    fileErrors: z.array(localizedSchema),
    counts: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
    /** Every column as read (title rows skipped, a two-row header joined) and the field it fills: the mapping screen. */
    headers: z.array(z.object({ index: z.number().int(), label: z.string(), field: z.enum(ROSTER_FIELDS).nullable() })),
    /** The header's lines in the file (two for a Dapodik export). */
    headerLines: z.array(z.number().int()),
    applied: z.boolean(),
    dryRun: z.boolean(),
  })
  .openapi('RosterImport');

/** A CSV or `.xlsx` upload (first sheet, first row the headers). */
export const spreadsheetBody = {
  required: true,
  description: 'CSV (UTF-8) atau Excel .xlsx / CSV or an Excel workbook',
  content: {
    'text/csv': { schema: z.string().openapi({ example: 'NISN,Nama Siswa,Kelas\n0012345678,Ayu,X-1' }) },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
  },
};

export const indicatorImportQuerySchema = z.object({ dryRun: dryRunQuery, kind: z.enum(INDICATOR_KINDS).optional() });

export const scanSummarySchema = z
  .object({ raised: z.number().int(), marked: z.number().int(), cleared: z.number().int() })
  .openapi('EarlyWarningScan');

export const indicatorImportSchema = z
  .object({
    kind: z.enum(INDICATOR_KINDS).nullable(),
    rows: z.array(z.object({ line: z.number().int(), nisn: z.string().nullable(), action: z.enum(['ok', 'error']), errors: z.array(localizedSchema).optional() })),
    fileErrors: z.array(localizedSchema),
    counts: z.object({ ok: z.number().int(), error: z.number().int() }),
    applied: z.boolean(),
    written: z.number().int().optional(),
    scan: scanSummarySchema.optional(),
  })
  .openapi('IndicatorImport');

export const indicatorEntriesBodySchema = z.object({ entries: z.array(indicatorEntrySchema).min(1).max(5000) }).openapi('IndicatorEntries');
export const indicatorWriteSchema = z.object({ written: z.number().int(), scan: scanSummarySchema }).openapi('IndicatorWrite');

export const indicatorSchema = z
  .object({
    id: z.string(),
    kind: z.enum(INDICATOR_KINDS),
    period: z.string(),
    subject: z.string(),
    values: z.record(z.string(), z.unknown()),
    recordedAt: dateTimeSchema,
  })
  .openapi('Indicator');

// ── Early warning ─────────────────────────────────────────────────────────

export const earlyWarningQuerySchema = z.object({ className: z.string().max(40).optional(), level: z.enum(['risk', 'watch']).optional() });

const ruleSetting = <K extends (typeof RULE_KEYS)[number]>(key: K) =>
  z.object({ key: z.literal(key), enabled: z.boolean(), holdWeeks: z.number().int(), params: RULE_PARAMS[key] });
export const ruleSetSchema = z
  .object({
    absence: ruleSetting('absence'),
    failing_subjects: ruleSetting('failing_subjects'),
    falling_average: ruleSetting('falling_average'),
    behaviour: ruleSetting('behaviour'),
    economic: ruleSetting('economic'),
    distance: ruleSetting('distance'),
  })
  .openapi('EarlyWarningRules');
export const rulesResponseSchema = z.object({ rules: ruleSetSchema }).openapi('EarlyWarningRuleSet');

const ruleChange = <K extends (typeof RULE_KEYS)[number], P extends z.ZodType>(key: K, params: P) =>
  z.object({
    key: z.literal(key),
    /** Missing params take the field defaults. */
    params,
    holdWeeks: z.number().int().min(0).max(52).optional(),
    enabled: z.boolean().optional(),
  });
export const rulesBodySchema = z
  .object({
    rules: z
      .array(z.discriminatedUnion('key', [
        ruleChange('absence', RULE_PARAMS.absence.prefault({})),
        ruleChange('failing_subjects', RULE_PARAMS.failing_subjects.prefault({})),
        ruleChange('falling_average', RULE_PARAMS.falling_average.prefault({})),
        ruleChange('behaviour', RULE_PARAMS.behaviour.prefault({})),
        ruleChange('economic', RULE_PARAMS.economic.prefault({})),
        ruleChange('distance', RULE_PARAMS.distance.prefault({})),
      ]))
      .min(1)
      .max(RULE_KEYS.length * 4),
  })
  .openapi('EarlyWarningRulesChange');

export const flagSchema = z
  .object({
    id: z.string(),
    source: z.enum(['manual', 'rule']),
    ruleKey: z.string().nullable(),
    level: z.enum(['risk', 'watch']),
    reason: localizedSchema,
    /** The rule's findings (null for a task-force member). */
    details: z.record(z.string(), z.unknown()).nullable(),
    since: dateTimeSchema,
    proposesCase: z.boolean(),
    proposesCaseAt: dateTimeSchema,
    waitingToClear: z.boolean(),
    createdBy: z.string().nullable(),
  })
  .openapi('Flag');

export const earlyWarningListSchema = z
  .object({
    items: z.array(
      z.object({
        student: z.object({ id: z.string(), nisn: z.string(), name: z.string(), className: z.string() }),
        level: z.enum(['risk', 'watch']),
        proposesCase: z.boolean(),
        openCaseId: z.string().nullable(),
        flags: z.array(flagSchema),
      }),
    ),
    rules: ruleSetSchema,
  })
  .openapi('EarlyWarningList');

export const manualFlagBodySchema = z
  .object({ studentId: idSchema, reason: trimmed(3, 2000), level: z.enum(['risk', 'watch']).default('risk') })
  .openapi('ManualFlagRequest');

export const flagClearedSchema = z.object({ id: z.string(), active: z.literal(false) }).openapi('FlagCleared');

export const openCaseFromFlagBodySchema = z
  .object({
    pathwayId: idSchema,
    version: z.number().int().min(1).optional(),
    riskFactors: z.array(z.enum(RISK_FACTORS)).max(8).optional(),
    assigneeId: idSchema.nullable().optional(),
  })
  .openapi('OpenCaseFromFlagRequest');

// ── Notes, consents, referrals, records ───────────────────────────────────

export const caseOpeningSchema = z
  .object({
    indicatorsAtOpen: z.union([
      z.object({
        flags: z
          .array(
            z.object({
              id: z.string().optional(),
              source: z.string().optional(),
              ruleKey: z.string().nullable().optional(),
              level: z.string().optional(),
              reason: localizedSchema.optional(),
              details: z.record(z.string(), z.unknown()).nullable().optional(),
              since: dateTimeSchema.optional(),
            }),
          )
          .optional(),
        facts: z.record(z.string(), z.unknown()).optional(),
        indicators: z.array(z.object({ kind: z.string(), period: z.string(), subject: z.string(), values: z.record(z.string(), z.unknown()) })).optional(),
      }),
      z.null(),
    ]),
  })
  .openapi('CaseOpening');

export const noteSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    body: z.string(),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
    author: z.object({ id: z.string(), name: z.string() }),
    createdAt: dateTimeSchema,
  })
  .openapi('Note');
export const noteBodySchema = z
  .object({ body: trimmed(1, 20_000), confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('umum') })
  .openapi('NoteRequest');

export const consentSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    purpose: z.enum(CONSENT_PURPOSES),
    givenBy: z.string(),
    relationship: z.string().nullable(),
    method: z.enum(['written', 'verbal', 'digital']),
    granted: z.boolean(),
    givenAt: dateTimeSchema,
    recordedBy: z.string(),
    createdAt: dateTimeSchema,
    revokedAt: dateTimeSchema.nullable(),
  })
  .openapi('Consent');
/** A consent as recorded: `givenAt` a real calendar date (or date and time). */
export const consentBodySchema = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES),
    givenBy: trimmed(1, 200),
    relationship: z.string().max(100).optional(),
    method: z.enum(['written', 'verbal', 'digital']),
    granted: z.boolean().default(true),
    givenAt: dateOrDateTimeSchema,
  })
  .openapi('ConsentRequest');
export const consentRecordedSchema = consentSchema.extend({ caseVersion: z.number().int() }).openapi('ConsentRecorded');

export const referralSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    target: z.enum(REFERRAL_TARGETS),
    targetName: z.string(),
    /** The referral partner of the school's register, when one was picked. */
    partnerId: z.string().nullable(),
    reason: z.string(),
    status: z.enum(['sent', 'accepted', 'rejected', 'completed']),
    rejectionReason: z.string().nullable(),
    outcomeReport: z.string().nullable(),
    sentBy: z.string(),
    sentAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .openapi('Referral');
/** What a wali kelas or task-force member sees of a referral: that it exists, where to, and how far. */
export const referralSummarySchema = z
  .object({ id: z.string(), target: z.enum(REFERRAL_TARGETS), status: z.enum(['sent', 'accepted', 'rejected', 'completed']), sentAt: dateTimeSchema })
  .openapi('ReferralSummary');
export const referralBodySchema = z
  .object({ target: z.enum(REFERRAL_TARGETS).optional(), targetName: trimmed(1, 200).optional(), partnerId: idSchema.optional(), reason: trimmed(1, 4000) })
  .refine((b) => b.partnerId !== undefined || (b.target !== undefined && b.targetName !== undefined), { message: 'Pilih mitra rujukan, atau isi tujuan dan nama lembaga / pick a partner, or give the target and its name', path: ['partnerId'] })
  .openapi('ReferralRequest');
export const referralRejectBodySchema = z.object({ reason: trimmed(1, 4000) }).openapi('ReferralRejectRequest');
export const referralCompleteBodySchema = z.object({ outcomeReport: trimmed(1, 20_000) }).openapi('ReferralCompleteRequest');
export const referralListQuerySchema = z.object({ status: z.enum(['sent', 'accepted', 'rejected', 'completed']).optional() });

const RECORD_KINDS = ['home_visit', 'case_conference', 'counseling_session'] as const;
const text = (max = 4000) => trimmed(1, max);
/** The record forms of `@jalur/casework`, each `date` a real calendar date (or date and time). */
const homeVisitData = z.object({
  plan: text(),
  date: dateOrDateTimeSchema,
  visitors: z.array(text(200)).min(1).max(50),
  metWith: z.string().max(200).optional(),
  findings: text(),
  followUp: z.string().max(4000).optional(),
});
const caseConferenceData = z.object({
  date: dateOrDateTimeSchema,
  attendees: z.array(text(200)).min(1).max(100),
  decisions: text(),
  notes: z.string().max(4000).optional(),
});
const counselingSessionData = z
  .object({
    date: dateOrDateTimeSchema,
    mode: z.enum(['individual', 'group']),
    members: z.array(text(200)).max(100).default([]),
    topic: text(500),
    summary: z.string().max(4000).optional(),
  })
  .refine((s) => s.mode === 'individual' || s.members.length >= 2, {
    message: say('Konseling kelompok perlu minimal 2 anggota', 'A group session needs at least 2 members'),
    path: ['members'],
  });
const recordLevel = z.enum(CONFIDENTIALITY_LEVELS).default('terbatas');
export const recordBodySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('home_visit'), data: homeVisitData, confidentiality: recordLevel }),
    z.object({ kind: z.literal('case_conference'), data: caseConferenceData, confidentiality: recordLevel }),
    z.object({ kind: z.literal('counseling_session'), data: counselingSessionData, confidentiality: recordLevel }),
  ])
  .openapi('CaseRecordRequest');
export const caseRecordSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: z.enum(RECORD_KINDS),
    data: z.record(z.string(), z.unknown()),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
    occurredAt: dateTimeSchema,
    recordedBy: z.string(),
    createdAt: dateTimeSchema,
  })
  .openapi('CaseRecord');
export const recordsQuerySchema = z.object({ kind: z.enum(RECORD_KINDS).optional() });

// ── Tasks, approvals, notifications, calendar ─────────────────────────────

export const tasksQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['open', 'done', 'cancelled']).default('open'),
  caseId: idSchema.optional(),
});

const urgency = z.enum(['overdue', 'due_today', 'due_tomorrow', 'later', 'no_due_date']);
export const taskSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    stateId: z.string(),
    kind: z.string(),
    title: localizedSchema,
    roles: z.array(z.string()),
    assigneeId: z.string().nullable(),
    dueAt: dateTimeSchema.nullable(),
    status: z.enum(['open', 'done', 'cancelled']),
    urgency,
    /** For an overdue task: the school days it is late (after its due date, through today, by the school's week, holidays and calendar); null otherwise. */
    lateSchoolDays: z.number().int().min(0).nullable(),
    requiresApproval: z.boolean(),
    approval: z.enum(['pending', 'approved', 'rejected']).nullable(),
    /** The kepsek's reason — null for a caller the step's confidentiality hides it from. */
    approvalReason: z.string().nullable(),
    student: z.object({ id: z.string(), name: z.string(), className: z.string() }),
  })
  .openapi('Task');
export const taskListSchema = z
  .object({
    items: z.array(taskSchema),
    counts: z.object({ overdue: z.number().int(), due_today: z.number().int(), due_tomorrow: z.number().int(), later: z.number().int(), no_due_date: z.number().int() }),
  })
  .openapi('TaskList');
export const assigneesSchema = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['kepsek', 'guru_bk', 'wali_kelas', 'tim', 'admin_dinas']) })) })
  .openapi('Assignees');
export const decisionBodySchema = z
  .object({ decision: z.enum(['approved', 'rejected']), reason: z.string().trim().max(2000).optional() })
  .refine((b) => b.decision === 'approved' || (b.reason ?? '').length > 0, {
    message: say('Alasan penolakan wajib diisi', 'A rejection needs a reason'),
    path: ['reason'],
  })
  .openapi('ApprovalDecision');
export const approvalRequestBodySchema = z.object({ note: trimmed(1, 2000) }).openapi('ApprovalRequestAgain');
export const approvalChangedSchema = z
  .object({ id: z.string(), approval: z.enum(['pending', 'approved', 'rejected']).nullable(), approvalReason: z.string().nullable(), caseVersion: z.number().int() })
  .openapi('ApprovalChanged');
export const taskAssignBodySchema = z.object({ assigneeId: idSchema.nullable() }).openapi('TaskAssignRequest');
export const taskAssignedSchema = z.object({ id: z.string(), assigneeId: z.string().nullable() }).openapi('TaskAssigned');

export const notificationsQuerySchema = z.object({ unread: z.enum(['true', 'false']).optional() });
export const notificationListSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), kind: z.string(), body: localizedSchema, caseId: z.string().nullable(), createdAt: dateTimeSchema, read: z.boolean() })),
  })
  .openapi('NotificationList');
export const notificationReadSchema = z.object({ ok: z.literal(true) }).openapi('NotificationRead');

const CALENDAR_KINDS = ['school_day', 'holiday', 'exam'] as const;
export const calendarQuerySchema = z.object({ from: dateSchema, to: dateSchema });
export const calendarListSchema = z
  .object({ items: z.array(z.object({ date: dateSchema, kind: z.enum(CALENDAR_KINDS), note: z.string().nullable() })) })
  .openapi('SchoolCalendar');
export const schoolDaysQuerySchema = z.object({ from: dateSchema, days: z.coerce.number().int().min(0).max(365) });
export const schoolDaysSchema = z.object({ from: dateSchema, days: z.number().int(), date: dateSchema }).openapi('SchoolDaysLater');
export const calendarBodySchema = z
  .object({ entries: z.array(z.object({ date: dateSchema, kind: z.enum(CALENDAR_KINDS), note: z.string().max(200).nullable().optional() })).min(1).max(400) })
  .openapi('SchoolCalendarChange');
export const calendarSavedSchema = z.object({ saved: z.number().int() }).openapi('SchoolCalendarSaved');
export const calendarDateParamsSchema = z.object({ date: dateSchema.openapi({ param: { name: 'date', in: 'path' } }) });
export const calendarRemovedSchema = z.object({ removed: dateSchema }).openapi('SchoolCalendarRemoved');

export { nisnSchema };
