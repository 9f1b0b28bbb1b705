/**
 * Referral partners of the school (issue 15), mounted under `/api`:
 * - `GET /registers/partners` (`?active=true` for a step's picker): the list, with the kinds and their labels;
 * - `POST /registers/partners`: a new partner (phone normalised `08…` → `62…`, refused when invalid);
 * - `GET /registers/partners/{id}`: the partner, and for the guru BK and kepsek its referrals with
 *   whether the closed-loop report came back (a Satgas member or wali kelas sees the counts only);
 * - `PATCH /registers/partners/{id}`: change fields, (de)activate.
 * The kepsek and guru BK write; the Satgas and wali kelas read; the dinas none. School-scoped.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { REFERRAL_STATUS_LABELS, type Localized } from '@jalur/casework';
import { PARTNER_KINDS, type PartnerKind, type ReferralPartnerRow } from '@jalur/db';
import { displayPhone, normalizePhone } from '@jalur/documents';
import { schoolOf } from '../auth/middleware.ts';
import { failWith } from '../casework/http.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { notFound } from '../http/errors.ts';
import { createOnce } from '../http/idempotent-create.ts';
import { createRouter } from '../http/router.ts';
import { dateTimeSchema, errorResponses, idempotencyHeaderSchema, idParamsSchema, json, jsonBody, localizedSchema, replayableJson } from '../schemas/common.ts';
import { authOn, caseOpener, mayRead, mayWrite, PARTNER_READERS } from './groups-access.ts';

export const PARTNER_KIND_LABELS: Record<PartnerKind, Localized> = {
  puskesmas: { id: 'Puskesmas', en: 'Community health centre (Puskesmas)' },
  psikolog: { id: 'Psikolog', en: 'Psychologist' },
  uptd_ppa: { id: 'UPTD PPA (perlindungan perempuan dan anak)', en: 'Women and child protection unit (UPTD PPA)' },
  dinas_sosial: { id: 'Dinas Sosial', en: 'Social services' },
  polisi: { id: 'Polisi', en: 'Police' },
  pkbm: { id: 'PKBM (pendidikan kesetaraan)', en: 'Community learning centre (PKBM)' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

/** The referral target (`referrals.target`) a partner of this kind stands for. */
export const PARTNER_REFERRAL_TARGET: Record<PartnerKind, 'psychologist' | 'police' | 'social_services' | 'puskesmas' | 'other'> = {
  puskesmas: 'puskesmas', psikolog: 'psychologist', uptd_ppa: 'social_services', dinas_sosial: 'social_services', polisi: 'police', pkbm: 'other', lainnya: 'other',
};

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const partnerSchema = z.object({
  id: z.string(), name: z.string(), kind: z.enum(PARTNER_KINDS), kindLabel: localizedSchema, address: z.string().nullable(), contactPerson: z.string().nullable(),
  phone: z.string().nullable().openapi({ description: '62… digits' }), phoneDisplay: z.string().nullable(), services: z.string().nullable(), active: z.boolean(),
  createdAt: dateTimeSchema, updatedAt: dateTimeSchema,
}).openapi('ReferralPartner');
const partnerReferralSchema = z.object({
  id: z.string(), caseId: z.string(), studentName: z.string(), status: z.enum(['sent', 'accepted', 'rejected', 'completed']), statusLabel: localizedSchema,
  sentAt: dateTimeSchema, updatedAt: dateTimeSchema,
  /** The closed-loop report came back (the referral is completed with its outcome report). */
  feedback: z.boolean(),
});
const partnerDetailSchema = partnerSchema.extend({
  /** Null for a caller who sees the counts only (Satgas member, wali kelas). */
  referrals: z.array(partnerReferralSchema).nullable(),
  counts: z.object({ total: z.number().int(), open: z.number().int(), feedback: z.number().int() }),
}).openapi('ReferralPartnerDetail');
const partnerListSchema = z.object({
  items: z.array(partnerSchema),
  kinds: z.array(z.object({ key: z.enum(PARTNER_KINDS), label: localizedSchema })),
  canWrite: z.boolean(),
}).openapi('ReferralPartnerList');
const partnerBody = z.object({
  name: text(200).min(1), kind: z.enum(PARTNER_KINDS), address: optionalText(500), contactPerson: optionalText(200), phone: optionalText(40), services: optionalText(2000), active: z.boolean().optional(),
}).strict().openapi('ReferralPartnerRequest');
const partnerPatch = partnerBody.partial().strict().refine((b) => Object.keys(b).length > 0, { message: 'Tidak ada yang diubah / nothing to change' }).openapi('ReferralPartnerPatch');
const listQuery = z.object({ active: z.enum(['true', 'false']).optional() });

