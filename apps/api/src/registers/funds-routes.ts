/**
 * Orang tua asuh, donors and the fund ledger (issue 15), mounted under `/api`:
 * - `GET /registers/sponsors`, `POST /registers/sponsors`, `PATCH /registers/sponsors/{id}`:
 *   foster parents and donors (person or organisation, phone normalised `08…` → `62…`),
 *   what they pledged (amount per month or once, to which student, from–until), active or ended;
 * - `GET /registers/funds` (`?open=true` for a step's picker): the funds with their balances;
 *   `POST /registers/funds`: a new fund, optionally tied to a sponsor;
 * - `PATCH /registers/funds/{id}`: rename, describe, close or reopen a fund (a closed fund keeps
 *   its ledger and balance, takes no donation and no disbursement, and is left out of a step's picker);
 * - `GET /registers/funds/{id}`: the fund's ledger (donations in, disbursements out) with its balance;
 * - `POST /registers/funds/{id}/donations`: a donation in, with the next `BKM-<year>-NNNN` receipt;
 * - `GET /cases/{id}/disbursements`: what was paid out for one case (its page's "Bantuan dana"),
 *   with the total; fund readers who may open the case, 404 otherwise (as the case itself).
 * Disbursements are not posted here: the funding and foster-parent steps of a
 * case pay them out with their event (`@jalur/cases` registers/fund-effects.ts).
 * The kepsek and guru BK write; the Satgas (tim) reads; wali kelas and dinas
 * none. School-scoped; a student's name is shown only to whoever may open
 * their case.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { canOpenCase, type Localized } from '@jalur/casework';
import {
  formatRupiah, FUND_SOURCES, FUND_STATUSES, PLEDGE_PERIODS, SPONSOR_KINDS, SPONSOR_PARTIES, SPONSOR_STATUSES,
  type DbError, type FundEntryRow, type FundRow, type FundWithBalance, type JalurDb, type SponsorRow,
} from '@jalur/db';
import { displayPhone } from '@jalur/documents';
import type { MiddlewareHandler } from 'hono';
import { requireAuth, schoolOf } from '../auth/middleware.ts';
import { loadCase } from '../casework/access.ts';
import { failWith } from '../casework/http.ts';
import type { ApiContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { createOnce } from '../http/idempotent-create.ts';
import { createRouter, type AppEnv, type Principal } from '../http/router.ts';
import { dateSchema, dateTimeSchema, errorResponses, idempotencyHeaderSchema, idParamsSchema, json, jsonBody, localizedSchema, replayableJson } from '../schemas/common.ts';
import { phoneOf } from './partners-routes.ts';

export const FUND_WRITERS = ['kepsek', 'guru_bk'] as const;
export const FUND_READERS = ['kepsek', 'guru_bk', 'tim'] as const;

export const SPONSOR_KIND_LABELS: Record<SponsorRow['kind'], Localized> = {
  orang_tua_asuh: { id: 'Orang tua asuh', en: 'Foster parent' },
  donatur: { id: 'Donatur', en: 'Donor' },
};
export const SPONSOR_PARTY_LABELS: Record<SponsorRow['party'], Localized> = {
  person: { id: 'Perorangan', en: 'Person' },
  organisation: { id: 'Lembaga', en: 'Organisation' },
};
export const PLEDGE_PERIOD_LABELS: Record<NonNullable<SponsorRow['pledgePeriod']>, Localized> = {
  monthly: { id: 'per bulan', en: 'per month' },
  once: { id: 'sekali', en: 'once' },
};
export const SPONSOR_STATUS_LABELS: Record<SponsorRow['status'], Localized> = {
  active: { id: 'Aktif', en: 'Active' },
  ended: { id: 'Berakhir', en: 'Ended' },
};
export const FUND_SOURCE_LABELS: Record<FundRow['source'], Localized> = {
  orang_tua_asuh: { id: 'Orang tua asuh', en: 'Foster parent' },
  donatur: { id: 'Donatur', en: 'Donor' },
  alumni: { id: 'Alumni', en: 'Alumni' },
  komite: { id: 'Komite sekolah', en: 'School committee' },
  csr: { id: 'CSR perusahaan', en: 'Company CSR' },
  sekolah: { id: 'Kas sekolah', en: 'School funds' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

const labelled = <K extends string>(keys: readonly K[], labels: Record<K, Localized>) => keys.map((key) => ({ key, label: labels[key] }));
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
/** Integer rupiah (no sen), above 0. */
const rupiah = z.number().int().positive().max(9_999_999_999_999).openapi({ example: 1_500_000, description: 'Rupiah bulat / whole rupiah' });
const named = z.object({ id: z.string(), name: z.string() });
const choice = <K extends string>(keys: readonly [K, ...K[]]) => z.array(z.object({ key: z.enum(keys), label: localizedSchema }));

