/**
 * The repository interface the API calls. Dialect-free: every function is
 * async (SQLite resolves synchronously-computed values; a PostgreSQL driver
 * can implement the same interface), every school-data read takes `schoolId`
 * and never returns another school's rows.
 */
import type {
  AdvanceCaseInput, AuditInput, CaseChange, CreateCaseInput, FireTimerInput, FireTimerOutcome, IdempotencyRequest, MigrateCaseInput,
} from './case-unit.ts';
import type BetterSqlite3 from 'better-sqlite3';
import type { Sql } from 'postgres';
import type { DbResult } from './result.ts';
import type * as R from './rows.ts';
import type { SessionLifetime } from './session-policy.ts';
import type { RoleGrant } from './roles.ts';
import type { LoginPolicy } from './login-policy.ts';
import type { ApprovalInput } from './approval.ts';
import type { PaperworkRepo } from './paperwork-repo.ts';
import type { SchoolYearRepo } from './school-year-repo.ts';
import type { FundsRepo } from './funds-repo.ts';
import type { RegistersRepo } from './registers-repo.ts';
import type { MeRepo } from './me-repo.ts';

/** Who is reading: decides which notes and records they see. */
export interface Viewer {
  id: string;
  role: R.UserRole;
}

/** Pathways are owned by a school, or (schoolId null) are district templates. */
export interface PathwayScope {
  districtId: string;
  /** The caller's school; null for a district admin (templates only). */
  schoolId: string | null;
}

/** A node of the oversight tree (a dinas: provinsi, cabang dinas, kabupaten or kota); rows of `districts`. */
export interface DistrictRepo {
  /** A root (`parentId` omitted) or a cabang dinas under its province; `kind` defaults to `kabupaten`. Throws for any other nesting (a bug). */
  create(input: { name: string; now: Date; id?: string; kind?: R.DistrictRow['kind']; parentId?: string | null }): Promise<R.DistrictRow>;
  get(id: string): Promise<R.DistrictRow | null>;
  list(): Promise<R.DistrictRow[]>;
  /** The node and every node below it (depth first is not promised), or `[]` for an unknown id. */
  subtree(id: string): Promise<R.DistrictRow[]>;
  /** The node and every node above it, nearest first (the node itself first), or `[]`. */
  ancestors(id: string): Promise<R.DistrictRow[]>;
}

/** A Satgas SRPS member with their account's name and email. */
export type TeamMember = R.TeamMemberRow & { name: string; email: string; disabled: boolean };

export interface SchoolRepo {
  /** Throws (a bug) when the node may not oversee a school of that level (oversight.ts: SD/SMP under a kabupaten/kota, SMA/SMK/SLB under a province or cabang dinas). */
  create(input: { districtId: string; name: string; npsn?: string | null; level?: R.SchoolRow['level']; programmes?: R.SchoolRow['programmes']; now: Date; id?: string }): Promise<R.SchoolRow>;
  get(id: string): Promise<R.SchoolRow | null>;
  listByDistrict(districtId: string): Promise<R.SchoolRow[]>;
  /** The schools overseen by `nodeId` or any node below it, by name. */
  listUnder(nodeId: string): Promise<R.SchoolRow[]>;
  /** The school's Satgas SRPS, by function then name. */
  team(schoolId: string): Promise<TeamMember[]>;
  /**
   * Adds a member in one function (`invalid` unless the user is live staff of
   * the school; `conflict` when they already serve in that function). Audited `team.add`.
   */
  addTeamMember(schoolId: string, input: { userId: string; function: R.TeamMemberRow['function']; duties?: string; actorId: string | null; now: Date }): Promise<DbResult<R.TeamMemberRow>>;
  /** Changes a member's duties; `not_found` outside the school. Audited `team.update`. */
  updateTeamMember(schoolId: string, id: string, input: { duties: string; actorId: string | null; now: Date }): Promise<DbResult<R.TeamMemberRow>>;
  /** `not_found` outside the school. Audited `team.remove`. */
  removeTeamMember(schoolId: string, id: string, input: { actorId: string | null; now: Date }): Promise<DbResult<R.TeamMemberRow>>;
  /**
   * Assigns an open step (task) to a Satgas function: every live member with
   * that function gets the step — the task itself goes to the first, a copy
   * (same case, step, title, roles and due date) to each other one who has
   * none open on that step — so each sees and may act on it, and leaving the
   * step closes them all. `not_found` for a task outside the school or not
   * open; `invalid` for an approval task or a function nobody holds.
   * Audited `task.assign_function`. Returns the step's tasks of those members.
   */
  assignTaskToFunction(schoolId: string, taskId: string, input: { function: R.TeamMemberRow['function']; actorId: string | null; now: Date }): Promise<DbResult<R.TaskRow[]>>;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: R.UserRole;
  /** Required for every role but `admin_dinas`. */
  schoolId: string | null;
  districtId: string;
  className?: string | null;
  /** Roles held besides `role` (e.g. a guru BK who is also wali kelas of `X-1`). */
  extraRoles?: readonly RoleGrant[];
  password: string;
  /** An existing `hashPassword` result to store instead of hashing `password` (bulk seeding, tests). */
  passwordHash?: string;
  now: Date;
}