const list = createRoute({
  method: 'get', path: '/registers/partners', tags: ['registers'], summary: 'Mitra rujukan / referral partners',
  request: { query: listQuery }, responses: { 200: json(partnerListSchema, 'Mitra rujukan'), ...errorResponses(400, 401, 403) },
});
const create = createRoute({
  method: 'post', path: '/registers/partners', tags: ['registers'], summary: 'Tambah mitra rujukan / add a referral partner',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(partnerBody) },
  responses: { 201: replayableJson(partnerSchema, 'Mitra baru'), ...errorResponses(400, 401, 403, 413, 422) },
});
const get = createRoute({
  method: 'get', path: '/registers/partners/{id}', tags: ['registers'], summary: 'Mitra rujukan dan rujukannya / a partner and its referrals',
  request: { params: idParamsSchema }, responses: { 200: json(partnerDetailSchema, 'Mitra'), ...errorResponses(400, 401, 403, 404) },
});
const update = createRoute({
  method: 'patch', path: '/registers/partners/{id}', tags: ['registers'], summary: 'Ubah mitra rujukan / change a partner',
  request: { params: idParamsSchema, body: jsonBody(partnerPatch) },
  responses: { 200: json(partnerSchema, 'Mitra'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});

/** A phone as stored: `62…`, null when empty; 422 `invalid_phone` with the reason. */
export function phoneOf(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  const n = normalizePhone(raw);
  if (!n.ok) throw failWith(422, 'invalid_phone', n.message, { field: 'phone' });
  return n.phone;
}
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === '' ? null : v);

export const partnerView = (r: ReferralPartnerRow) => ({
  id: r.id, name: r.name, kind: r.kind, kindLabel: PARTNER_KIND_LABELS[r.kind], address: r.address, contactPerson: r.contactPerson, phone: r.phone,
  phoneDisplay: r.phone ? displayPhone(r.phone) : null, services: r.services, active: r.active, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

export function partnerRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  authOn(ctx, router, ['/registers/partners', '/registers/partners/*']);
  return router
    .openapi(list, async (c) => {
      const p = c.var.principal;
      mayRead(p, PARTNER_READERS);
      const q = c.req.valid('query');
      const rows = await db.registers.listPartners(schoolOf(p), q.active ? { active: q.active === 'true' } : {});
      return c.json({ items: rows.map(partnerView), kinds: PARTNER_KINDS.map((key) => ({ key, label: PARTNER_KIND_LABELS[key] })), canWrite: p.role === 'kepsek' || p.role === 'guru_bk' }, 200);
    })
    .openapi(create, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const phone = phoneOf(body.phone);
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/partners', path: '/api/registers/partners', body, view: partnerView },
        (opts) => db.registers.addPartner(
          schoolId,
          { name: body.name, kind: body.kind, address: blankToNull(body.address) ?? null, contactPerson: blankToNull(body.contactPerson) ?? null, phone: phone ?? null, services: blankToNull(body.services) ?? null, ...(body.active === undefined ? {} : { active: body.active }) },
          opts,
        ),
        fromDbError,
      );
      return c.json('replay' in r ? r.replay : partnerView(r.value), 201);
    })
    .openapi(get, async (c) => {
      const p = c.var.principal;
      mayRead(p, PARTNER_READERS);
      const schoolId = schoolOf(p);
      const row = await db.registers.getPartner(schoolId, c.req.valid('param').id);
      if (!row) throw notFound();
      const referrals = await db.referrals.list(schoolId, { partnerId: row.id });
      const counts = {
        total: referrals.length,
        open: referrals.filter((r) => r.status === 'sent' || r.status === 'accepted').length,
        feedback: referrals.filter((r) => r.status === 'completed' && r.outcomeReport !== null).length,
      };
      if (p.role !== 'guru_bk' && p.role !== 'kepsek') return c.json({ ...partnerView(row), referrals: null, counts }, 200);
      const cases = new Map((await Promise.all([...new Set(referrals.map((r) => r.caseId))].map((id) => db.cases.get(schoolId, id)))).filter((x) => x !== null).map((x) => [x.id, x]));
      const students = new Map((await db.students.getMany(schoolId, [...cases.values()].map((x) => x.studentId))).map((s) => [s.id, s]));
      const opens = await caseOpener(db, p, schoolId);
      const items = referrals
        .filter((r) => {
          const k = cases.get(r.caseId);
          return k !== undefined && opens(k, students.get(k.studentId) ?? null);
        })
        .map((r) => ({
          id: r.id, caseId: r.caseId, studentName: students.get(cases.get(r.caseId)!.studentId)?.name ?? '', status: r.status, statusLabel: REFERRAL_STATUS_LABELS[r.status],
          sentAt: r.sentAt.toISOString(), updatedAt: r.updatedAt.toISOString(), feedback: r.status === 'completed' && r.outcomeReport !== null,
        }));
      return c.json({ ...partnerView(row), referrals: items, counts }, 200);
    })
    .openapi(update, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const phone = phoneOf(body.phone);
      const patch = {
        ...(body.name !== undefined ? { name: body.name } : {}), ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(body.address !== undefined ? { address: blankToNull(body.address) ?? null } : {}), ...(body.contactPerson !== undefined ? { contactPerson: blankToNull(body.contactPerson) ?? null } : {}),
        ...(phone !== undefined ? { phone } : {}), ...(body.services !== undefined ? { services: blankToNull(body.services) ?? null } : {}), ...(body.active !== undefined ? { active: body.active } : {}),
      };
      const r = await db.registers.updatePartner(schoolId, c.req.valid('param').id, patch, { actorId: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error);
      return c.json(partnerView(r.value), 200);
    });
}