const sponsorSchema = z.object({
  id: z.string(), kind: z.enum(SPONSOR_KINDS), kindLabel: localizedSchema, party: z.enum(SPONSOR_PARTIES), partyLabel: localizedSchema, name: z.string(),
  phone: z.string().nullable().openapi({ description: '62… digits' }), phoneDisplay: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable(),
  pledge: z.object({
    amount: z.number().int().nullable(), amountText: z.string().nullable(), period: z.enum(PLEDGE_PERIODS).nullable(), periodLabel: z.union([localizedSchema, z.null()]),
    from: dateSchema.nullable(), until: dateSchema.nullable(),
    /** The student the pledge is for; `name` null when the caller may not open their case. */
    student: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  }),
  status: z.enum(SPONSOR_STATUSES), statusLabel: localizedSchema, notes: z.string().nullable(),
  funds: z.array(z.object({ id: z.string(), name: z.string(), balance: z.number().int(), balanceText: z.string() })),
  createdAt: dateTimeSchema, updatedAt: dateTimeSchema,
}).openapi('Sponsor');
const sponsorListSchema = z.object({
  items: z.array(sponsorSchema), kinds: choice(SPONSOR_KINDS), parties: choice(SPONSOR_PARTIES), periods: choice(PLEDGE_PERIODS), statuses: choice(SPONSOR_STATUSES),
  /** The school's students a pledge may name (writers only; empty otherwise). */
  students: z.array(z.object({ id: z.string(), name: z.string(), className: z.string() })),
  canWrite: z.boolean(),
}).openapi('SponsorList');
const sponsorBody = z.object({
  kind: z.enum(SPONSOR_KINDS), party: z.enum(SPONSOR_PARTIES), name: text(200).min(1), phone: optionalText(40), email: z.email().max(200).nullable().optional(), address: optionalText(500),
  pledgeAmount: rupiah.nullable().optional(), pledgePeriod: z.enum(PLEDGE_PERIODS).nullable().optional(), pledgeStudentId: z.string().min(1).max(100).nullable().optional(),
  pledgeFrom: dateSchema.nullable().optional(), pledgeUntil: dateSchema.nullable().optional(), status: z.enum(SPONSOR_STATUSES).optional(), notes: optionalText(2000),
}).strict();
const sponsorCreate = sponsorBody.openapi('SponsorRequest');
const sponsorPatch = sponsorBody.partial().strict().refine((b) => Object.keys(b).length > 0, { message: 'Tidak ada yang diubah / nothing to change' }).openapi('SponsorPatch');

