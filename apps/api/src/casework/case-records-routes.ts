/**
 * What people record on a case: notes with confidentiality, parental
 * consents (which also update the case context the engine's
 * `consent.<purpose>` guards read), referrals and their lifecycle, and home
 * visit / case conference / counseling session records. Responses never
 * contain content the caller may not see; reading a `rahasia` note is audited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { moveReferral, writableLevels, type ReferralAction } from '@jalur/casework';
import type { CaseRecordRow, ConsentRow, NoteRow, ReferralRow } from '@jalur/db';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { UserNames } from '../cases/people.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { createRouter, type AppEnv, type Principal } from '../http/router.ts';

/** The case of a `/:id/…` route, loaded (with access checked) before the body is read. */
type CaseEnv = AppEnv & { Variables: { visible?: VisibleCase } };
import {
  caseOpeningSchema, caseRecordSchema, consentBodySchema, consentRecordedSchema, consentSchema, noteBodySchema, noteSchema, recordBodySchema,
  recordsQuerySchema, referralBodySchema, referralCompleteBodySchema, referralListQuerySchema, referralRejectBodySchema, referralSchema,
  referralSummarySchema,
} from '../schemas/casework.ts';
import { errorResponses, idempotencyHeaderSchema, idParamsSchema, idSchema, json, jsonBody, replayableJson } from '../schemas/common.ts';
import { loadCase, type VisibleCase } from './access.ts';
import { failWith } from './http.ts';
import { idempotencyFor, replayed } from './idempotency.ts';
import { referralTarget } from '../registers/partners-routes.ts';

const READ_ERRORS = errorResponses(400, 401, 403, 404);
const list = <T extends z.ZodType>(item: T, name: string) => z.object({ items: z.array(item) }).openapi(name);

