/** Which role lists an account may be given (both drivers). */
import type { RoleGrant } from './roles.ts';
import type { UserRole } from './rows.ts';

/** Null when `grants` is a valid role list within `allowed`, else the reason (id / en). */
export function checkGrants(allowed: readonly UserRole[], grants: readonly RoleGrant[]): string | null {
  if (grants.length === 0) return 'Minimal satu peran / at least one role';
  const seen = new Set<string>();
  for (const g of grants) {
    if (!allowed.includes(g.role)) return `Peran ${g.role} tidak boleh diberikan di sini / role ${g.role} cannot be given here`;
    if (seen.has(g.role)) return `Peran ${g.role} disebut dua kali / role ${g.role} given twice`;
    seen.add(g.role);
    if (g.role === 'wali_kelas' && !(g.className ?? '').trim()) return 'Wali kelas perlu kelas / a wali kelas needs a class';
  }
  return null;
}