const fundSchema = z.object({
  id: z.string(), name: z.string(), source: z.enum(FUND_SOURCES), sourceLabel: localizedSchema, sponsor: named.nullable(), description: z.string().nullable(),
  status: z.enum(FUND_STATUSES), totalIn: z.number().int(), totalOut: z.number().int(), balance: z.number().int(),
  /** `Rp 1.500.000`. */
  balanceText: z.string(), createdAt: dateTimeSchema,
}).openapi('Fund');
const fundListSchema = z.object({
  items: z.array(fundSchema), sources: choice(FUND_SOURCES), sponsors: z.array(named), canWrite: z.boolean(),
}).openapi('FundList');
const entrySchema = z.object({
  id: z.string(), direction: z.enum(['in', 'out']), directionLabel: localizedSchema, amount: z.number().int(), amountText: z.string(), date: dateSchema,
  receiptNumber: z.string(), sponsor: named.nullable(),
  /** A disbursement's student: `name` null when the caller may not open the case; `erased` when the student was erased (the amount stays). */
  student: z.object({ name: z.string().nullable(), caseId: z.string().nullable(), erased: z.boolean() }).nullable(),
  /** The step whose event paid it out. */
  step: z.union([localizedSchema, z.null()]), note: z.string().nullable(), recordedBy: z.string().nullable(), recordedAt: dateTimeSchema,
}).openapi('FundEntry');
const ledgerSchema = fundSchema.extend({ entries: z.array(entrySchema), canWrite: z.boolean() }).openapi('FundLedger');
const fundCreate = z.object({ name: text(200).min(1), source: z.enum(FUND_SOURCES), sponsorId: z.string().min(1).max(100).nullable().optional(), description: optionalText(1000) }).strict().openapi('FundRequest');
const fundPatch = z.object({
  name: text(120).min(1, { message: 'Nama dana wajib diisi / the fund needs a name' }),
  description: optionalText(1000),
  status: z.enum(FUND_STATUSES),
}).partial().strict().refine((b) => Object.keys(b).length > 0, { message: 'Tidak ada yang diubah / nothing to change' }).openapi('FundPatch');
const donationBody = z.object({ amount: rupiah, date: dateSchema, sponsorId: z.string().min(1).max(100).nullable().optional(), note: optionalText(1000) }).strict().openapi('DonationRequest');
const donationSchema = z.object({ entry: entrySchema, fund: fundSchema }).openapi('Donation');
const caseDisbursementSchema = z.object({
  id: z.string(), date: dateSchema, fund: named, amount: z.number().int(), amountText: z.string().openapi({ example: 'Rp 1.500.000' }),
  receiptNumber: z.string().openapi({ example: 'BKK-2026-0001' }),
  /** The step whose event paid it out. */
  step: localizedSchema, recordedBy: z.string().nullable(), recordedAt: dateTimeSchema,
}).openapi('CaseDisbursement');
const caseDisbursementListSchema = z.object({
  items: z.array(caseDisbursementSchema), total: z.number().int(), totalText: z.string(),
}).openapi('CaseDisbursementList');

