/** Auth request and response schemas. */
import { z } from '@hono/zod-openapi';
import { roleSchema } from '@jalur/engine';
import { dateTimeSchema } from './common.ts';

export const loginBodySchema = z
  .object({
    email: z.string().trim().min(3).max(254).email(),
    password: z.string().min(1).max(1024),
  })
  .openapi('LoginRequest');

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    schoolId: z.string().nullable(),
    districtId: z.string(),
    className: z.string().nullable(),
  })
  .openapi('User');

export const sessionSchema = z
  .object({
    token: z.string().openapi({ description: 'Untuk header `Authorization: Bearer` / for the Bearer header' }),
    csrfToken: z.string().openapi({ description: 'Kirim sebagai `X-CSRF-Token` pada permintaan ber-cookie / send as X-CSRF-Token with cookie requests' }),
    expiresAt: dateTimeSchema,
    user: meSchema,
    mustChangePassword: z.boolean().openapi({ description: 'Kata sandi sementara: ganti dulu lewat `POST /api/auth/password` (rute lain menjawab 403 `password_change_required`) / a one-time password: change it first' }),
  })
  .openapi('Session');

export const meResponseSchema = z.object({ user: meSchema, csrfToken: z.string(), expiresAt: dateTimeSchema, mustChangePassword: z.boolean() }).openapi('Me');
