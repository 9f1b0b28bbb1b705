/** Request and response schemas of the password and account routes. */
import { z } from '@hono/zod-openapi';
import { roleSchema } from '@jalur/engine';

/** The shortest password anyone may choose. */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;

export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  })
  .strict()
  .openapi('ChangePasswordRequest');

export const okSchema = z.object({ ok: z.literal(true) });

/** An account as its manager sees it (never a hash or counters). */
export const accountSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    schoolId: z.string().nullable(),
    schoolName: z.string().nullable(),
    className: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    /** Every role the account holds, its first role first (a wali kelas role with its class). */
    roles: z.array(z.object({ role: roleSchema, className: z.string().nullable() })),
  })
  .openapi('Account');

export const accountListSchema = z.object({ items: z.array(accountSchema) }).openapi('AccountList');

export const resetPasswordResponseSchema = z
  .object({
    account: accountSchema,
    temporaryPassword: z.string().openapi({ description: 'Ditampilkan sekali saja; harus diganti saat masuk / shown once; must be changed at the next sign-in' }),
  })
  .openapi('PasswordReset');

/** One role an account holds; `className` only for a wali kelas. */
export const roleGrantSchema = z
  .object({
    role: roleSchema,
    className: z.string().trim().min(1).max(40).nullable().optional(),
  })
  .strict()
  .openapi('RoleGrant');

/** The roles of the signed-in account and the one this session acts in. */
export const myRolesSchema = z
  .object({
    active: z.object({ role: roleSchema, className: z.string().nullable() }),
    roles: z.array(z.object({ role: roleSchema, className: z.string().nullable() })),
  })
  .openapi('MyRoles');

export const switchRoleBodySchema = z.object({ role: roleSchema }).strict().openapi('SwitchRoleRequest');

export const setRolesBodySchema = z
  .object({ roles: z.array(roleGrantSchema).min(1).max(5) })
  .strict()
  .openapi('SetRolesRequest');

export const accountRolesSchema = z
  .object({ id: z.string(), roles: z.array(z.object({ role: roleSchema, className: z.string().nullable() })) })
  .openapi('AccountRoles');