/**
 * The accounts someone manages: the staff of a school with the given roles
 * (the kepsek), or the users of a district with the given roles (the
 * district admin: its schools' kepsek).
 */
export type AccountScope = { schoolId: string; districtId?: undefined; roles: readonly R.UserRole[] } | { districtId: string; schoolId?: undefined; roles: readonly R.UserRole[] };

export type ManagedUser = R.User & { schoolName: string | null };

export interface UserRepo {
  /** Hashes the password (scrypt); `conflict` when the email is taken. */
  create(input: NewUserInput): Promise<DbResult<R.User>>;
  get(id: string): Promise<R.User | null>;
  getByEmail(email: string): Promise<R.User | null>;
  /** Users of one school, optionally of one role. */
  listBySchool(schoolId: string, filter?: { role?: R.UserRole }): Promise<R.User[]>;
  /**
   * Checks email + password, always doing the scrypt work (against a dummy
   * hash for an unknown, disabled or locked email, so timing tells nothing).
   * Wrong passwords count per (email, `source`) — see login-policy.ts: after
   * `maxFailures` (5) that source is `locked` for `lockMs` (15 min) for that
   * email, known or not. `users.failed_logins` counts every failure
   * atomically. A hash below the current scrypt cost is replaced on success.
   * Writes `auth.login` / `auth.login_failed` / `auth.login_locked` audit rows.
   */
  authenticate(input: { email: string; password: string; now: Date; source?: string } & LoginPolicy): Promise<DbResult<R.User>>;
  /**
   * Changes the user's own password after checking the current one
   * (`invalid_credentials`); clears `mustChangePassword`, ends the user's
   * other sessions (all but `keepSessionId`), audits `user.password_change`.
   */
  changePassword(userId: string, input: { currentPassword: string; newPassword: string; now: Date; keepSessionId?: string | null }): Promise<DbResult<R.User>>;
  /** The accounts `scope` manages, by name, with their school's name. */
  listManaged(scope: AccountScope): Promise<ManagedUser[]>;
  /**
   * Sets a one-time password on an account of `scope` (`not_found` outside
   * it): the user must change it at the next login; their sessions end and
   * their lockouts clear. Audited `user.password_reset`.
   */
  resetPassword(scope: AccountScope, userId: string, input: { password: string; actorId: string; now: Date }): Promise<DbResult<R.User>>;
  /** Disables (sessions end, login refused) or enables an account of `scope`; audited `user.disable` / `user.enable`. */
  setDisabled(scope: AccountScope, userId: string, input: { disabled: boolean; actorId: string; now: Date }): Promise<DbResult<R.User>>;
  setPassword(userId: string, password: string): Promise<void>;
  /**
   * Changes a staff member's role (and class, for a wali kelas) within their
   * school: `not_found` for a user of another school, `invalid` for
   * `admin_dinas`. Writes a `user.role_change` audit row in the same transaction.
   */
  setRole(schoolId: string, userId: string, input: { role: Exclude<R.UserRole, 'admin_dinas'>; className?: string | null; actorId: string | null; now: Date }): Promise<DbResult<R.User>>;
  /** Every role the account holds, its first role first; `[]` for an unknown id. */
  roles(userId: string): Promise<RoleGrant[]>;
  /**
   * Replaces the roles of an account of `scope` (`not_found` outside it):
   * `invalid` for an empty list, a role the scope may not give, or a wali
   * kelas without a class. The first grant becomes the account's first role.
   * Sessions acting in a role taken away fall back to the first role.
   * Audited `user.roles_change`.
   */
  setRoles(scope: AccountScope, userId: string, grants: readonly RoleGrant[], input: { actorId: string | null; now: Date }): Promise<DbResult<RoleGrant[]>>;
}

