/**
 * `/api/openapi.json`: the OpenAPI 3.1 document generated from every
 * route's `createRoute` schemas. What the app-wide middleware answers — 401
 * without a session, 403 `csrf_failed` for a cookie write without the CSRF
 * token, 413 for a body over the limit — is added here once to every
 * operation it guards, so no route can forget it: operations without
 * `security: []` are signed-in, and every method with a body has the limit.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './router.ts';

type Operation = { security?: unknown[]; responses?: Record<string, unknown> };
type Document = { paths?: Record<string, Record<string, Operation>> };

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const MIDDLEWARE_RESPONSES = {
  401: { description: 'Belum masuk / not signed in (`unauthorized`)', content: ERROR_CONTENT },
  403: { description: 'Tidak berwenang (`forbidden`), atau tulis ber-cookie tanpa token CSRF (`csrf_failed`) / forbidden, or a cookie write without the CSRF token', content: ERROR_CONTENT },
  413: { description: 'Isi permintaan terlalu besar / body too large (`body_too_large`)', content: ERROR_CONTENT },
} as const;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** Adds the middleware's answers to every operation they apply to. */
export function addMiddlewareResponses<D extends object>(doc: D): D {
  for (const item of Object.values((doc as Document).paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || op === null || !('responses' in op)) continue;
      const responses = (op.responses ??= {});
      const signedIn = !(Array.isArray(op.security) && op.security.length === 0);
      if (signedIn) {
        responses['401'] ??= MIDDLEWARE_RESPONSES[401];
        responses['403'] ??= MIDDLEWARE_RESPONSES[403];
      }
      if (WRITE_METHODS.has(method)) responses['413'] ??= MIDDLEWARE_RESPONSES[413];
    }
  }
  return doc;
}

/**
 * A request field with a default may be left out. Generators read `default`
 * as "always present" (openapi-typescript makes such a property required), so
 * on the request side — bodies and parameters — the default is stated in the
 * description instead, and the field stays optional.
 */
export function describeRequestDefaults<D extends object>(doc: D): D {
  const d = doc as Document & { components?: { schemas?: Record<string, unknown> } };
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string') return visit(d.components?.schemas?.[o.$ref.replace('#/components/schemas/', '')]);
    if ('default' in o && !('in' in o)) {
      const note = `Bawaan / default: \`${JSON.stringify(o.default)}\``;
      o.description = typeof o.description === 'string' && o.description !== '' ? `${o.description} (${note})` : note;
      delete o.default;
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'example' && k !== 'examples') visit(v);
  };
  for (const item of Object.values(d.paths ?? {})) {
    for (const op of Object.values(item) as (Operation & { parameters?: unknown; requestBody?: unknown })[]) {
      if (typeof op !== 'object' || op === null) continue;
      visit(op.parameters);
      visit(op.requestBody);
    }
  }
  return doc;
}

/** Builds the document of `app` (once; the routes do not change at run time). */
export function openApiDocument(app: OpenAPIHono<AppEnv>): () => object {
  let doc: object | undefined;
  return () =>
    (doc ??= describeRequestDefaults(addMiddlewareResponses(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Jalur API',
          version: '0.1.0',
          description:
            'Alur intervensi pencegahan putus sekolah / dropout-prevention pathways. Kesalahan selalu `{ error: { code, message, details? } }`, pesan mengikuti `Accept-Language` (id, en) / errors always in one shape, messages follow Accept-Language. Referensi / reference: `/api/docs`.',
        },
        security: [{ bearer: [] }, { cookie: [] }],
      }),
    )));
}