const opening = createRoute({
  method: 'get', path: '/{id}/opening', tags: ['case records'], summary: 'Indikator saat kasus dibuka / indicators that opened the case',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema },
  responses: { 200: json(caseOpeningSchema, 'Indikator / indicators'), ...READ_ERRORS },
});
const listNotes = createRoute({
  method: 'get', path: '/{id}/notes', tags: ['case records'], summary: 'Catatan yang boleh dilihat / the notes the caller may see',
  description: 'Setiap pembacaan catatan `rahasia` dicatat di log audit / every read of a `rahasia` note is audited.',
  request: { params: idParamsSchema },
  responses: { 200: json(list(noteSchema, 'NoteList'), 'Catatan'), ...READ_ERRORS },
});
const addNote = createRoute({
  method: 'post', path: '/{id}/notes', tags: ['case records'], summary: 'Tambah catatan / add a note',
  description: 'Wali kelas dan tim hanya `umum` (403 `confidentiality_not_allowed`) / a wali kelas or tim member writes `umum` only.',
  request: { params: idParamsSchema, headers: idempotencyHeaderSchema, body: jsonBody(noteBodySchema) },
  responses: { 201: replayableJson(noteSchema, 'Catatan baru / the new note'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const listConsents = createRoute({
  method: 'get', path: '/{id}/consents', tags: ['case records'], summary: 'Persetujuan orang tua / consents',
  request: { params: idParamsSchema },
  responses: { 200: json(list(consentSchema, 'ConsentList'), 'Persetujuan'), ...READ_ERRORS },
});
const addConsent = createRoute({
  method: 'post', path: '/{id}/consents', tags: ['case records'], summary: 'Catat persetujuan (memperbarui konteks kasus) / record a consent (updates the case context)',
  middleware: [requireRole('guru_bk', 'kepsek', 'wali_kelas')] as const,
  request: { params: idParamsSchema, body: jsonBody(consentBodySchema) },
  responses: { 201: json(consentRecordedSchema, 'Tercatat / recorded'), ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});
const listCaseReferrals = createRoute({
  method: 'get', path: '/{id}/referrals', tags: ['referrals'], summary: 'Rujukan kasus / a case’s referrals',
  description: 'Wali kelas dan tim melihat ringkasan saja / a wali kelas or tim member sees a summary only (`ReferralSummary`).',
  request: { params: idParamsSchema },
  responses: { 200: json(list(z.union([referralSchema, referralSummarySchema]), 'CaseReferralList'), 'Rujukan'), ...READ_ERRORS },
});
const sendReferral = createRoute({
  method: 'post', path: '/{id}/referrals', tags: ['referrals'], summary: 'Kirim rujukan (perlu persetujuan) / send a referral (needs consent)',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(referralBodySchema) },
  responses: { 201: json(referralSchema, 'Rujukan terkirim / sent'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const listRecords = createRoute({
  method: 'get', path: '/{id}/records', tags: ['case records'], summary: 'Kunjungan rumah, konferensi, sesi / activity records',
  description: 'Setiap pembacaan catatan `rahasia` dicatat di log audit (`case.read_confidential`) / every read of a `rahasia` record is audited.',
  request: { params: idParamsSchema, query: recordsQuerySchema },
  responses: { 200: json(list(caseRecordSchema, 'CaseRecordList'), 'Catatan kegiatan'), ...READ_ERRORS },
});
const addRecord = createRoute({
  method: 'post', path: '/{id}/records', tags: ['case records'], summary: 'Catat kegiatan / add a record',
  middleware: [requireRole('guru_bk', 'kepsek', 'wali_kelas', 'tim')] as const,
  request: { params: idParamsSchema, headers: idempotencyHeaderSchema, body: jsonBody(recordBodySchema) },
  responses: { 201: replayableJson(caseRecordSchema, 'Tercatat / recorded'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
const listReferrals = createRoute({
  method: 'get', path: '/', tags: ['referrals'], summary: 'Rujukan sekolah / the school’s referrals',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { query: referralListQuerySchema },
  responses: { 200: json(list(referralSchema, 'ReferralList'), 'Rujukan'), ...errorResponses(400, 401, 403) },
});
const MOVE_ERRORS = errorResponses(400, 401, 403, 404, 413, 422);
const acceptReferral = createRoute({
  method: 'post', path: '/{id}/accept', tags: ['referrals'], summary: 'Rujukan diterima / accepted',
  description: 'Tanpa isi permintaan / no request body.',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema },
  responses: { 200: json(referralSchema, 'Rujukan'), ...MOVE_ERRORS },
});
const rejectReferral = createRoute({
  method: 'post', path: '/{id}/reject', tags: ['referrals'], summary: 'Rujukan ditolak (alasan) / rejected (reason)',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(referralRejectBodySchema) },
  responses: { 200: json(referralSchema, 'Rujukan'), ...MOVE_ERRORS },
});
const completeReferral = createRoute({
  method: 'post', path: '/{id}/complete', tags: ['referrals'], summary: 'Rujukan selesai (laporan hasil) / completed (outcome report)',
  middleware: [requireRole('guru_bk', 'kepsek')] as const,
  request: { params: idParamsSchema, body: jsonBody(referralCompleteBodySchema) },
  responses: { 200: json(referralSchema, 'Rujukan'), ...MOVE_ERRORS },
});

const noteView = (n: NoteRow, author: { id: string; name: string } | null) => ({
  id: n.id, caseId: n.caseId, body: n.body, confidentiality: n.confidentiality, author: author ?? { id: n.authorId, name: '' }, createdAt: n.createdAt.toISOString(),
});
const consentView = (r: ConsentRow) => ({
  id: r.id, caseId: r.caseId, purpose: r.purpose, givenBy: r.givenBy, relationship: r.relationship, method: r.method as z.infer<typeof consentSchema>['method'], granted: r.granted,
  givenAt: r.givenAt.toISOString(), recordedBy: r.recordedBy, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null,
});
export const referralView = (r: ReferralRow) => ({
  id: r.id, caseId: r.caseId, target: r.target, targetName: r.targetName, partnerId: r.partnerId, reason: r.reason, status: r.status, rejectionReason: r.rejectionReason,
  outcomeReport: r.outcomeReport, sentBy: r.sentBy, sentAt: r.sentAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});
const recordView = (r: CaseRecordRow) => ({
  id: r.id, caseId: r.caseId, kind: r.kind, data: r.data, confidentiality: r.confidentiality, occurredAt: r.occurredAt.toISOString(),
  recordedBy: r.recordedBy, createdAt: r.createdAt.toISOString(),
});

/** `/api/cases/:id/{notes,consents,referrals,records}` and `/api/referrals/:id/...`. */
export function caseRecordRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const names = new UserNames(db, clock);
  const viewer = (p: Principal) => ({ id: p.userId, role: p.role });

  const caseRouter = createRouter<CaseEnv>();
  caseRouter.use('*', requireAuth(ctx));
  // Whoever may not see the case gets 404 before anything about the request is judged; a malformed id is left to the params schema (400).
  caseRouter.use(
    '/:id/*',
    createMiddleware<CaseEnv>(async (c, next) => {
      const id = c.req.param('id');
      if (id !== undefined && idSchema.safeParse(id).success) c.set('visible', await loadCase(db, c.var.principal, schoolOf(c.var.principal), id));
      await next();
    }),
  );
  /** The case loaded by the middleware above. */
  const caseOf = async (c: Context<CaseEnv>, id: string): Promise<VisibleCase> => c.var.visible ?? loadCase(db, c.var.principal, schoolOf(c.var.principal), id);
  const onCase = caseRouter
    .openapi(opening, async (c) => {
      const p = c.var.principal;
      const { row } = await caseOf(c, c.req.valid('param').id);
      return c.json({ indicatorsAtOpen: (row.indicatorsAtOpen ?? null) as z.infer<typeof caseOpeningSchema>['indicatorsAtOpen'] }, 200);
    })
    .openapi(listNotes, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const r = await db.notes.list(schoolId, row.id, viewer(p), clock.now());
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      const items = [];
      for (const n of r.value) items.push(noteView(n, await names.ref(schoolId, n.authorId)));
      return c.json({ items }, 200);
    })
    .openapi(addNote, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      if (!writableLevels(p.role).includes(body.confidentiality))
        throw new ApiError(403, 'confidentiality_not_allowed', 'forbidden', { allowed: writableLevels(p.role) }, { id: `Peran Anda hanya boleh menulis catatan ${writableLevels(p.role).join('/') || '—'}.`, en: `Your role may only write ${writableLevels(p.role).join('/') || 'no'} notes.` });
      const author = { id: p.userId, name: p.name };
      const idem = idempotencyFor<NoteRow>(p.userId, c.req.valid('header')['idempotency-key'], 'POST /api/cases/:id/notes', `/api/cases/${row.id}/notes`, body, (n) => noteView(n, author));
      const r = await db.notes.add(schoolId, { caseId: row.id, authorId: p.userId, body: body.body, confidentiality: body.confidentiality, now: clock.now(), ...(idem ? { idempotency: idem } : {}) });
      if (!r.ok) {
        if (r.error.code === 'idempotency_replay') return c.json(replayed<ReturnType<typeof noteView>>(c, r.error), 201);
        throw fromDbError(r.error, 'case_not_found');
      }
      return c.json(noteView(r.value, author), 201);
    })
    .openapi(listConsents, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      return c.json({ items: (await db.consents.list(schoolId, row.id)).map(consentView) }, 200);
    })
    .openapi(addConsent, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const now = clock.now();
      const consent = {
        purpose: body.purpose, givenBy: body.givenBy, relationship: body.relationship ?? null, method: body.method,
        granted: body.granted, givenAt: instantOf(body.givenAt), recordedBy: p.userId,
      };
      if (row.status === 'active') {
        // The consent row and the case context that the guards read, in one transaction.
        const change = await ctx.cases.recordConsent({ schoolId, caseId: row.id, consent, actor: { id: p.userId, role: p.role }, now });
        if (!change.ok) throw fromDbError(change.error, 'case_not_found');
        return c.json({ ...consentView(change.value.consent), caseVersion: change.value.case.version }, 201);
      }
      const r = await db.consents.add(schoolId, { ...consent, caseId: row.id, now });
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      return c.json({ ...consentView(r.value), caseVersion: row.version }, 201);
    })
    .openapi(listCaseReferrals, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const rows = await db.referrals.list(schoolId, { caseId: row.id });
      if (p.role === 'wali_kelas' || p.role === 'tim') return c.json({ items: rows.map((r) => ({ id: r.id, target: r.target, status: r.status, sentAt: r.sentAt.toISOString() })) }, 200);
      return c.json({ items: rows.map(referralView) }, 200);
    })
    .openapi(sendReferral, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      if (!(await db.consents.has(schoolId, row.id, 'referral')))
        throw failWith(422, 'consent_required', { id: 'Rujukan memerlukan persetujuan orang tua/wali yang tercatat.', en: 'A referral needs a recorded parent/guardian consent.' }, { purpose: 'referral' });
      // A partner picked from the school's register gives the target and its name (apps/api/src/registers/partners-routes.ts).
      const to = await referralTarget(db, schoolId, body);
      const r = await db.referrals.create(schoolId, { caseId: row.id, target: to.target, targetName: to.targetName, partnerId: to.partnerId, reason: body.reason, sentBy: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      return c.json(referralView(r.value), 201);
    })
    .openapi(listRecords, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const q = c.req.valid('query');
      const r = await db.caseRecords.list(schoolId, row.id, viewer(p), q.kind ? { kind: q.kind } : undefined);
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      // Every read of rahasia content leaves an audit row, as the notes and the case's form do.
      const rahasia = r.value.filter((x) => x.confidentiality === 'rahasia').map((x) => x.id);
      if (rahasia.length > 0) {
        await db.audit.record({ action: 'case.read_confidential', subject: `case:${row.id}`, actorId: p.userId, schoolId, at: clock.now(), details: { what: 'records', records: rahasia } });
      }
      return c.json({ items: r.value.map(recordView) }, 200);
    })
    .openapi(addRecord, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { row } = await caseOf(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const allowed = writableLevels(p.role);
      // A wali kelas or task-force member writes visit reports their colleagues can read: `umum`.
      const confidentiality = allowed.includes(body.confidentiality) ? body.confidentiality : allowed[0];
      if (!confidentiality) throw forbidden();
      if ((p.role === 'wali_kelas' || p.role === 'tim') && body.kind === 'case_conference') throw forbidden();
      const idem = idempotencyFor<CaseRecordRow>(p.userId, c.req.valid('header')['idempotency-key'], 'POST /api/cases/:id/records', `/api/cases/${row.id}/records`, body, recordView);
      const r = await db.caseRecords.add(schoolId, {
        caseId: row.id, kind: body.kind, data: body.data as Record<string, unknown>, confidentiality, occurredAt: instantOf(body.data.date), recordedBy: p.userId, now: clock.now(),
        ...(idem ? { idempotency: idem } : {}),
      });
      if (!r.ok) {
        if (r.error.code === 'idempotency_replay') return c.json(replayed<ReturnType<typeof recordView>>(c, r.error), 201);
        throw fromDbError(r.error, 'case_not_found');
      }
      return c.json(recordView(r.value), 201);
    });

  async function move(c: Context<AppEnv>, id: string, action: ReferralAction, body: { reason?: string; outcomeReport?: string }) {
    const p = c.var.principal;
    const schoolId = schoolOf(p);
    const ref = await db.referrals.get(schoolId, id);
    if (!ref) throw notFound();
    await loadCase(db, p, schoolId, ref.caseId);
    const next = moveReferral(ref.status, action, body);
    if (!next.ok) throw failWith(422, 'referral_transition_invalid', next.message, { status: ref.status, action });
    const r = await db.referrals.transition(schoolId, id, { to: next.to, reason: body.reason ?? null, outcomeReport: body.outcomeReport ?? null, actorId: p.userId, now: clock.now() });
    if (!r.ok) throw fromDbError(r.error);
    return referralView(r.value);
  }

  const referralRouter = createRouter();
  referralRouter.use('*', requireAuth(ctx));
  const referrals = referralRouter
    .openapi(listReferrals, async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: (await db.referrals.list(schoolOf(c.var.principal), q.status ? { status: q.status } : {})).map(referralView) }, 200);
    })
    .openapi(acceptReferral, async (c) => c.json(await move(c, c.req.valid('param').id, 'accept', {}), 200))
    .openapi(rejectReferral, async (c) => c.json(await move(c, c.req.valid('param').id, 'reject', c.req.valid('json')), 200))
    .openapi(completeReferral, async (c) => c.json(await move(c, c.req.valid('param').id, 'complete', c.req.valid('json')), 200));

  return { onCase, referrals };
}

/** A validated date (`YYYY-MM-DD`, read as midnight UTC) or date-time (UTC when it names no offset) as an instant. */
function instantOf(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}T[^Z+-]*$/.test(value) ? `${value}Z` : value);
}