const READ = errorResponses(400, 401, 403);
const WRITE = errorResponses(400, 401, 403, 404, 409, 413, 422);
const listSponsors = createRoute({
  method: 'get', path: '/registers/sponsors', tags: ['registers'], summary: 'Orang tua asuh dan donatur / foster parents and donors',
  request: { query: z.object({ status: z.enum(SPONSOR_STATUSES).optional(), kind: z.enum(SPONSOR_KINDS).optional() }) },
  responses: { 200: json(sponsorListSchema, 'Orang tua asuh dan donatur'), ...READ },
});
const createSponsor = createRoute({
  method: 'post', path: '/registers/sponsors', tags: ['registers'], summary: 'Tambah orang tua asuh/donatur / add a foster parent or donor',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(sponsorCreate) },
  responses: { 201: replayableJson(sponsorSchema, 'Baru / new'), ...WRITE },
});
const updateSponsor = createRoute({
  method: 'patch', path: '/registers/sponsors/{id}', tags: ['registers'], summary: 'Ubah orang tua asuh/donatur / change a foster parent or donor',
  request: { params: idParamsSchema, body: jsonBody(sponsorPatch) },
  responses: { 200: json(sponsorSchema, 'Diubah / changed'), ...WRITE },
});
const listFunds = createRoute({
  method: 'get', path: '/registers/funds', tags: ['registers'], summary: 'Dana dan saldonya / funds with their balances',
  description: '`?open=true`: hanya dana yang terbuka (pilihan langkah) / open funds only (a step’s picker).',
  request: { query: z.object({ open: z.enum(['true', 'false']).optional() }) },
  responses: { 200: json(fundListSchema, 'Dana'), ...READ },
});
const createFund = createRoute({
  method: 'post', path: '/registers/funds', tags: ['registers'], summary: 'Buat dana / create a fund',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(fundCreate) },
  responses: { 201: replayableJson(fundSchema, 'Dana baru / new fund'), ...WRITE },
});
const updateFund = createRoute({
  method: 'patch', path: '/registers/funds/{id}', tags: ['registers'], summary: 'Ubah nama, tutup atau buka kembali dana / rename, close or reopen a fund',
  description: 'Dana yang ditutup tetap menyimpan buku kas dan saldonya, tetapi tidak menerima donasi maupun penyaluran; dapat dibuka kembali. / A closed fund keeps its ledger and balance but takes no donation or disbursement; it can be reopened.',
  request: { params: idParamsSchema, body: jsonBody(fundPatch) },
  responses: { 200: json(fundSchema, 'Diubah / changed'), ...WRITE },
});
const getLedger = createRoute({
  method: 'get', path: '/registers/funds/{id}', tags: ['registers'], summary: 'Buku kas satu dana / a fund’s ledger',
  request: { params: idParamsSchema },
  responses: { 200: json(ledgerSchema, 'Buku kas'), ...errorResponses(400, 401, 403, 404) },
});
const addDonation = createRoute({
  method: 'post', path: '/registers/funds/{id}/donations', tags: ['registers'], summary: 'Catat donasi masuk (kuitansi BKM) / record a donation (BKM receipt)',
  request: { params: idParamsSchema, headers: idempotencyHeaderSchema, body: jsonBody(donationBody) },
  responses: { 201: replayableJson(donationSchema, 'Donasi tercatat / recorded'), ...WRITE },
});

const caseDisbursements = createRoute({
  method: 'get', path: '/cases/{id}/disbursements', tags: ['registers'], summary: 'Bantuan dana yang disalurkan untuk kasus ini / aid paid out for a case',
  description: 'Penyaluran dari buku kas dana untuk kasus ini, terlama dulu, dengan jumlahnya. Pembaca buku kas (kepsek, guru BK, Satgas) yang boleh membuka kasusnya. / The fund ledger’s disbursements for this case, oldest first, with their total; for fund readers who may open the case.',
  request: { params: idParamsSchema },
  responses: { 200: json(caseDisbursementListSchema, 'Bantuan dana kasus'), ...errorResponses(400, 401, 403, 404) },
});

function mayRead(p: Principal): void {
  if (!(FUND_READERS as readonly string[]).includes(p.role)) throw forbidden({ allowedRoles: [...FUND_READERS] });
}
function mayWrite(p: Principal): void {
  if (!(FUND_WRITERS as readonly string[]).includes(p.role)) throw forbidden({ allowedRoles: [...FUND_WRITERS] });
}
const canWrite = (p: Principal) => (FUND_WRITERS as readonly string[]).includes(p.role);

/** A repository refusal in the caller's language: `invalid` → 422 on its field, `conflict` → 409, `not_found` → 404. */
function refused(error: DbError): Error {
  const [id, en] = error.message.split(' / ');
  const message = { id: id ?? error.message, en: en ?? id ?? error.message };
  const details = error.details && typeof error.details === 'object' ? error.details : undefined;
  if (error.code === 'not_found') return notFound();
  if (error.code === 'conflict') return failWith(409, 'duplicate', message, details);
  if (error.code === 'forbidden') return forbidden();
  return failWith(422, error.code === 'invalid' ? 'invalid' : error.code, message, details);
}