export interface SessionRepo {
  /** New session; `token` is returned once and only its SHA-256 is stored. Lifetime: see session-policy.ts (12 h idle, 24 h at most). */
  create(input: { userId: string; now: Date; lifetime?: SessionLifetime }): Promise<{ token: string; session: R.SessionRow }>;
  /**
   * The live session and its user for a bearer token, or null when unknown,
   * expired or the user is disabled. Sliding: extends `expiresAt` to now + TTL,
   * never past the session's absolute maximum (written at most once a minute).
   */
  validate(token: string, now: Date, lifetime?: SessionLifetime): Promise<{ session: R.SessionRow; user: R.User; roles: RoleGrant[] } | null>;
  /** The role a session acts in (null: the account's first role). The caller checks that the account holds it. */
  setActiveRole(sessionId: string, role: R.UserRole | null): Promise<void>;
  /** Logout: the token stops working at once. */
  revoke(token: string): Promise<void>;
  revokeAllForUser(userId: string): Promise<void>;
  /** Deletes expired sessions (and stale `login_failures` rows); returns how many sessions. */
  purgeExpired(now: Date): Promise<number>;
}

export interface StudentListFilter {
  className?: string;
  status?: R.StudentRow['status'];
  /** Matches name or NISN (case-insensitive substring). */
  search?: string;
  limit?: number;
  offset?: number;
}

/** One row of an import plan: what applying would do to it. */
export interface StudentImportPlanRow {
  nisn: string;
  action: 'new' | 'update' | 'unchanged';
  studentId: string | null;
}

export interface StudentRepo {
  /** `conflict` when the NISN already exists in the school. */
  create(schoolId: string, student: R.NewStudent, opts: { now: Date; actorId: string | null }): Promise<DbResult<R.StudentRow>>;
  get(schoolId: string, id: string): Promise<R.StudentRow | null>;
  /** The school's students among `ids` (one query; unknown or other schools' ids are left out). */
  getMany(schoolId: string, ids: readonly string[]): Promise<R.StudentRow[]>;
  getByNisn(schoolId: string, nisn: string): Promise<R.StudentRow | null>;
  list(schoolId: string, filter?: StudentListFilter): Promise<R.StudentRow[]>;
  /** Every student of the school, in NISN order (one query, no page cap): roster imports, the early-warning list. */
  listAll(schoolId: string): Promise<R.StudentRow[]>;
  update(schoolId: string, id: string, patch: Partial<R.NewStudent>, opts: { now: Date; actorId: string | null }): Promise<DbResult<R.StudentRow>>;
  /** What importing these rows (matched by NISN) would do; changes nothing. */
  planImport(schoolId: string, rows: readonly R.NewStudent[]): Promise<StudentImportPlanRow[]>;
  /** Applies an import in one transaction (all rows or none); re-importing the same rows changes nothing. */
  applyImport(schoolId: string, rows: readonly R.NewStudent[], opts: { now: Date; actorId: string | null }): Promise<StudentImportPlanRow[]>;
  /** UU PDP erasure: anonymises the student and free text on their cases, keeps counts. */
  erase(schoolId: string, id: string, opts: { now: Date; actorId: string | null }): Promise<DbResult<R.StudentRow>>;
}

