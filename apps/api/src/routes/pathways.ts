/**
 * Pathways: a school's drafts and published versions, and the district's
 * templates. Drafts are edited with `expectedRevision` (409 when stale);
 * publishing lints first (422 with the diagnostics) and stores an immutable
 * version (the repository writes its audit row in the same transaction).
 * Only the kepsek publishes a school pathway (a district admin
 * publishes templates).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { contentHash, type PathwayRow, type PathwayScope, type PathwayVersionRow } from '@jalur/db';
import { DOCUMENT_LIMITS, exportXState, implementationsOf, lintPathway, parsePathway, type PathwayDocument } from '@jalur/engine';
import { requireAuth, requireRole } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { errorResponses, idParamsSchema, json, jsonBody } from '../schemas/common.ts';
import {
  createPathwayBodySchema, lintBodySchema, lintResultSchema, pathwayDetailSchema, pathwaySummarySchema, publishBodySchema,
  updateDraftBodySchema, versionDetailSchema, versionParamsSchema, versionSummarySchema, xstateExportSchema,
} from '../schemas/pathways.ts';

const EDITORS = ['kepsek', 'guru_bk', 'admin_dinas'] as const;
const PUBLISHERS = ['kepsek', 'admin_dinas'] as const;

/** The pathways a caller sees: their school's, and their district's templates. */
export function scopeOf(p: Principal): PathwayScope {
  if (p.districtId === null) throw forbidden();
  return { districtId: p.districtId, schoolId: p.schoolId };
}

function summary(row: PathwayRow, latestVersion: number | null): z.infer<typeof pathwaySummarySchema> {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    description: row.description,
    tags: row.tags,
    scope: row.schoolId === null ? 'template' : 'school',
    schoolId: row.schoolId,
    draftRevision: row.draftRevision,
    latestVersion,
    sourceTemplateId: row.sourceTemplateId,
    sourceVersion: row.sourceVersion,
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
  };
}

function versionSummary(v: PathwayVersionRow): z.infer<typeof versionSummarySchema> {
  return {
    id: v.id,
    pathwayId: v.pathwayId,
    version: v.version,
    contentHash: v.contentHash,
    changeNote: v.changeNote,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt.toISOString(),
  };
}

/**
 * `parsePathway` on a document that came as parsed JSON, with the size limit
 * the engine applies to JSON text (checked once the nesting is known to be
 * bounded, so serializing it is safe).
 */
function parseBounded(document: unknown): ReturnType<typeof parsePathway> {
  const parsed = parsePathway(document);
  if (!parsed.ok) return parsed;
  const text = JSON.stringify(document);
  return Buffer.byteLength(text) > DOCUMENT_LIMITS.maxBytes ? parsePathway(text) : parsed;
}

/** Parses a document or fails with 400 `invalid_document` and the engine's issues. */
function parseOrFail(document: unknown): PathwayDocument {
  const parsed = parseBounded(document);
  if (!parsed.ok) throw new ApiError(400, 'invalid_document', 'invalid_document', { issues: parsed.error });
  return parsed.value;
}

/** A school pathway may be written by its school; a template only by the district admin. */
function assertCanWrite(p: Principal, row: PathwayRow): void {
  const ownsIt = row.schoolId === null ? p.role === 'admin_dinas' : row.schoolId === p.schoolId;
  if (!ownsIt) throw forbidden();
}

