/**
 * What the partner, peer-counsellor and group-session routes share: who may
 * read and write those registers, whether the caller may open a given case
 * (a group member's name is shown only to those who may see that member's
 * case), and the Idempotency-Key of their POSTs.
 */
import { canOpenCase } from '@jalur/casework';
import type { CaseRow, JalurDb, StudentRow } from '@jalur/db';
import type { MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { forbidden } from '../http/errors.ts';
import type { AppEnv, Principal } from '../http/router.ts';

export const REGISTER_WRITERS = ['kepsek', 'guru_bk'] as const;
/** The Satgas (tim) reads the registers; a wali kelas reads the partners only; the dinas none. */
export const REGISTER_READERS = ['kepsek', 'guru_bk', 'tim'] as const;
export const PARTNER_READERS = ['kepsek', 'guru_bk', 'tim', 'wali_kelas'] as const;

export function mayWrite(p: Principal): void {
  if (!(REGISTER_WRITERS as readonly string[]).includes(p.role)) throw forbidden({ allowedRoles: [...REGISTER_WRITERS] });
}
export function mayRead(p: Principal, roles: readonly string[] = REGISTER_READERS): void {
  if (!roles.includes(p.role)) throw forbidden({ allowedRoles: [...roles] });
}

/** Signs the caller in on `paths` only: these routers are mounted under `/api`, beside routes that need no sign-in. */
export function authOn(ctx: ApiContext, router: { use(path: string, mw: MiddlewareHandler<AppEnv>): unknown }, paths: readonly string[]): void {
  const auth = requireAuth(ctx);
  for (const path of paths) router.use(path, async (c, next) => (c.get('principal') ? next() : auth(c, next)));
}

/** Decides, for many cases at once, which the caller may open (the rule of `loadCase`). */
export async function caseOpener(db: JalurDb, p: Principal, schoolId: string): Promise<(row: Pick<CaseRow, 'id' | 'assigneeId'>, student: Pick<StudentRow, 'className'> | null) => boolean> {
  const mine = p.role === 'tim' ? new Set((await db.tasks.list(schoolId, { assigneeId: p.userId, status: 'open' })).map((t) => t.caseId)) : new Set<string>();
  const viewer = { id: p.userId, role: p.role, className: p.className };
  return (row, student) =>
    canOpenCase(viewer, { assigneeId: row.assigneeId, studentClassName: student?.className ?? '', taskAssigneeIds: mine.has(row.id) ? [p.userId] : [] });
}