export interface IndicatorRepo {
  /** Insert or replace observations (key: student, kind, period, subject), one transaction. */
  upsert(schoolId: string, rows: readonly R.NewIndicator[], opts: { now: Date }): Promise<number>;
  listForStudent(schoolId: string, studentId: string, filter?: { kind?: R.IndicatorRow['kind'] }): Promise<R.IndicatorRow[]>;
  listForSchool(schoolId: string, filter?: { kind?: R.IndicatorRow['kind']; periodFrom?: string; periodTo?: string }): Promise<R.IndicatorRow[]>;
}

export interface CalendarRepo {
  /** Upsert calendar entries (`YYYY-MM-DD`). */
  set(schoolId: string, entries: readonly { date: string; kind: R.SchoolCalendarRow['kind']; note?: string | null }[]): Promise<void>;
  remove(schoolId: string, date: string): Promise<void>;
  /** Entries with `from <= date <= to`. */
  list(schoolId: string, range: { from: string; to: string }): Promise<R.SchoolCalendarRow[]>;
}

export interface EarlyWarningRepo {
  listRules(schoolId: string): Promise<R.EarlyWarningRuleRow[]>;
  upsertRule(schoolId: string, rule: { key: string; params: Record<string, unknown>; holdWeeks?: number; enabled?: boolean; now: Date }): Promise<R.EarlyWarningRuleRow>;
  listFlags(schoolId: string, filter?: { active?: boolean; studentId?: string }): Promise<R.FlagRow[]>;
  /** One flag of the school, or null. */
  getFlag(schoolId: string, flagId: string): Promise<R.FlagRow | null>;
  /** A manual flag (source `manual`) or a rule's finding (source `rule`; one active per rule and student — raising again keeps `since`). */
  raiseFlag(schoolId: string, flag: { studentId: string; source: R.FlagRow['source']; ruleKey?: string | null; reason: string; level?: R.FlagRow['level']; details?: Record<string, unknown> | null; createdBy?: string | null; now: Date }): Promise<DbResult<R.FlagRow>>;
  clearFlag(schoolId: string, flagId: string, now: Date): Promise<DbResult<R.FlagRow>>;
}