const list = createRoute({
  method: 'get', path: '/', tags: ['pathways'], summary: 'Alur sekolah dan templat kabupaten / school pathways and district templates',
  responses: { 200: json(z.object({ items: z.array(pathwaySummarySchema) }), 'Daftar alur'), ...errorResponses(401, 403) },
});
const create = createRoute({
  method: 'post', path: '/', tags: ['pathways'], summary: 'Buat draf dari dokumen atau templat / create a draft',
  request: { body: jsonBody(createPathwayBodySchema) },
  responses: { 201: json(pathwayDetailSchema, 'Draf baru'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});
const lint = createRoute({
  method: 'post', path: '/lint', tags: ['pathways'], summary: 'Periksa dokumen alur / lint a document',
  request: { body: jsonBody(lintBodySchema) },
  responses: { 200: json(lintResultSchema, 'Hasil pemeriksaan'), ...errorResponses(400, 401) },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags: ['pathways'], summary: 'Alur dengan drafnya / a pathway with its draft',
  request: { params: idParamsSchema },
  responses: { 200: json(pathwayDetailSchema, 'Alur'), ...errorResponses(400, 401, 404) },
});
const put = createRoute({
  method: 'put', path: '/{id}', tags: ['pathways'], summary: 'Simpan draf / save the draft',
  request: { params: idParamsSchema, body: jsonBody(updateDraftBodySchema) },
  responses: { 200: json(pathwayDetailSchema, 'Draf tersimpan'), ...errorResponses(400, 401, 403, 404, 409) },
});
const publish = createRoute({
  method: 'post', path: '/{id}/publish', tags: ['pathways'], summary: 'Terbitkan versi baru / publish a new version',
  request: { params: idParamsSchema, body: { required: false, content: { 'application/json': { schema: publishBodySchema } } } },
  responses: { 201: json(versionSummarySchema, 'Versi terbit'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});
const archive = createRoute({
  method: 'post', path: '/{id}/archive', tags: ['pathways'], summary: 'Arsipkan atau pulihkan / archive or restore',
  request: { params: idParamsSchema, body: jsonBody(z.object({ archived: z.boolean() }).strict().openapi('ArchiveRequest')) },
  responses: {
    200: json(pathwaySummarySchema.extend({ casesUsing: z.number().int() }), 'Jalur diarsipkan atau dipulihkan; kasus yang memakainya tetap berjalan'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const versions = createRoute({
  method: 'get', path: '/{id}/versions', tags: ['pathways'], summary: 'Daftar versi / versions',
  request: { params: idParamsSchema },
  responses: { 200: json(z.object({ items: z.array(versionSummarySchema) }), 'Versi'), ...errorResponses(400, 401, 404) },
});
const version = createRoute({
  method: 'get', path: '/{id}/versions/{v}', tags: ['pathways'], summary: 'Satu versi / one version',
  request: { params: versionParamsSchema },
  responses: { 200: json(versionDetailSchema, 'Versi'), ...errorResponses(400, 401, 404) },
});
const xstate = createRoute({
  method: 'get', path: '/{id}/versions/{v}/xstate', tags: ['pathways'], summary: 'Ekspor XState / XState export',
  request: { params: versionParamsSchema },
  responses: { 200: json(xstateExportSchema, 'Konfigurasi XState'), ...errorResponses(400, 401, 404) },
});

/** The `/api/pathways` sub-app. */
export function pathwayRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('*', requireAuth(ctx));
  router.on(['POST'], '/', requireRole(...EDITORS));
  router.on(['PUT'], '/:id', requireRole(...EDITORS));
  router.on(['POST'], '/:id/publish', requireRole(...PUBLISHERS));
  router.on(['POST'], '/:id/archive', requireRole(...PUBLISHERS));

  async function detail(scope: PathwayScope, row: PathwayRow) {
    const vs = await db.pathways.listVersions(scope, row.id);
    const latest = vs.reduce<number | null>((m, v) => (m === null || v.version > m ? v.version : m), null);
    return { ...summary(row, latest), draft: row.draft as Record<string, unknown>, versions: vs.map(versionSummary) };
  }

  /** A 409 that says who saved the draft last and when, so the editor can tell the user. */
  async function revisionConflict(scope: PathwayScope, id: string, currentRevision: number): Promise<ApiError> {
    const row = await db.pathways.get(scope, id);
    const author = row?.updatedBy ? await db.users.get(row.updatedBy) : null;
    return new ApiError(409, 'revision_conflict', 'revision_conflict', {
      currentRevision,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: author ? { id: author.id, name: author.name } : null,
      updatedByName: author?.name ?? null,
    });
  }

  async function load(scope: PathwayScope, id: string): Promise<PathwayRow> {
    const row = await db.pathways.get(scope, id);
    if (!row) throw notFound('pathway_not_found');
    return row;
  }

  async function loadVersion(scope: PathwayScope, id: string, v: number): Promise<PathwayVersionRow> {
    const row = await db.pathways.getVersion(scope, id, v);
    if (!row) throw notFound('version_not_found');
    return row;
  }

  return router
    .openapi(list, async (c) => {
      const scope = scopeOf(c.var.principal);
      const own = await db.pathways.list(scope);
      const templates = scope.schoolId === null ? [] : await db.pathways.list(scope, { templates: true });
      const seen = new Set<string>();
      const items = [];
      for (const row of [...own, ...templates]) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const latest = await db.pathways.latestVersion(scope, row.id);
        items.push(summary(row, latest?.version ?? null));
      }
      return c.json({ items }, 200);
    })
    .openapi(create, async (c) => {
      const p = c.var.principal;
      const scope = scopeOf(p);
      const body = c.req.valid('json');
      const now = clock.now();
      let created;
      if (body.document !== undefined) {
        const doc = parseOrFail(body.document);
        const key = body.key ?? doc.key;
        created = await db.pathways.create(scope, {
          key, title: doc.title.id, description: doc.description?.id ?? null, tags: doc.tags ?? [],
          draft: { ...doc, key }, updatedBy: p.userId, now,
        });
      } else {
        if (scope.schoolId === null) throw forbidden();
        const template = body.templateId
          ? await db.pathways.get(scope, body.templateId)
          : await db.pathways.getByKey({ districtId: scope.districtId, schoolId: null }, body.templateKey!);
        if (!template || template.schoolId !== null) throw notFound('template_not_found');
        created = await db.pathways.adoptTemplate(scope, {
          templateId: template.id, ...(body.version !== undefined ? { version: body.version } : {}),
          ...(body.key !== undefined ? { key: body.key } : {}), updatedBy: p.userId, now,
        });
      }
      if (!created.ok) throw fromDbError(created.error, 'template_not_found');
      return c.json(await detail(scope, created.value), 201);
    })
    .openapi(lint, async (c) => {
      const { document } = c.req.valid('json');
      const parsed = parseBounded(document);
      if (!parsed.ok) return c.json({ valid: false, issues: parsed.error, diagnostics: [] }, 200);
      const diagnostics = lintPathway(parsed.value);
      return c.json({ valid: !diagnostics.some((d) => d.severity === 'error'), issues: [], diagnostics }, 200);
    })
    .openapi(get, async (c) => {
      const scope = scopeOf(c.var.principal);
      return c.json(await detail(scope, await load(scope, c.req.valid('param').id)), 200);
    })
    .openapi(put, async (c) => {
      const p = c.var.principal;
      const scope = scopeOf(p);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await load(scope, id);
      assertCanWrite(p, row);
      const doc = parseOrFail(body.document);
      const saved = await db.pathways.updateDraft(scope, {
        id, expectedRevision: body.expectedRevision, draft: { ...doc, key: row.key }, title: doc.title.id,
        description: doc.description?.id ?? null, tags: doc.tags ?? [], updatedBy: p.userId, now: clock.now(),
      });
      if (!saved.ok) {
        if (saved.error.code === 'version_conflict')
          throw await revisionConflict(scope, id, saved.error.current ?? row.draftRevision);
        throw fromDbError(saved.error, 'pathway_not_found');
      }
      return c.json(await detail(scope, saved.value), 200);
    })
    .openapi(publish, async (c) => {
      const p = c.var.principal;
      const scope = scopeOf(p);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      const row = await load(scope, id);
      assertCanWrite(p, row);
      if (body.expectedRevision !== undefined && body.expectedRevision !== row.draftRevision)
        throw await revisionConflict(scope, id, row.draftRevision);
      const parsed = parsePathway(row.draft);
      if (!parsed.ok) throw new ApiError(422, 'lint_failed', 'lint_failed', { issues: parsed.error, diagnostics: [] });
      const diagnostics = lintPathway(parsed.value);
      if (diagnostics.some((d) => d.severity === 'error')) throw new ApiError(422, 'lint_failed', 'lint_failed', { issues: [], diagnostics });
      // A draft that is exactly the latest version is not a new version.
      const latest = await db.pathways.latestVersion(scope, id);
      if (latest && latest.contentHash === contentHash(row.draft)) {
        throw new ApiError(409, 'unchanged', 'revision_conflict', { version: latest.version }, {
          id: `Draf sama dengan versi ${latest.version}; tidak ada versi baru yang diterbitkan.`,
          en: `The draft is the same as version ${latest.version}; no new version was published.`,
        });
      }
      const now = clock.now();
      const published = await db.pathways.publish(scope, {
        id, publishedBy: p.userId, now, expectedRevision: row.draftRevision, changeNote: body.changeNote ?? null,
      });
      if (!published.ok) {
        if (published.error.code === 'version_conflict')
          throw await revisionConflict(scope, id, published.error.current ?? row.draftRevision);
        throw fromDbError(published.error, 'pathway_not_found');
      }
      return c.json(versionSummary(published.value), 201);
    })
    .openapi(archive, async (c) => {
      const p = c.var.principal;
      const scope = scopeOf(p);
      const { id } = c.req.valid('param');
      const { archived } = c.req.valid('json');
      const row = await load(scope, id);
      assertCanWrite(p, row);
      // Archiving hides the pathway from new cases; it deletes nothing, so cases on its versions keep running.
      const saved = await db.pathways.setArchived(scope, id, archived ? (row.archivedAt ?? clock.now()) : null);
      if (!saved.ok) throw fromDbError(saved.error, 'pathway_not_found');
      const casesUsing = row.schoolId === null ? 0 : (await db.cases.list(row.schoolId, { pathwayId: row.id })).length;
      const latest = await db.pathways.latestVersion(scope, row.id);
      return c.json({ ...summary(saved.value, latest?.version ?? null), casesUsing }, 200);
    })
    .openapi(versions, async (c) => {
      const scope = scopeOf(c.var.principal);
      const row = await load(scope, c.req.valid('param').id);
      const vs = await db.pathways.listVersions(scope, row.id);
      return c.json({ items: vs.map(versionSummary) }, 200);
    })
    .openapi(version, async (c) => {
      const scope = scopeOf(c.var.principal);
      const { id, v } = c.req.valid('param');
      const row = await loadVersion(scope, id, v);
      return c.json({ ...versionSummary(row), document: row.document as Record<string, unknown> }, 200);
    })
    .openapi(xstate, async (c) => {
      const scope = scopeOf(c.var.principal);
      const { id, v } = c.req.valid('param');
      const row = await loadVersion(scope, id, v);
      const doc = parseOrFail(row.document);
      const exported = exportXState(doc);
      return c.json({ config: exported.config, delays: implementationsOf(doc).delays, guards: Object.keys(exported.implementations.guards) }, 200);
    });
}
