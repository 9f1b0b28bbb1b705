/**
 * The Satgas registers (issue 15): referral partners, peer counsellors and
 * their supervision sessions, group counselling sessions. Same rules as every
 * repository: school-scoped (another school's row is `null` / `not_found`),
 * errors are values, one transaction per write with its audit row, an
 * optional Idempotency-Key stored with the write. Who may see a session's
 * notes or a member's name is the caller's business (confidentiality of
 * notes, `@jalur/casework`).
 */
import type { InferSelectModel } from 'drizzle-orm';
import type * as s from './schema/index.ts';
import type { DbResult } from './result.ts';
import type { IdempotencyRequest } from './case-unit.ts';

export type ReferralPartnerRow = InferSelectModel<typeof s.referralPartners>;
export type PeerCounsellorRow = InferSelectModel<typeof s.peerCounsellors>;
export type PeerSupervisionRow = InferSelectModel<typeof s.peerSupervisions>;
export type GroupSessionRow = InferSelectModel<typeof s.groupSessions>;
export type PartnerKindCode = ReferralPartnerRow['kind'];

/** A supervision session with the counsellors who were there. */
export type PeerSupervision = PeerSupervisionRow & { counsellorIds: string[] };
/** A group session with its members (a case and its student each). */
export type GroupSession = GroupSessionRow & { members: { caseId: string; studentId: string }[] };

export interface PartnerFields {
  name: string;
  kind: PartnerKindCode;
  address?: string | null;
  contactPerson?: string | null;
  /** Already normalised (`62…`) by the caller. */
  phone?: string | null;
  services?: string | null;
  active?: boolean;
}

export interface CounsellorFields {
  trainedOn?: string | null;
  trainingName?: string | null;
  trainingOrganiser?: string | null;
  /** A live staff member of the school (`invalid` otherwise). */
  supervisorId?: string | null;
  active?: boolean;
}

export interface WriteOptions<T> {
  actorId: string;
  now: Date;
  idempotency?: IdempotencyRequest<T>;
}

export interface RegistersRepo {
  listPartners(schoolId: string, filter?: { active?: boolean }): Promise<ReferralPartnerRow[]>;
  getPartner(schoolId: string, id: string): Promise<ReferralPartnerRow | null>;
  /** Audited `register.partner_add`. */
  addPartner(schoolId: string, input: PartnerFields, opts: WriteOptions<ReferralPartnerRow>): Promise<DbResult<ReferralPartnerRow>>;
  /** Changes the given fields; `not_found` outside the school. Audited `register.partner_update`. */
  updatePartner(schoolId: string, id: string, patch: Partial<PartnerFields>, opts: { actorId: string; now: Date }): Promise<DbResult<ReferralPartnerRow>>;

  listCounsellors(schoolId: string, filter?: { active?: boolean }): Promise<PeerCounsellorRow[]>;
  getCounsellor(schoolId: string, id: string): Promise<PeerCounsellorRow | null>;
  /** `invalid` for a student of another school or an erased one, or a supervisor who is not live staff; `conflict` when the student is already registered. Audited `register.peer_add`. */
  addCounsellor(schoolId: string, input: CounsellorFields & { studentId: string }, opts: WriteOptions<PeerCounsellorRow>): Promise<DbResult<PeerCounsellorRow>>;
  /** Audited `register.peer_update`. */
  updateCounsellor(schoolId: string, id: string, patch: CounsellorFields, opts: { actorId: string; now: Date }): Promise<DbResult<PeerCounsellorRow>>;

  /** `invalid` when a counsellor is not of the school, or the supervisor is not live staff. Audited `register.supervision_add`. */
  addSupervision(
    schoolId: string,
    input: { heldOn: string; supervisorId: string; counsellorIds: readonly string[]; notes?: string | null; confidentiality: PeerSupervisionRow['confidentiality'] },
    opts: WriteOptions<PeerSupervision>,
  ): Promise<DbResult<PeerSupervision>>;
  /** Newest first; with `counsellorId`, only the sessions they were at. */
  listSupervisions(schoolId: string, filter?: { counsellorId?: string }): Promise<PeerSupervision[]>;

  /** `invalid` when a case is not an open case of the school, or fewer than two distinct members. Audited `register.group_session_add`. */
  addGroupSession(
    schoolId: string,
    input: { heldOn: string; topic: string; summary?: string | null; confidentiality: GroupSessionRow['confidentiality']; caseIds: readonly string[] },
    opts: WriteOptions<GroupSession>,
  ): Promise<DbResult<GroupSession>>;
  /** Newest first; with `caseId`, only the sessions that case was a member of. */
  listGroupSessions(schoolId: string, filter?: { caseId?: string }): Promise<GroupSession[]>;
  getGroupSession(schoolId: string, id: string): Promise<GroupSession | null>;
}
