/**
 * One person, several roles: an account holds one or more roles
 * (`user_roles`; a wali kelas role carries its class). A request acts in one
 * of them — the session's active role — so every permission check keeps one
 * role, and the audit rows written while it runs record that role.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserRole } from './rows.ts';

/** One role an account holds; `className` only for `wali_kelas`. */
export interface RoleGrant {
  role: UserRole;
  className: string | null;
}

/** The role the current request acts in; `ctx.audit` stamps it on every audit row written meanwhile. */
export const actingRole = new AsyncLocalStorage<string>();

/** The acting role of the running request, or null (system work, seeding). */
export function currentActingRole(): string | null {
  return actingRole.getStore() ?? null;
}

/** The grants read back from a JSON aggregate (SQLite `json_group_array`, PostgreSQL `json_agg`). */
export function grantsFromJson(value: unknown): RoleGrant[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) return [];
  return list
    .filter((g): g is { role: UserRole; className?: string | null } => g !== null && typeof g === 'object' && typeof (g as { role?: unknown }).role === 'string')
    .map((g) => ({ role: g.role, className: g.role === 'wali_kelas' ? (g.className ?? null) : null }));
}

/** The grants of an account in a stable order: its first role first, then the rest by name. */
export function orderGrants(primary: UserRole, grants: readonly RoleGrant[]): RoleGrant[] {
  return [...grants].sort((a, b) => (a.role === primary ? -1 : b.role === primary ? 1 : a.role.localeCompare(b.role)));
}

/**
 * The role a session acts in: its chosen role while the account still holds
 * it, else the account's first role.
 */
export function activeGrant(primary: UserRole, primaryClass: string | null, grants: readonly RoleGrant[], chosen: UserRole | null): RoleGrant {
  const pick = chosen ? grants.find((g) => g.role === chosen) : undefined;
  if (pick) return pick;
  return grants.find((g) => g.role === primary) ?? { role: primary, className: primary === 'wali_kelas' ? primaryClass : null };
}
