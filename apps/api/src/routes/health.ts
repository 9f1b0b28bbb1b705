/** `GET /api/health`: the process is up and the database answers. */
import { createRoute, z } from '@hono/zod-openapi';
import type { ApiContext } from '../context.ts';
import { createRouter } from '../http/router.ts';
import { json } from '../schemas/common.ts';

const healthSchema = z.object({ ok: z.boolean(), db: z.enum(['sqlite', 'postgres']) }).openapi('Health');

const health = createRoute({
  method: 'get', path: '/health', tags: ['system'], summary: 'Status layanan / service health',
  // Load balancers ask without a session.
  security: [],
  responses: { 200: json(healthSchema, 'Sehat / healthy'), 503: json(healthSchema, 'Basis data tidak menjawab / database down') },
});

/** The health sub-app (mounted at `/api`). */
export function healthRoutes(ctx: ApiContext) {
  return createRouter().openapi(health, async (c) => {
    const ok = await ctx.db.ping().catch(() => false);
    return ok ? c.json({ ok: true, db: ctx.db.dialect }, 200) : c.json({ ok: false, db: ctx.db.dialect }, 503);
  });
}
