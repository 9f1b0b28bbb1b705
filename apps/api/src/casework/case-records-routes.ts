/**
 * What people record on a case: notes with confidentiality, parental
 * consents (which also update the case context the engine's
 * `consent.<purpose>` guards read), referrals and their lifecycle, and home
 * visit / case conference / counseling session records. Responses never
 * contain content the caller may not see; reading a `rahasia` note is audited.
 */
import {
  consentSchema, CONFIDENTIALITY_LEVELS, moveReferral, newCaseRecordSchema, REFERRAL_TARGETS, writableLevels,
  type ReferralAction,
} from '@jalur/casework';
import type { CaseRecordRow, ConsentRow, NoteRow, ReferralRow } from '@jalur/db';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { UserNames } from '../cases/people.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { AppEnv, Principal } from '../http/router.ts';
import { loadCase } from './access.ts';
import { authOnce, ensureRole, failWith, idParam, jsonBody, queryOf, schoolIdOf } from './http.ts';
import { idempotencyFor, idempotencyKeyOf, replay } from './idempotency.ts';

const noteBody = z.object({ body: z.string().trim().min(1).max(20_000), confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('umum') });
const referralBody = z.object({ target: z.enum(REFERRAL_TARGETS), targetName: z.string().trim().min(1).max(200), reason: z.string().trim().min(1).max(4000) });
const referralMoveBody = z.object({ reason: z.string().trim().max(4000).optional(), outcomeReport: z.string().trim().max(20_000).optional() });
const recordsQuery = z.object({ kind: z.enum(['home_visit', 'case_conference', 'counseling_session']).optional() });