const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v);

const DIRECTION_LABELS = { in: { id: 'Donasi masuk', en: 'Donation in' }, out: { id: 'Penyaluran', en: 'Disbursement' } } as const;

/** Who may see which student (the rule of `loadCase`), memoised for one request. */
function studentNames(db: JalurDb, p: Principal, schoolId: string) {
  let mine: Promise<Set<string>> | null = null;
  const tasksOf = () => (mine ??= p.role === 'tim' ? db.tasks.list(schoolId, { assigneeId: p.userId, status: 'open' }).then((ts) => new Set(ts.map((t) => t.caseId))) : Promise.resolve(new Set<string>()));
  const viewer = { id: p.userId, role: p.role, className: p.className };
  const students = new Map<string, Promise<{ name: string; className: string } | null>>();
  const studentOf = (id: string) => {
    if (!students.has(id)) students.set(id, db.students.get(schoolId, id).then((s) => (s ? { name: s.name, className: s.className } : null)));
    return students.get(id)!;
  };
  return {
    /** The student's name when the caller may open `caseRow` (or, without a case, is kepsek or guru BK). */
    async nameFor(studentId: string, caseRow: { id: string; assigneeId: string | null } | null): Promise<string | null> {
      const s = await studentOf(studentId);
      if (!s) return null;
      if (!caseRow) return p.role === 'kepsek' || p.role === 'guru_bk' ? s.name : null;
      const open = canOpenCase(viewer, { assigneeId: caseRow.assigneeId, studentClassName: s.className, taskAssigneeIds: (await tasksOf()).has(caseRow.id) ? [p.userId] : [] });
      return open ? s.name : null;
    },
  };
}