export interface PathwayRepo {
  /** A new draft (school pathway, or a template when `scope.schoolId` is null). `conflict` on a taken key. */
  create(scope: PathwayScope, input: { key: string; title: string; description?: string | null; tags?: string[]; draft: unknown; updatedBy: string | null; now: Date; sourceTemplateId?: string | null; sourceVersion?: number | null }): Promise<DbResult<R.PathwayRow>>;
  /** A school's own pathway or a template of its district. */
  get(scope: PathwayScope, id: string): Promise<R.PathwayRow | null>;
  getByKey(scope: PathwayScope, key: string): Promise<R.PathwayRow | null>;
  /** The scope's own pathways (`templates: true` → the district's templates). */
  list(scope: PathwayScope, filter?: { templates?: boolean }): Promise<R.PathwayRow[]>;
  /** Saves the draft; stale `expectedRevision` → `version_conflict` with `current`. Only the owner may edit. */
  updateDraft(scope: PathwayScope, input: {
    id: string; expectedRevision: number; draft: unknown; title?: string; description?: string | null; tags?: string[]; updatedBy: string | null; now: Date;
    /** Lineage, when the draft is pulled from a template version: saved in the same write. */
    sourceTemplateId?: string | null; sourceVersion?: number | null;
  }): Promise<DbResult<R.PathwayRow>>;
  /**
   * Publishes the current draft as the next immutable version (1, 2, …) with
   * its content hash. Lint it first: this stores whatever the draft is.
   */
  publish(scope: PathwayScope, input: { id: string; publishedBy: string | null; now: Date; expectedRevision?: number; changeNote?: string | null }): Promise<DbResult<R.PathwayVersionRow>>;
  listVersions(scope: PathwayScope, pathwayId: string): Promise<R.PathwayVersionRow[]>;
  getVersion(scope: PathwayScope, pathwayId: string, version: number): Promise<R.PathwayVersionRow | null>;
  latestVersion(scope: PathwayScope, pathwayId: string): Promise<R.PathwayVersionRow | null>;
  /** A version by id, unscoped (versions are immutable; cached in process). Use only with an id from a scoped row. */
  getVersionById(id: string): Promise<R.PathwayVersionRow | null>;
  /** Archives (a date) or restores (null) a pathway the scope owns; versions and the cases on them stay. */
  setArchived(scope: PathwayScope, id: string, archivedAt: Date | null): Promise<DbResult<R.PathwayRow>>;
  /** Forks a template version into a new school draft with lineage. */
  adoptTemplate(scope: PathwayScope, input: { templateId: string; version?: number; key?: string; updatedBy: string | null; now: Date }): Promise<DbResult<R.PathwayRow>>;
}

export interface CaseListFilter {
  status?: R.CaseRow['status'];
  /** A state path: matches cases with an active leaf equal to it or under it. */
  state?: string;
  assigneeId?: string;
  /** Cases this user works on: assigned the case, or assigned any of its tasks (a `tim` member's view). */
  involving?: string; // assigned the case, or an open task of it (a Satgas member's access ends with their last step)
  riskFactor?: string;
  studentId?: string;
  pathwayId?: string;
  /** Students of this class (wali kelas). */
  className?: string;
  /** Only cases with an open task due before this instant. */
  overdueAt?: Date;
  limit?: number;
  offset?: number;
}

export interface CaseRepo {
  /** Opens a case: inserts it (version 1), its first event and the start effects, in one transaction. */
  create(input: CreateCaseInput): Promise<DbResult<CaseChange>>;
  /** The unit of work: load → check version → apply → update + event + effects (+ idempotency, audit) → commit. */
  advance(input: AdvanceCaseInput): Promise<DbResult<CaseChange>>;
  /** Moves a case to another version of its school's pathways (`not_found` for another school's version). */
  migrate(input: MigrateCaseInput): Promise<DbResult<CaseChange>>;
  /** Fires a claimed timer through the same unit of work (exactly once). */
  fireTimer(input: FireTimerInput): Promise<DbResult<FireTimerOutcome>>;
  get(schoolId: string, caseId: string): Promise<R.CaseRow | null>;
  list(schoolId: string, filter?: CaseListFilter): Promise<R.CaseRow[]>;
  /** Counts per `stateValue` (board columns). */
  countByState(schoolId: string, filter?: { status?: R.CaseRow['status'] }): Promise<{ stateValue: string; count: number }[]>;
  /** The timeline, by `seq`. */
  events(schoolId: string, caseId: string): Promise<R.CaseEventRow[]>;
  /** Reassigns (writes an audit row). */
  setAssignee(schoolId: string, caseId: string, assigneeId: string | null, opts: { actorId: string | null; now: Date }): Promise<DbResult<R.CaseRow>>;
}

export interface TaskRepo {
  list(schoolId: string, filter?: { status?: R.TaskRow['status']; caseId?: string; /** Tasks of this step only. */ stateId?: string; assigneeId?: string; roles?: readonly string[]; dueBefore?: Date; approval?: R.TaskRow['approval'] }): Promise<R.TaskRow[]>;
  get(schoolId: string, taskId: string): Promise<R.TaskRow | null>;
  assign(schoolId: string, taskId: string, assigneeId: string | null): Promise<DbResult<R.TaskRow>>;
  /** The kepsek's approve/reject on a task that `requiresApproval`, or a request again after a rejection (audit row in the same call). */
  decide(schoolId: string, taskId: string, input: ApprovalInput & { now: Date }): Promise<DbResult<R.TaskRow>>;
  /** Writes `task_due_tomorrow` / `task_overdue` notifications once per task; returns how many. */
  remind(now: Date): Promise<number>;
}