const noteView = (n: NoteRow, author: { id: string; name: string } | null) => ({
  id: n.id, caseId: n.caseId, body: n.body, confidentiality: n.confidentiality, author: author ?? { id: n.authorId, name: '' }, createdAt: n.createdAt.toISOString(),
});
const consentView = (r: ConsentRow) => ({
  id: r.id, caseId: r.caseId, purpose: r.purpose, givenBy: r.givenBy, relationship: r.relationship, method: r.method, granted: r.granted,
  givenAt: r.givenAt.toISOString(), recordedBy: r.recordedBy, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null,
});
export const referralView = (r: ReferralRow) => ({
  id: r.id, caseId: r.caseId, target: r.target, targetName: r.targetName, reason: r.reason, status: r.status, rejectionReason: r.rejectionReason,
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

  const onCase = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .get('/:id/opening', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      return c.json({ indicatorsAtOpen: (row.indicatorsAtOpen ?? null) as { flags?: { reason?: { id: string; en?: string }; level?: string; ruleKey?: string | null }[]; facts?: Record<string, unknown> } | null }, 200);
    })
    .get('/:id/notes', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      const r = await db.notes.list(schoolId, row.id, viewer(p), clock.now());
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      const items = [];
      for (const n of r.value) items.push(noteView(n, await names.ref(schoolId, n.authorId)));
      return c.json({ items }, 200);
    })
    .post('/:id/notes', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      const body = await jsonBody(c, noteBody);
      if (!writableLevels(p.role).includes(body.confidentiality))
        throw new ApiError(403, 'confidentiality_not_allowed', 'forbidden', { allowed: writableLevels(p.role) }, { id: `Peran Anda hanya boleh menulis catatan ${writableLevels(p.role).join('/') || '—'}.`, en: `Your role may only write ${writableLevels(p.role).join('/') || 'no'} notes.` });
      const author = { id: p.userId, name: p.name };
      const idem = idempotencyFor<NoteRow>(p.userId, idempotencyKeyOf(c), 'POST /api/cases/:id/notes', `/api/cases/${row.id}/notes`, body, (n) => noteView(n, author));
      const r = await db.notes.add(schoolId, { caseId: row.id, authorId: p.userId, body: body.body, confidentiality: body.confidentiality, now: clock.now(), ...(idem ? { idempotency: idem } : {}) });
      if (!r.ok) {
        if (r.error.code === 'idempotency_replay') return replay(c, r.error);
        throw fromDbError(r.error, 'case_not_found');
      }
      return c.json(noteView(r.value, author), 201);
    })
    .get('/:id/consents', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      return c.json({ items: (await db.consents.list(schoolId, row.id)).map(consentView) }, 200);
    })
    .post('/:id/consents', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek', 'wali_kelas');
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      const body = await jsonBody(c, consentSchema);
      const now = clock.now();
      const consent = {
        purpose: body.purpose, givenBy: body.givenBy, relationship: body.relationship ?? null, method: body.method,
        granted: body.granted, givenAt: new Date(body.givenAt), recordedBy: p.userId,
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
    .get('/:id/referrals', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      if (p.role === 'wali_kelas' || p.role === 'tim') return c.json({ items: (await db.referrals.list(schoolId, { caseId: row.id })).map((r) => ({ id: r.id, target: r.target, status: r.status, sentAt: r.sentAt.toISOString() })) }, 200);
      return c.json({ items: (await db.referrals.list(schoolId, { caseId: row.id })).map(referralView) }, 200);
    })
    .post('/:id/referrals', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      const body = await jsonBody(c, referralBody);
      if (!(await db.consents.has(schoolId, row.id, 'referral')))
        throw failWith(422, 'consent_required', { id: 'Rujukan memerlukan persetujuan orang tua/wali yang tercatat.', en: 'A referral needs a recorded parent/guardian consent.' }, { purpose: 'referral' });
      const r = await db.referrals.create(schoolId, { caseId: row.id, target: body.target, targetName: body.targetName, reason: body.reason, sentBy: p.userId, now: clock.now() });
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      return c.json(referralView(r.value), 201);
    })
    .get('/:id/records', async (c) => {
      const p = c.var.principal;
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      const q = queryOf(c, recordsQuery);
      const r = await db.caseRecords.list(schoolId, row.id, viewer(p), q.kind ? { kind: q.kind } : undefined);
      if (!r.ok) throw fromDbError(r.error, 'case_not_found');
      return c.json({ items: r.value.map(recordView) }, 200);
    })
    .post('/:id/records', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek', 'wali_kelas', 'tim');
      const schoolId = schoolIdOf(p);
      const { row } = await loadCase(db, p, schoolId, idParam(c));
      const body = await jsonBody(c, newCaseRecordSchema);
      const allowed = writableLevels(p.role);
      // A wali kelas or task-force member writes visit reports their colleagues can read: `umum`.
      const confidentiality = allowed.includes(body.confidentiality) ? body.confidentiality : allowed[0];
      if (!confidentiality) throw forbidden();
      if ((p.role === 'wali_kelas' || p.role === 'tim') && body.kind === 'case_conference') throw forbidden();
      const occurredAt = new Date(body.data.date);
      const idem = idempotencyFor<CaseRecordRow>(p.userId, idempotencyKeyOf(c), 'POST /api/cases/:id/records', `/api/cases/${row.id}/records`, body, recordView);
      const r = await db.caseRecords.add(schoolId, {
        caseId: row.id, kind: body.kind, data: body.data as Record<string, unknown>, confidentiality, occurredAt, recordedBy: p.userId, now: clock.now(),
        ...(idem ? { idempotency: idem } : {}),
      });
      if (!r.ok) {
        if (r.error.code === 'idempotency_replay') return replay(c, r.error);
        throw fromDbError(r.error, 'case_not_found');
      }
      return c.json(recordView(r.value), 201);
    });

  const move = (action: ReferralAction) => async (c: Context<AppEnv>) => {
    const p = c.var.principal;
    ensureRole(p, 'guru_bk', 'kepsek');
    const schoolId = schoolIdOf(p);
    const id = idParam(c);
    const body = await jsonBody(c, referralMoveBody);
    const ref = await db.referrals.get(schoolId, id);
    if (!ref) throw notFound();
    await loadCase(db, p, schoolId, ref.caseId);
    const next = moveReferral(ref.status, action, body);
    if (!next.ok) throw failWith(422, 'referral_transition_invalid', next.message, { status: ref.status, action });
    const r = await db.referrals.transition(schoolId, id, { to: next.to, reason: body.reason ?? null, outcomeReport: body.outcomeReport ?? null, actorId: p.userId, now: clock.now() });
    if (!r.ok) throw fromDbError(r.error);
    return c.json(referralView(r.value), 200);
  };

  const referrals = new Hono<AppEnv>()
    .use('*', authOnce(ctx))
    .get('/', async (c) => {
      const p = c.var.principal;
      ensureRole(p, 'guru_bk', 'kepsek');
      const q = queryOf(c, z.object({ status: z.enum(['sent', 'accepted', 'rejected', 'completed']).optional() }));
      return c.json({ items: (await db.referrals.list(schoolIdOf(p), q.status ? { status: q.status } : {})).map(referralView) }, 200);
    })
    .post('/:id/accept', move('accept'))
    .post('/:id/reject', move('reject'))
    .post('/:id/complete', move('complete'));

  return { onCase, referrals };
}