export function fundRoutes(ctx: ApiContext) {
  const { db, clock, compiled } = ctx;
  const router = createRouter();
  const auth: MiddlewareHandler<AppEnv> = requireAuth(ctx);
  for (const path of ['/registers/sponsors', '/registers/sponsors/*', '/registers/funds', '/registers/funds/*', '/cases/:id/disbursements']) router.use(path, async (c, next) => (c.get('principal') ? next() : auth(c, next)));

  const userNames = new Map<string, Promise<string | null>>();
  const userName = (id: string | null) => {
    if (!id) return Promise.resolve(null);
    if (!userNames.has(id)) userNames.set(id, db.users.get(id).then((u) => u?.name ?? null));
    return userNames.get(id)!;
  };
  const fundView = (f: FundWithBalance, sponsors: ReadonlyMap<string, SponsorRow>) => ({
    id: f.id, name: f.name, source: f.source, sourceLabel: FUND_SOURCE_LABELS[f.source], sponsor: f.sponsorId && sponsors.has(f.sponsorId) ? { id: f.sponsorId, name: sponsors.get(f.sponsorId)!.name } : null,
    description: f.description, status: f.status, totalIn: f.totalIn, totalOut: f.totalOut, balance: f.balance, balanceText: formatRupiah(f.balance), createdAt: f.createdAt.toISOString(),
  });
  const sponsorMap = async (schoolId: string) => new Map((await db.funds.listSponsors(schoolId)).map((s) => [s.id, s]));
  const sponsorView = async (s: SponsorRow, funds: readonly FundWithBalance[], names: ReturnType<typeof studentNames>) => ({
    id: s.id, kind: s.kind, kindLabel: SPONSOR_KIND_LABELS[s.kind], party: s.party, partyLabel: SPONSOR_PARTY_LABELS[s.party], name: s.name,
    phone: s.phone, phoneDisplay: s.phone ? displayPhone(s.phone) : null, email: s.email, address: s.address,
    pledge: {
      amount: s.pledgeAmount, amountText: s.pledgeAmount === null ? null : formatRupiah(s.pledgeAmount), period: s.pledgePeriod, periodLabel: s.pledgePeriod ? PLEDGE_PERIOD_LABELS[s.pledgePeriod] : null,
      from: s.pledgeFrom, until: s.pledgeUntil, student: s.pledgeStudentId ? { id: s.pledgeStudentId, name: await names.nameFor(s.pledgeStudentId, null) } : null,
    },
    status: s.status, statusLabel: SPONSOR_STATUS_LABELS[s.status], notes: s.notes,
    funds: funds.filter((f) => f.sponsorId === s.id).map((f) => ({ id: f.id, name: f.name, balance: f.balance, balanceText: formatRupiah(f.balance) })),
    createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
  });
  const stepTitle = async (schoolId: string, e: FundEntryRow): Promise<Localized | null> => {
    if (e.direction !== 'out') return null;
    const fallback = { id: 'Penyaluran bantuan', en: 'Aid paid out' };
    if (!e.caseId || !e.stepId) return fallback;
    const row = await db.cases.get(schoolId, e.caseId);
    const version = row ? await compiled.byId(row.pathwayVersionId) : null;
    const meta = version?.compiled.steps.get(e.stepId);
    return meta ? { id: meta.title.id, en: meta.title.en ?? meta.title.id } : fallback;
  };
  const entryView = async (schoolId: string, e: FundEntryRow, sponsors: ReadonlyMap<string, SponsorRow>, names: ReturnType<typeof studentNames>) => {
    let student: { name: string | null; caseId: string | null; erased: boolean } | null = null;
    if (e.direction === 'out') {
      if (!e.studentId) student = { name: null, caseId: null, erased: true };
      else {
        const row = e.caseId ? await db.cases.get(schoolId, e.caseId) : null;
        const name = await names.nameFor(e.studentId, row ? { id: row.id, assigneeId: row.assigneeId } : null);
        student = { name, caseId: name !== null ? e.caseId : null, erased: false };
      }
    }
    return {
      id: e.id, direction: e.direction, directionLabel: DIRECTION_LABELS[e.direction], amount: e.amount, amountText: formatRupiah(e.amount), date: e.entryDate, receiptNumber: e.receiptNumber,
      sponsor: e.sponsorId && sponsors.has(e.sponsorId) ? { id: e.sponsorId, name: sponsors.get(e.sponsorId)!.name } : null,
      student, step: await stepTitle(schoolId, e), note: e.note, recordedBy: await userName(e.recordedBy), recordedAt: e.recordedAt.toISOString(),
    };
  };

  return router
    .openapi(listSponsors, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const q = c.req.valid('query');
      const [rows, funds] = await Promise.all([db.funds.listSponsors(schoolId, { ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}) }), db.funds.listFunds(schoolId)]);
      const names = studentNames(db, p, schoolId);
      const students = canWrite(p) ? (await db.students.list(schoolId)).filter((s) => s.status === 'active').map((s) => ({ id: s.id, name: s.name, className: s.className })) : [];
      return c.json({
        items: await Promise.all(rows.map((s) => sponsorView(s, funds, names))),
        kinds: labelled(SPONSOR_KINDS, SPONSOR_KIND_LABELS), parties: labelled(SPONSOR_PARTIES, SPONSOR_PARTY_LABELS), periods: labelled(PLEDGE_PERIODS, PLEDGE_PERIOD_LABELS),
        statuses: labelled(SPONSOR_STATUSES, SPONSOR_STATUS_LABELS), students, canWrite: canWrite(p),
      }, 200);
    })
    .openapi(createSponsor, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const phone = phoneOf(body.phone);
      const names = studentNames(db, p, schoolId);
      // The stored answer is built inside the transaction (no reads there): the new sponsor has no funds yet.
      const view = (s: SponsorRow) => ({
        id: s.id, kind: s.kind, kindLabel: SPONSOR_KIND_LABELS[s.kind], party: s.party, partyLabel: SPONSOR_PARTY_LABELS[s.party], name: s.name, phone: s.phone,
        phoneDisplay: s.phone ? displayPhone(s.phone) : null, email: s.email, address: s.address,
        pledge: { amount: s.pledgeAmount, amountText: s.pledgeAmount === null ? null : formatRupiah(s.pledgeAmount), period: s.pledgePeriod, periodLabel: s.pledgePeriod ? PLEDGE_PERIOD_LABELS[s.pledgePeriod] : null, from: s.pledgeFrom, until: s.pledgeUntil, student: null as { id: string; name: string | null } | null },
        status: s.status, statusLabel: SPONSOR_STATUS_LABELS[s.status], notes: s.notes, funds: [] as { id: string; name: string; balance: number; balanceText: string }[],
        createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
      });
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/sponsors', path: '/api/registers/sponsors', body, view },
        (opts) => db.funds.createSponsor(schoolId, {
          kind: body.kind, party: body.party, name: body.name, phone: phone ?? null, email: blank(body.email) ?? null, address: blank(body.address) ?? null,
          pledgeAmount: body.pledgeAmount ?? null, pledgePeriod: body.pledgePeriod ?? null, pledgeStudentId: body.pledgeStudentId ?? null,
          pledgeFrom: body.pledgeFrom ?? null, pledgeUntil: body.pledgeUntil ?? null, ...(body.status ? { status: body.status } : {}), notes: blank(body.notes) ?? null,
        }, opts),
        refused,
      );
      if ('replay' in r) return c.json(r.replay, 201);
      const out = view(r.value);
      if (r.value.pledgeStudentId) out.pledge.student = { id: r.value.pledgeStudentId, name: await names.nameFor(r.value.pledgeStudentId, null) };
      return c.json(out, 201);
    })
    .openapi(updateSponsor, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const phone = phoneOf(body.phone);
      const r = await db.funds.updateSponsor(schoolId, c.req.valid('param').id, {
        ...body, ...(phone !== undefined ? { phone } : {}), ...(body.email !== undefined ? { email: blank(body.email) ?? null } : {}),
        ...(body.address !== undefined ? { address: blank(body.address) ?? null } : {}), ...(body.notes !== undefined ? { notes: blank(body.notes) ?? null } : {}),
      }, { actorId: p.userId, now: clock.now() });
      if (!r.ok) throw refused(r.error);
      return c.json(await sponsorView(r.value, await db.funds.listFunds(schoolId), studentNames(db, p, schoolId)), 200);
    })
    .openapi(listFunds, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const open = c.req.valid('query').open === 'true';
      const [funds, sponsors] = await Promise.all([db.funds.listFunds(schoolId, open ? { status: 'open' } : {}), sponsorMap(schoolId)]);
      return c.json({
        items: funds.map((f) => fundView(f, sponsors)), sources: labelled(FUND_SOURCES, FUND_SOURCE_LABELS),
        sponsors: [...sponsors.values()].map((s) => ({ id: s.id, name: s.name })), canWrite: canWrite(p),
      }, 200);
    })
    .openapi(createFund, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const sponsors = await sponsorMap(schoolId);
      const view = (f: FundRow) => fundView({ ...f, totalIn: 0, totalOut: 0, balance: 0 }, sponsors);
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/funds', path: '/api/registers/funds', body, view },
        (opts) => db.funds.createFund(schoolId, { name: body.name, source: body.source, sponsorId: body.sponsorId ?? null, description: blank(body.description) ?? null }, opts),
        refused,
      );
      return c.json('replay' in r ? r.replay : view(r.value), 201);
    })
    .openapi(updateFund, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const r = await db.funds.updateFund(schoolId, c.req.valid('param').id, {
        ...(body.name !== undefined ? { name: body.name } : {}), ...(body.description !== undefined ? { description: blank(body.description) ?? null } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
      }, { actorId: p.userId, now: clock.now() });
      if (!r.ok) throw refused(r.error);
      const fund = await db.funds.getFund(schoolId, r.value.id);
      if (!fund) throw notFound();
      return c.json(fundView(fund, await sponsorMap(schoolId)), 200);
    })
    .openapi(getLedger, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const fund = await db.funds.getFund(schoolId, c.req.valid('param').id);
      if (!fund) throw notFound();
      const [entries, sponsors] = await Promise.all([db.funds.ledger(schoolId, fund.id), sponsorMap(schoolId)]);
      const names = studentNames(db, p, schoolId);
      const views = [];
      for (const e of entries.reverse()) views.push(await entryView(schoolId, e, sponsors, names));
      return c.json({ ...fundView(fund, sponsors), entries: views, canWrite: canWrite(p) }, 200);
    })
    .openapi(addDonation, async (c) => {
      const p = c.var.principal;
      mayWrite(p);
      const schoolId = schoolOf(p);
      const fundId = c.req.valid('param').id;
      const body = c.req.valid('json');
      const fund = await db.funds.getFund(schoolId, fundId);
      if (!fund) throw notFound();
      const sponsors = await sponsorMap(schoolId);
      const recorder = await userName(p.userId);
      // The stored answer is built inside the transaction: the fund's totals after this donation, no reads.
      const view = (e: FundEntryRow) => ({
        entry: {
          id: e.id, direction: e.direction, directionLabel: DIRECTION_LABELS[e.direction], amount: e.amount, amountText: formatRupiah(e.amount), date: e.entryDate, receiptNumber: e.receiptNumber,
          sponsor: e.sponsorId && sponsors.has(e.sponsorId) ? { id: e.sponsorId, name: sponsors.get(e.sponsorId)!.name } : null, student: null, step: null, note: e.note, recordedBy: recorder,
          recordedAt: e.recordedAt.toISOString(),
        },
        fund: fundView({ ...fund, totalIn: fund.totalIn + e.amount, balance: fund.balance + e.amount }, sponsors),
      });
      const r = await createOnce(
        c, { actorId: p.userId, now: clock.now(), key: c.req.valid('header')['idempotency-key'], route: 'POST /api/registers/funds/:id/donations', path: `/api/registers/funds/${fundId}/donations`, body, view },
        (opts) => db.funds.addDonation(schoolId, { fundId, amount: body.amount, date: body.date, sponsorId: body.sponsorId ?? null, note: blank(body.note) ?? null }, opts),
        refused,
      );
      if ('replay' in r) return c.json(r.replay, 201);
      const after = await db.funds.getFund(schoolId, fundId);
      return c.json({ entry: view(r.value).entry, fund: fundView(after ?? fund, sponsors) }, 201);
    })
    .openapi(caseDisbursements, async (c) => {
      const p = c.var.principal;
      mayRead(p);
      const schoolId = schoolOf(p);
      const { row } = await loadCase(db, p, schoolId, c.req.valid('param').id);
      const [entries, funds] = await Promise.all([db.funds.entriesForCase(schoolId, row.id), db.funds.listFunds(schoolId)]);
      const fundNames = new Map(funds.map((f) => [f.id, f.name]));
      const items = [];
      for (const e of entries) {
        if (e.direction !== 'out') continue;
        items.push({
          id: e.id, date: e.entryDate, fund: { id: e.fundId, name: fundNames.get(e.fundId) ?? '—' }, amount: e.amount, amountText: formatRupiah(e.amount), receiptNumber: e.receiptNumber,
          step: (await stepTitle(schoolId, e)) ?? { id: 'Penyaluran bantuan', en: 'Aid paid out' }, recordedBy: await userName(e.recordedBy), recordedAt: e.recordedAt.toISOString(),
        });
      }
      const total = items.reduce((sum, x) => sum + x.amount, 0);
      return c.json({ items, total, totalText: formatRupiah(total) }, 200);
    });
}
