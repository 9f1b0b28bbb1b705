/**
 * The BK paperwork (issue 15), mounted under `/api`:
 * - `GET/PUT /school/profile`, `GET/PUT/DELETE /school/logo`: the letterhead
 *   (kepsek writes; every staff member reads);
 * - `GET /school/staff`, `PUT /school/staff/{id}/nip`: NIPs for signature blocks (kepsek);
 * - `GET /cases/{id}/documents`: what can be generated and the register of what was;
 * - `POST /cases/{id}/documents` `{ kind, subjectId? }`: one numbered PDF,
 *   made from the case's records within the caller's confidentiality level
 *   and audited (`document.generate`).
 */
import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, nomorSurat, partsOf, readImage, renderDocument, type DocumentKind } from '@jalur/documents';
import { requireAuth, requireRole, schoolOf } from '../auth/middleware.ts';
import { loadCase } from '../casework/access.ts';
import { failWith } from '../casework/http.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { dateTimeSchema, errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import { CaseMaterial, documentInput, LETTER_KINDS, letterheadOf, SubjectNotFound } from './case-documents.ts';
import { familyRoutes } from './family-routes.ts';

/** The largest logo accepted (decoded bytes). */
export const MAX_LOGO_BYTES = 512 * 1024;
const LOGO_TYPES = { 'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/jpeg': [0xff, 0xd8, 0xff] } as const;
type LogoType = keyof typeof LOGO_TYPES;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const profileSchema = z.object({
  schoolName: z.string(),
  npsn: z.string().nullable(),
  authority: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  letterCode: z.string().nullable(),
  hasLogo: z.boolean(),
  logoMime: z.string().nullable(),
  updatedAt: dateTimeSchema.nullable(),
}).openapi('SchoolProfile');
const profileBody = z.object({
  authority: optionalText(300),
  address: optionalText(300),
  city: optionalText(100),
  phone: optionalText(50),
  email: z.email().max(200).nullable().optional(),
  website: optionalText(200),
  letterCode: z.string().trim().max(24).regex(/^[A-Za-z0-9.-]*$/, 'letterCode').nullable().optional(),
}).strict();
const staffNipSchema = z.object({ id: z.string(), name: z.string(), role: z.string(), nip: z.string().nullable() });
const nipBody = z.object({ nip: z.string().regex(/^\d{18}$/, 'NIP: 18 angka / 18 digits').nullable() }).strict();
const kindSchema = z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]);
const issuedSchema = z.object({ id: z.string(), kind: kindSchema, number: z.string(), generatedAt: dateTimeSchema, generatedBy: z.object({ id: z.string(), name: z.string() }), withRahasia: z.boolean() });
const availableSchema = z.object({
  kind: kindSchema, title: z.object({ id: z.string(), en: z.string() }), needsSubject: z.boolean(),
  subjects: z.array(z.object({ id: z.string(), label: z.string() })),
});
const generateBody = z.object({ kind: kindSchema, subjectId: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/).optional() }).strict();
const pdf = {
  description: 'PDF bernomor sebagai unduhan / the numbered PDF as a download',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
  headers: z.object({
    'Content-Disposition': z.string().openapi({ example: 'attachment; filename="buku-kasus-001-BK-BKS-SKA-XII-2026.pdf"' }),
    'X-Document-Number': z.string().openapi({ example: '001/BK-BKS/SKA/XII/2026' }),
  }),
};
const image = { description: 'Logo', content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) }, 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } };

const getProfileRoute = createRoute({
  method: 'get', path: '/school/profile', tags: ['documents'], summary: 'Kop surat sekolah / the school letterhead',
  responses: { 200: json(profileSchema, 'Kop surat'), ...errorResponses(401, 403) },
});
const putProfileRoute = createRoute({
  method: 'put', path: '/school/profile', tags: ['documents'], summary: 'Ubah kop surat (kepsek) / edit the letterhead',
  request: { body: jsonBody(profileBody) },
  responses: { 200: json(profileSchema, 'Kop surat'), ...errorResponses(400, 401, 403, 413) },
});
const getLogoRoute = createRoute({
  method: 'get', path: '/school/logo', tags: ['documents'], summary: 'Logo sekolah / the school logo',
  responses: { 200: image, ...errorResponses(401, 403, 404) },
});
const putLogoRoute = createRoute({
  method: 'put', path: '/school/logo', tags: ['documents'], summary: 'Unggah logo (PNG/JPEG, ≤ 512 KB, kepsek) / upload the logo',
  request: { body: { required: true, ...image } },
  responses: { 200: json(profileSchema, 'Kop surat'), ...errorResponses(400, 401, 403, 413, 415) },
});
const deleteLogoRoute = createRoute({
  method: 'delete', path: '/school/logo', tags: ['documents'], summary: 'Hapus logo (kepsek) / remove the logo',
  responses: { 200: json(profileSchema, 'Kop surat'), ...errorResponses(401, 403, 413) },
});
const staffRoute = createRoute({
  method: 'get', path: '/school/staff', tags: ['documents'], summary: 'NIP staf (kepsek) / staff NIPs',
  responses: { 200: json(z.object({ items: z.array(staffNipSchema) }), 'Staf'), ...errorResponses(401, 403) },
});
const nipRoute = createRoute({
  method: 'put', path: '/school/staff/{id}/nip', tags: ['documents'], summary: 'Ubah NIP staf (kepsek) / set a staff NIP',
  request: { params: idParamsSchema, body: jsonBody(nipBody) },
  responses: { 200: json(staffNipSchema, 'Staf'), ...errorResponses(400, 401, 403, 404, 413) },
});
const listRoute = createRoute({
  method: 'get', path: '/cases/{id}/documents', tags: ['documents'], summary: 'Dokumen kasus / the case’s documents',
  request: { params: idParamsSchema },
  responses: { 200: json(z.object({ available: z.array(availableSchema), issued: z.array(issuedSchema) }), 'Dokumen'), ...errorResponses(400, 401, 403, 404) },
});
const generateRoute = createRoute({
  method: 'post', path: '/cases/{id}/documents', tags: ['documents'], summary: 'Buat dokumen PDF bernomor / generate a numbered PDF',
  request: { params: idParamsSchema, body: jsonBody(generateBody) },
  responses: { 200: pdf, ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});

function profileView(school: { name: string; npsn: string | null } | null, p: Awaited<ReturnType<ApiContext['db']['paperwork']['getSchoolProfile']>>) {
  return {
    schoolName: school?.name ?? '', npsn: school?.npsn ?? null, authority: p?.authority ?? null, address: p?.address ?? null, city: p?.city ?? null, phone: p?.phone ?? null,
    email: p?.email ?? null, website: p?.website ?? null, letterCode: p?.letterCode ?? null, hasLogo: !!p?.logo, logoMime: p?.logoMime ?? null, updatedAt: p?.updatedAt.toISOString() ?? null,
  };
}

/** A file name safe in a Content-Disposition header. */
const fileName = (kind: DocumentKind, number: string) => `${kind.replace(/_/g, '-')}-${number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;

export function documentRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  const auth = requireAuth(ctx);
  for (const path of ['/school/*', '/cases/:id/documents', '/cases/:id/family', '/cases/:id/family/*']) {
    router.use(path, async (c, next) => (c.get('principal') ? next() : auth(c, next)));
  }
  const kepsekOnly = requireRole('kepsek');
  router.use('/school/staff', kepsekOnly);
  router.use('/school/staff/*', kepsekOnly);
  const staffOnly = (role: string) => {
    if (role === 'admin_dinas') throw forbidden();
  };

  const profile = async (schoolId: string) => profileView(await db.schools.get(schoolId), await db.paperwork.getSchoolProfile(schoolId));

  const routes = router
    .openapi(getProfileRoute, async (c) => {
      const p = c.var.principal;
      staffOnly(p.role);
      return c.json(await profile(schoolOf(p)), 200);
    })
    .openapi(putProfileRoute, async (c) => {
      const p = c.var.principal;
      if (p.role !== 'kepsek') throw forbidden({ allowedRoles: ['kepsek'] });
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const clean = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && v.trim() === '' ? null : v]));
      // Nothing asked to change: nothing written (and nothing audited).
      if (Object.keys(clean).length > 0) await db.paperwork.setSchoolProfile(schoolId, clean, { actorId: p.userId, now: clock.now() });
      return c.json(await profile(schoolId), 200);
    })
    .openapi(getLogoRoute, async (c) => {
      const p = c.var.principal;
      staffOnly(p.role);
      const row = await db.paperwork.getSchoolProfile(schoolOf(p));
      if (!row?.logo || !row.logoMime) throw notFound();
      return c.body(new Uint8Array(Buffer.from(row.logo, 'base64')), 200, { 'content-type': row.logoMime, 'cache-control': 'no-store' });
    })
    .openapi(putLogoRoute, async (c) => {
      const p = c.var.principal;
      if (p.role !== 'kepsek') throw forbidden({ allowedRoles: ['kepsek'] });
      const schoolId = schoolOf(p);
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(type in LOGO_TYPES)) {
        throw failWith(415, 'unsupported_media_type', { id: 'Logo harus berupa gambar PNG atau JPEG.', en: 'The logo must be a PNG or JPEG image.' }, { accepted: Object.keys(LOGO_TYPES) });
      }
      const declared = Number(c.req.header('content-length') ?? '0');
      if (declared > MAX_LOGO_BYTES) throw failWith(413, 'logo_too_large', { id: 'Logo terlalu besar (maksimal 512 KB).', en: 'The logo is too large (at most 512 KB).' }, { maxBytes: MAX_LOGO_BYTES });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > MAX_LOGO_BYTES) throw failWith(413, 'logo_too_large', { id: 'Logo terlalu besar (maksimal 512 KB).', en: 'The logo is too large (at most 512 KB).' }, { maxBytes: MAX_LOGO_BYTES });
      const magic = LOGO_TYPES[type as LogoType];
      if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b) || !readImage(bytes)) {
        throw failWith(400, 'invalid_image', { id: 'Berkas bukan gambar PNG/JPEG yang dapat dibaca.', en: 'The file is not a readable PNG/JPEG image.' });
      }
      await db.paperwork.setSchoolProfile(schoolId, { logo: { base64: Buffer.from(bytes).toString('base64'), mime: type as LogoType } }, { actorId: p.userId, now: clock.now() });
      return c.json(await profile(schoolId), 200);
    })
    .openapi(deleteLogoRoute, async (c) => {
      const p = c.var.principal;
      if (p.role !== 'kepsek') throw forbidden({ allowedRoles: ['kepsek'] });
      const schoolId = schoolOf(p);
      if ((await db.paperwork.getSchoolProfile(schoolId))?.logo) await db.paperwork.setSchoolProfile(schoolId, { logo: null }, { actorId: p.userId, now: clock.now() });
      return c.json(await profile(schoolId), 200);
    })
    .openapi(staffRoute, async (c) => {
      const schoolId = schoolOf(c.var.principal);
      const nips = new Map((await db.paperwork.listStaffProfiles(schoolId)).map((s) => [s.userId, s.nip]));
      const users = await db.users.listBySchool(schoolId);
      return c.json({ items: users.filter((u) => u.disabledAt === null).map((u) => ({ id: u.id, name: u.name, role: u.role, nip: nips.get(u.id) ?? null })) }, 200);
    })
    .openapi(nipRoute, async (c) => {
      const p = c.var.principal;
      const schoolId = schoolOf(p);
      const { id } = c.req.valid('param');
      const r = await db.paperwork.setStaffNip(schoolId, id, c.req.valid('json').nip, { actorId: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error);
      const u = await db.users.get(id);
      return c.json({ id, name: u?.name ?? '', role: u?.role ?? '', nip: r.value.nip }, 200);
    })
    .openapi(listRoute, async (c) => {
      const p = c.var.principal;
      staffOnly(p.role);
      const schoolId = schoolOf(p);
      const { row, student } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const m = await CaseMaterial.load(ctx, p, schoolId, row, student);
      const subjects = m.subjects();
      const names = new Map<string, string>();
      const issued = [];
      for (const d of await db.paperwork.listDocuments(schoolId, row.id)) {
        if (!names.has(d.generatedBy)) names.set(d.generatedBy, (await db.users.get(d.generatedBy))?.name ?? '');
        issued.push({ id: d.id, kind: d.kind, number: d.number, generatedAt: d.generatedAt.toISOString(), generatedBy: { id: d.generatedBy, name: names.get(d.generatedBy)! }, withRahasia: d.withRahasia });
      }
      return c.json({
        available: DOCUMENT_KINDS.map((kind) => ({ kind, title: DOCUMENT_TITLES[kind], needsSubject: subjects[kind] !== null, subjects: subjects[kind] ?? [] })),
        issued,
      }, 200);
    })
    .openapi(generateRoute, async (c) => {
      const p = c.var.principal;
      staffOnly(p.role);
      const schoolId = schoolOf(p);
      const { kind, subjectId } = c.req.valid('json');
      const { row, student } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      if (LETTER_KINDS.includes(kind) && p.role !== 'guru_bk' && p.role !== 'kepsek') throw forbidden({ allowedRoles: ['guru_bk', 'kepsek'] });
      const m = await CaseMaterial.load(ctx, p, schoolId, row, student);
      const options = m.subjects()[kind];
      if (options !== null) {
        if (!subjectId) {
          throw failWith(400, 'subject_required', { id: 'Pilih catatan, langkah, rujukan atau pertemuan yang menjadi isi dokumen ini.', en: 'Choose the record, step, referral or meeting this document is about.' }, { kind });
        }
        if (!options.some((o) => o.id === subjectId)) throw new ApiError(404, 'not_found', 'not_found', { subjectId });
      }
      const { letterhead, place, code } = await letterheadOf(db, schoolId);
      const year = partsOf(clock.now()).year;
      // Each lost race means another request took a number: with up to eight at once every request gets one.
      for (let attempt = 0; attempt < 8; attempt++) {
        const now = clock.now();
        const parts = partsOf(now);
        const seq = await db.paperwork.nextSeq(schoolId, year, kind);
        const number = nomorSurat({ seq, kind, schoolCode: code, month: parts.month, year });
        let made;
        try {
          made = await documentInput(ctx, p, schoolId, m, kind, options === null ? null : subjectId!, { letterhead, place, number, issuedOn: now });
        } catch (err) {
          if (err instanceof SubjectNotFound) throw new ApiError(404, 'not_found', 'not_found', { subjectId });
          throw err;
        }
        const bytes = await renderDocument(made.input);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const issued = await db.paperwork.issueDocument(schoolId, {
          caseId: row.id, kind, year, seq, number, subjectId: subjectId ?? null, recipient: made.recipient, withRahasia: made.usedRahasia, sha256, generatedBy: p.userId, now,
          details: { bytes: bytes.length },
        });
        if (!issued.ok) {
          if (issued.error.code === 'conflict') continue;
          throw fromDbError(issued.error);
        }
        return c.body(new Uint8Array(bytes), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName(kind, number)}"`,
          'x-document-number': number,
          'x-document-id': issued.value.id,
          'cache-control': 'no-store',
        });
      }
      throw new ApiError(409, 'number_conflict', 'invalid_request', undefined, { id: 'Nomor dokumen sedang dipakai. Coba lagi.', en: 'The document number is busy. Try again.' });
    });

  return routes.route('/', familyRoutes(ctx));
}