export interface TimerRepo {
  /**
   * Claims due pending timers for `claimer`, each exactly once: a timer
   * claimed by someone else is skipped until its lease (default 60 s) lapses.
   */
  claimDue(now: Date, limit: number, claimer: string, opts?: { leaseMs?: number; /** Only this case's timers (replays, tests). */ caseId?: string }): Promise<R.TimerRow[]>;
  /** The earliest pending due time (for the scheduler's sleep), or null. */
  nextDueAt(): Promise<Date | null>;
  listForCase(schoolId: string, caseId: string): Promise<R.TimerRow[]>;
}

export interface NoteRepo {
  /** `not_found` when the case is not in the school. */
  add(schoolId: string, input: { caseId: string; authorId: string; body: string; confidentiality: R.Confidentiality; now: Date; idempotency?: IdempotencyRequest<R.NoteRow> }): Promise<DbResult<R.NoteRow>>;
  /**
   * The notes `viewer` may see: `umum` for all staff of the case; `terbatas`
   * for guru_bk and kepsek; `rahasia` for the author and the case's guru BK
   * (its assignee). Each `rahasia` note returned is audited (`note.read_rahasia`) in the same call.
   */
  list(schoolId: string, caseId: string, viewer: Viewer, now: Date): Promise<DbResult<R.NoteRow[]>>;
}

export interface ConsentRepo {
  add(schoolId: string, input: { caseId: string; purpose: R.ConsentRow['purpose']; givenBy: string; relationship?: string | null; method: string; granted: boolean; givenAt: Date; recordedBy: string; now: Date }): Promise<DbResult<R.ConsentRow>>;
  list(schoolId: string, caseId: string): Promise<R.ConsentRow[]>;
  /** True when a granted, unrevoked consent for `purpose` exists. */
  has(schoolId: string, caseId: string, purpose: R.ConsentRow['purpose']): Promise<boolean>;
}

export interface ReferralRepo {
  create(schoolId: string, input: { caseId: string; target: R.ReferralRow['target']; targetName: string; reason: string; sentBy: string; now: Date; /** A partner of the school's register (checked by the caller). */ partnerId?: string | null }): Promise<DbResult<R.ReferralRow>>;
  get(schoolId: string, id: string): Promise<R.ReferralRow | null>;
  list(schoolId: string, filter?: { caseId?: string; status?: R.ReferralRow['status']; partnerId?: string }): Promise<R.ReferralRow[]>;
  /** sent → accepted | rejected (reason); accepted → completed (outcome report). Other moves → `invalid`. */
  transition(schoolId: string, id: string, input: { to: 'accepted' | 'rejected' | 'completed'; reason?: string | null; outcomeReport?: string | null; actorId: string; now: Date }): Promise<DbResult<R.ReferralRow>>;
}

export interface CaseRecordRepo {
  add(schoolId: string, input: { caseId: string; kind: R.CaseRecordKind; data: Record<string, unknown>; confidentiality?: R.Confidentiality; occurredAt: Date; recordedBy: string; now: Date; idempotency?: IdempotencyRequest<R.CaseRecordRow> }): Promise<DbResult<R.CaseRecordRow>>;
  /** Records the viewer may see (same confidentiality rules as notes). */
  list(schoolId: string, caseId: string, viewer: Viewer, filter?: { kind?: R.CaseRecordKind }): Promise<DbResult<R.CaseRecordRow[]>>;
}

