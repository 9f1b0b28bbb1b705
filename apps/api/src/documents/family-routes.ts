/**
 * Family contact on a case (issue 15), mounted under `/api`:
 * - `GET /cases/{id}/family`: the guardian (phone normalised), the contact log
 *   the caller may see, parent meetings, and the message templates filled from the case;
 * - `POST /cases/{id}/family/messages` `{ template, channel, phone? }`: fills a
 *   template, logs the contact and answers the `wa.me` / `sms:` link to open;
 * - `POST /cases/{id}/family/contacts`: logs a call, visit or talk by hand;
 * - `POST /cases/{id}/family/meetings`: schedules a parent meeting (a task
 *   with the existing due-tomorrow/overdue reminders for its host, and a notification);
 * - `POST /cases/{id}/family/meetings/{meetingId}/status` `{ status: held | cancelled }`.
 * Confidentiality, audit and erasure follow the notes' rules (`@jalur/casework`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CONFIDENTIALITY_LEVELS, writableLevels } from '@jalur/casework';
import type { CaseRow, FamilyContactRow, ParentMeetingRow, StudentRow } from '@jalur/db';
import {
  displayPhone, fillTemplate, hariTanggal, normalizePhone, pukul, smsLink, TEMPLATE_KEYS, TEMPLATE_LABELS, whatsappLink, type TemplateContext, type TemplateKey,
} from '@jalur/documents';
import { schoolOf } from '../auth/middleware.ts';
import { loadCase } from '../casework/access.ts';
import { failWith } from '../casework/http.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { schoolClockOf } from '../casework/school-time.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { dateTimeSchema, errorResponses, idParamsSchema, idSchema, json, jsonBody } from '../schemas/common.ts';
import { channelLabel } from './case-documents.ts';

const CHANNELS = ['whatsapp', 'sms', 'phone', 'in_person', 'home_visit', 'letter'] as const;
const instant = z.iso.datetime({ offset: true });

const contactSchema = z.object({
  id: z.string(), guardianName: z.string(), relationship: z.string().nullable(), phone: z.string().nullable(), channel: z.enum(CHANNELS), channelLabel: z.string(),
  template: z.enum(TEMPLATE_KEYS).nullable(), message: z.string().nullable(), outcome: z.string().nullable(), confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  contactedBy: z.object({ id: z.string(), name: z.string() }), contactedAt: dateTimeSchema,
}).openapi('FamilyContact');
const meetingSchema = z.object({
  id: z.string(), guardianName: z.string(), scheduledAt: dateTimeSchema, when: z.string(), place: z.string(), purpose: z.string(), status: z.enum(['scheduled', 'held', 'cancelled']),
  host: z.object({ id: z.string(), name: z.string() }),
}).openapi('ParentMeeting');
const familySchema = z.object({
  guardian: z.object({ name: z.string().nullable(), phone: z.string().nullable(), phoneDisplay: z.string().nullable(), phoneProblem: z.object({ id: z.string(), en: z.string() }).nullable() }),
  contacts: z.array(contactSchema),
  meetings: z.array(meetingSchema),
  templates: z.array(z.object({ key: z.enum(TEMPLATE_KEYS), label: z.object({ id: z.string(), en: z.string() }), text: z.string() })),
  canWrite: z.boolean(),
  writableLevels: z.array(z.enum(CONFIDENTIALITY_LEVELS)),
});
const phoneInput = z.string().trim().min(1).max(40);
const messageBody = z.object({
  template: z.enum(TEMPLATE_KEYS), channel: z.enum(['whatsapp', 'sms']), phone: phoneInput.optional(), meetingId: idSchema.optional(),
  guardianName: z.string().trim().min(1).max(200).optional(), confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('umum'),
}).strict();
const contactBody = z.object({
  guardianName: z.string().trim().min(1).max(200).optional(), relationship: z.string().trim().max(100).optional(), phone: phoneInput.optional(), channel: z.enum(CHANNELS),
  outcome: z.string().trim().min(1).max(4000), confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('umum'), contactedAt: instant.optional(),
}).strict();
const meetingBody = z.object({
  scheduledAt: instant, place: z.string().trim().min(1).max(200), purpose: z.string().trim().min(1).max(1000), guardianName: z.string().trim().min(1).max(200).optional(), hostId: idSchema.optional(),
}).strict();
const meetingParams = z.object({ id: idSchema.openapi({ param: { name: 'id', in: 'path' } }), meetingId: idSchema.openapi({ param: { name: 'meetingId', in: 'path' } }) });

const getRoute = createRoute({
  method: 'get', path: '/cases/{id}/family', tags: ['family'], summary: 'Kontak keluarga / family contact',
  request: { params: idParamsSchema }, responses: { 200: json(familySchema, 'Kontak keluarga'), ...errorResponses(400, 401, 403, 404) },
});
const messageRoute = createRoute({
  method: 'post', path: '/cases/{id}/family/messages', tags: ['family'], summary: 'Kirim pesan dari templat (WhatsApp/SMS), dicatat / send a template message, logged',
  request: { params: idParamsSchema, body: jsonBody(messageBody) },
  responses: { 201: json(z.object({ contact: contactSchema, url: z.string() }), 'Tautan pesan'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const contactRoute = createRoute({
  method: 'post', path: '/cases/{id}/family/contacts', tags: ['family'], summary: 'Catat kontak dengan keluarga / log a contact',
  request: { params: idParamsSchema, body: jsonBody(contactBody) },
  responses: { 201: json(contactSchema, 'Kontak'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const meetingRoute = createRoute({
  method: 'post', path: '/cases/{id}/family/meetings', tags: ['family'], summary: 'Jadwalkan pertemuan orang tua / schedule a parent meeting',
  request: { params: idParamsSchema, body: jsonBody(meetingBody) },
  responses: { 201: json(meetingSchema, 'Pertemuan'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const meetingStatusRoute = createRoute({
  method: 'post', path: '/cases/{id}/family/meetings/{meetingId}/status', tags: ['family'], summary: 'Pertemuan terlaksana/batal / meeting held or cancelled',
  request: { params: meetingParams, body: jsonBody(z.object({ status: z.enum(['held', 'cancelled']) }).strict()) },
  responses: { 200: json(meetingSchema, 'Pertemuan'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});

const WRITERS = new Set(['guru_bk', 'kepsek', 'wali_kelas', 'tim']);
const MEETING_HOSTS = new Set(['guru_bk', 'kepsek', 'wali_kelas']);

function badPhone(message: { id: string; en: string }) {
  return failWith(422, 'invalid_phone', message, { field: 'phone' });
}

export function familyRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  const nameCache = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!nameCache.has(id)) nameCache.set(id, (await db.users.get(id))?.name ?? '');
    return { id, name: nameCache.get(id)! };
  };
  const contactView = async (r: FamilyContactRow) => ({
    id: r.id, guardianName: r.guardianName, relationship: r.relationship, phone: r.phone, channel: r.channel, channelLabel: channelLabel(r.channel), template: r.template, message: r.message,
    outcome: r.outcome, confidentiality: r.confidentiality, contactedBy: await nameOf(r.contactedBy), contactedAt: r.contactedAt.toISOString(),
  });
  /** The school's time zone for the dates and times it writes (`pukul 09.30 WITA`). */
  const zoneOf = async (schoolId: string) => (await schoolClockOf(db, schoolId, clock.now())).iana;
  const meetingView = async (m: ParentMeetingRow, tz: string) => ({
    id: m.id, guardianName: m.guardianName, scheduledAt: m.scheduledAt.toISOString(), when: `${hariTanggal(m.scheduledAt, tz)}, ${pukul(m.scheduledAt, tz)}`, place: m.place, purpose: m.purpose, status: m.status,
    host: await nameOf(m.hostId),
  });
  const writer = (p: Principal) => {
    if (!WRITERS.has(p.role)) throw forbidden({ allowedRoles: [...WRITERS] });
  };
  const level = (p: Principal, wanted: (typeof CONFIDENTIALITY_LEVELS)[number]) => {
    if (!writableLevels(p.role).includes(wanted)) {
      throw failWith(403, 'forbidden', { id: 'Anda tidak dapat menulis pada tingkat kerahasiaan ini.', en: 'You cannot write at this confidentiality level.' }, { allowed: writableLevels(p.role) });
    }
  };
  const templateContext = async (schoolId: string, row: CaseRow, s: StudentRow, p: Principal, meetingId?: string): Promise<TemplateContext> => {
    const meetings = await db.paperwork.listMeetings(schoolId, row.id);
    const now = clock.now();
    const meeting = meetingId ? meetings.find((m) => m.id === meetingId) : meetings.find((m) => m.status === 'scheduled' && m.scheduledAt > now);
    if (meetingId && !meeting) throw notFound();
    const counselor = (row.assigneeId ? await db.users.get(row.assigneeId) : null) ?? (await db.users.get(p.userId));
    const school = await db.schools.get(schoolId);
    const visit = (await db.caseRecords.list(schoolId, row.id, { id: p.userId, role: p.role }, { kind: 'home_visit' }));
    const planned = visit.ok ? visit.value.map((r) => (r.data as { date?: string }).date).filter((d): d is string => typeof d === 'string' && d.slice(0, 10) >= now.toISOString().slice(0, 10)).sort()[0] : undefined;
    return {
      guardianName: s.guardianName ?? 'Orang Tua/Wali', studentName: s.name, className: s.className, schoolName: school?.name ?? '', counselorName: counselor?.name ?? p.name,
      meeting: meeting ? { at: meeting.scheduledAt, place: meeting.place } : null, visitDate: planned?.slice(0, 10) ?? null, timeZone: await zoneOf(schoolId),
    };
  };

  return router
    .openapi(getRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row, student } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const phone = student.guardianPhone ? normalizePhone(student.guardianPhone) : null;
      const tc = await templateContext(schoolId, row, student, p);
      const contacts = await db.paperwork.listContacts(schoolId, row.id, { id: p.userId, role: p.role }, row.assigneeId, clock.now());
      return c.json({
        guardian: {
          name: student.guardianName, phone: phone?.ok ? phone.phone : null, phoneDisplay: phone?.ok ? displayPhone(phone.phone) : student.guardianPhone,
          phoneProblem: phone && !phone.ok ? phone.message : null,
        },
        contacts: await Promise.all(contacts.reverse().map(contactView)),
        meetings: await Promise.all((await db.paperwork.listMeetings(schoolId, row.id)).map((m) => meetingView(m, tc.timeZone!))),
        templates: TEMPLATE_KEYS.map((key) => ({ key, label: TEMPLATE_LABELS[key], text: fillTemplate(key, tc) })),
        canWrite: WRITERS.has(p.role),
        writableLevels: writableLevels(p.role),
      }, 200);
    })
    .openapi(messageRoute, async (c) => {
      const p = c.var.principal;
      writer(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      level(p, body.confidentiality);
      const { row, student } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const raw = body.phone ?? student.guardianPhone;
      if (!raw) throw badPhone({ id: 'Nomor HP orang tua/wali belum tercatat. Isi nomor HP terlebih dahulu.', en: 'No guardian phone number is recorded. Enter one first.' });
      const phone = normalizePhone(raw);
      if (!phone.ok) throw badPhone(phone.message);
      const text = fillTemplate(body.template as TemplateKey, await templateContext(schoolId, row, student, p, body.meetingId));
      const now = clock.now();
      const r = await db.paperwork.addContact(schoolId, {
        caseId: row.id, guardianName: body.guardianName ?? student.guardianName ?? 'Orang Tua/Wali', phone: phone.phone, channel: body.channel, template: body.template, message: text,
        outcome: null, confidentiality: body.confidentiality, contactedBy: p.userId, contactedAt: now, now,
      });
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      const url = body.channel === 'whatsapp' ? whatsappLink(phone.phone, text) : smsLink(phone.phone, text);
      return c.json({ contact: await contactView(r.value), url }, 201);
    })
    .openapi(contactRoute, async (c) => {
      const p = c.var.principal;
      writer(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      level(p, body.confidentiality);
      const { row, student } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      let phone: string | null = null;
      if (body.phone) {
        const n = normalizePhone(body.phone);
        if (!n.ok) throw badPhone(n.message);
        phone = n.phone;
      }
      const now = clock.now();
      const at = body.contactedAt ? new Date(body.contactedAt) : now;
      if (at.getTime() > now.getTime() + 5 * 60_000) throw failWith(422, 'contact_in_future', { id: 'Waktu kontak tidak boleh di masa depan.', en: 'A contact cannot be in the future.' }, { field: 'contactedAt' });
      const r = await db.paperwork.addContact(schoolId, {
        caseId: row.id, guardianName: body.guardianName ?? student.guardianName ?? 'Orang Tua/Wali', relationship: body.relationship ?? null, phone, channel: body.channel, outcome: body.outcome,
        confidentiality: body.confidentiality, contactedBy: p.userId, contactedAt: at, now,
      });
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      return c.json(await contactView(r.value), 201);
    })
    .openapi(meetingRoute, async (c) => {
      const p = c.var.principal;
      if (!MEETING_HOSTS.has(p.role)) throw forbidden({ allowedRoles: [...MEETING_HOSTS] });
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const { row, student } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const now = clock.now();
      const at = new Date(body.scheduledAt);
      if (at.getTime() <= now.getTime()) throw failWith(422, 'meeting_in_past', { id: 'Jadwal pertemuan harus di masa depan.', en: 'The meeting must be in the future.' }, { field: 'scheduledAt' });
      const hostId = body.hostId ?? p.userId;
      const host = await db.users.get(hostId);
      if (!host || host.schoolId !== schoolId || host.disabledAt !== null) throw failWith(422, 'invalid_host', { id: 'Penanggung jawab pertemuan bukan staf sekolah ini.', en: 'The meeting host is not staff of this school.' }, { field: 'hostId' });
      const tz = await zoneOf(schoolId);
      const when = `${hariTanggal(at, tz)} pukul ${pukul(at, tz)}`;
      const r = await db.paperwork.scheduleMeeting(schoolId, {
        caseId: row.id, guardianName: body.guardianName ?? student.guardianName ?? 'Orang Tua/Wali', scheduledAt: at, place: body.place, purpose: body.purpose, hostId, hostRole: host.role,
        notice: { id: `Pertemuan dengan orang tua/wali dijadwalkan: ${when}, ${body.place}.`, en: `Parent meeting scheduled: ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${body.place}.` },
        createdBy: p.userId, now,
      });
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      return c.json(await meetingView(r.value, tz), 201);
    })
    .openapi(meetingStatusRoute, async (c) => {
      const p = c.var.principal;
      if (!MEETING_HOSTS.has(p.role)) throw forbidden({ allowedRoles: [...MEETING_HOSTS] });
      const schoolId = schoolOf(p);
      const { id, meetingId } = c.req.valid('param');
      const { row } = await loadCase(db, p, schoolId, id);
      const m = await db.paperwork.getMeeting(schoolId, meetingId);
      if (!m || m.caseId !== row.id) throw notFound();
      const r = await db.paperwork.setMeetingStatus(schoolId, meetingId, c.req.valid('json').status, { actorId: p.userId, now: clock.now() });
      if (!r.ok) {
        if (r.error.code === 'invalid') throw failWith(422, 'meeting_closed', { id: 'Pertemuan ini sudah terlaksana atau dibatalkan.', en: 'This meeting was already held or cancelled.' });
        throw fromDbError(r.error);
      }
      return c.json(await meetingView(r.value, await zoneOf(schoolId)), 200);
    });
}