/**
 * A referral's target from the partner it picks (`POST /api/cases/{id}/referrals` with `partnerId`):
 * the partner must be an active one of the school (422 otherwise); its name is the target's name,
 * its kind the target unless one is given. Without a partner, the typed target and name as they are.
 */
export async function referralTarget(
  db: ApiContext['db'], schoolId: string, body: { partnerId?: string | undefined; target?: ReferralTargetCode | undefined; targetName?: string | undefined },
): Promise<{ target: ReferralTargetCode; targetName: string; partnerId: string | null }> {
  if (!body.partnerId) return { target: body.target!, targetName: body.targetName!, partnerId: null };
  const partner = await db.registers.getPartner(schoolId, body.partnerId);
  if (!partner) throw failWith(422, 'partner_not_found', { id: 'Mitra rujukan tidak ditemukan di daftar mitra sekolah ini.', en: 'No such referral partner in this school’s register.' }, { field: 'partnerId' });
  if (!partner.active) throw failWith(422, 'partner_inactive', { id: `Mitra rujukan "${partner.name}" tidak aktif; pilih mitra yang aktif.`, en: `Referral partner "${partner.name}" is not active; pick an active one.` }, { field: 'partnerId' });
  return { target: body.target ?? PARTNER_REFERRAL_TARGET[partner.kind], targetName: partner.name, partnerId: partner.id };
}
type ReferralTargetCode = 'psychologist' | 'psychiatrist' | 'doctor' | 'police' | 'social_services' | 'puskesmas' | 'other';