export interface NotificationRepo {
  /**
   * To one user; about a case (`caseId`) to a `role`, to each user of that role
   * who may see the case (one row each: guru BK and kepsek of the school, the
   * wali kelas of the student's class, `tim` members the case or one of its
   * tasks is assigned to); without a case, to every user of `role` in `schoolId`.
   */
  notify(input: { schoolId: string | null; userId?: string | null; role?: string | null; caseId?: string | null; kind: string; body: { id: string; en?: string }; now: Date }): Promise<R.NotificationRow[]>;
  /** The user's own notifications and those for their role in their school, newest first. */
  listForUser(user: { id: string; role: R.UserRole; schoolId: string | null }, filter?: { unreadOnly?: boolean; limit?: number }): Promise<R.NotificationRow[]>;
  markRead(user: { id: string; role: R.UserRole; schoolId: string | null }, id: string, now: Date): Promise<boolean>;
}

export interface AuditRepo {
  record(entry: AuditInput & { schoolId: string | null; at: Date }): Promise<void>;
  list(schoolId: string | null, filter?: { action?: string; subject?: string; actorId?: string; limit?: number }): Promise<R.AuditRow[]>;
}

/** Periodic jobs that must run once per period across processes (scheduler). */
export interface JobRepo {
  /**
   * Claims the run (`job`, `period`) for `claimer`: true for exactly one
   * caller; false while another holds it (lease, default 10 min) or once it
   * is finished. A lapsed, unfinished claim may be taken over.
   */
  claim(job: string, period: string, claimer: string, now: Date, opts?: { leaseMs?: number }): Promise<boolean>;
  /** Marks a claimed run done: it is never claimed again. */
  finish(job: string, period: string, claimer: string, now: Date): Promise<void>;
}

export interface IdempotencyRepo {
  /** The stored answer for (user, key), or null. */
  lookup(userId: string, key: string): Promise<R.IdempotencyRow | null>;
  /** Deletes keys older than `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

/**
 * The raw connection, for dialect-specific read-only report queries
 * (`@jalur/reports`): GROUP BY counts that are no repository's business.
 * Never write through it — writes belong to the repositories.
 */
export type ReportHandle =
  | { dialect: 'sqlite'; sqlite: BetterSqlite3.Database; file: string }
  | { dialect: 'postgres'; client: Sql };

/** One open database: every repository, plus lifecycle. */
export interface JalurDb {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it lives (file path for SQLite), for logs. */
  readonly location: string;
  districts: DistrictRepo;
  schools: SchoolRepo;
  users: UserRepo;
  sessions: SessionRepo;
  students: StudentRepo;
  indicators: IndicatorRepo;
  calendar: CalendarRepo;
  earlyWarning: EarlyWarningRepo;
  pathways: PathwayRepo;
  cases: CaseRepo;
  tasks: TaskRepo;
  timers: TimerRepo;
  notes: NoteRepo;
  consents: ConsentRepo;
  referrals: ReferralRepo;
  caseRecords: CaseRecordRepo;
  notifications: NotificationRepo;
  audit: AuditRepo;
  idempotency: IdempotencyRepo;
  jobs: JobRepo;
  /** Letterhead, NIPs, numbered documents, family contacts and parent meetings (issue 15). */
  paperwork: PaperworkRepo;
  /** Academic year and week settings, student status history, the year-end rollover (issue 14). */
  schoolYear: SchoolYearRepo;
  /** Orang tua asuh, donors and the fund ledger (issue 15). */
  funds: FundsRepo;
  /** The Satgas registers: referral partners, peer counsellors and supervision, group sessions (issue 15). */
  registers: RegistersRepo;
  /** M&E records: satisfaction scores and ekstrakurikuler / P5 participation (issue 15). */
  me: MeRepo;
  /** See {@link ReportHandle}. */
  readonly reportHandle: ReportHandle;
  /** True when nothing has been seeded yet (no district). */
  isEmpty(): Promise<boolean>;
  /** A cheap round trip, for `/api/health`. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
