/**
 * The session + user row read on every authenticated request, by hand (no
 * drizzle row mapping). Typed against the row types, so a schema change it
 * misses fails the type check. The password hash is never selected.
 */
import type { SessionRow, User } from '../rows.ts';
import { grantsFromJson, orderGrants, type RoleGrant } from '../roles.ts';

export const SESSION_LOOKUP_SQL = `SELECT s.id, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.active_role,
  (SELECT json_group_array(json_object('role', r.role, 'className', r.class_name)) FROM user_roles r WHERE r.user_id = u.id) AS roles,
  u.email, u.name, u.role, u.school_id, u.district_id, u.class_name, u.failed_logins, u.locked_until, u.disabled_at, u.must_change_password, u.created_at AS user_created_at
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`;

export interface RawSessionUser {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  active_role: SessionRow['activeRole'];
  /** JSON array of `{ role, className }`. */
  roles: string | null;
  email: string;
  name: string;
  role: User['role'];
  school_id: string | null;
  district_id: string;
  class_name: string | null;
  failed_logins: number;
  locked_until: number | null;
  disabled_at: number | null;
  must_change_password: number;
  user_created_at: number;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export function sessionUserFromRow(r: RawSessionUser): { session: SessionRow; user: User; roles: RoleGrant[] } {
  return {
    roles: orderGrants(r.role, grantsFromJson(r.roles ?? '[]')),
    session: {
      id: r.id, tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token,
      createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at), activeRole: r.active_role,
    },
    user: {
      id: r.user_id, email: r.email, name: r.name, role: r.role, schoolId: r.school_id, districtId: r.district_id, className: r.class_name,
      failedLogins: r.failed_logins, lockedUntil: date(r.locked_until), disabledAt: date(r.disabled_at),
      mustChangePassword: r.must_change_password === 1, createdAt: new Date(r.user_created_at),
    },
  };
}
