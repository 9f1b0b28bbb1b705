/**
 * The district template library, mounted at `/api/district/templates`:
 *
 * - `GET /` (kepsek, guru BK, admin_dinas): the district's templates with
 *   their latest version; for a school caller also its adoption (which
 *   pathway, which template version) and whether an update is available.
 * - `GET /sources?schoolId=` (admin_dinas): a school's published pathways, to choose one to publish.
 * - `POST /` (admin_dinas) `{schoolId, pathwayId, version, description?, tags?, key?}`:
 *   publishes that school version as a template (a new template, or the next
 *   version of the template with the same key). Lint errors → 422.
 * - `POST /:id/pull` (kepsek) `{pathwayId, expectedRevision}`: pulls the
 *   template's latest version into the adopting pathway's draft (to publish
 *   as a new school version when ready) and records the new lineage.
 *
 * Adopting is `POST /api/pathways {templateId}`; previewing and the visual
 * diff are `/api/pathways/:id/versions/:v` (templates are readable by the
 * district's schools).
 */
import { lintPathway, parsePathway } from '@jalur/engine';
import type { JalurDb, PathwayRow } from '@jalur/db';
import { requireAuth, schoolOf } from '../auth/middleware.ts';
import type { ApiContext } from '../context.ts';
import { fromDbError } from '../http/db-errors.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { createRouter, type Principal } from '../http/router.ts';
import { listTemplatesRoute, publishTemplateRoute, pullTemplateRoute, templateSourcesRoute } from '../reports/route-defs.ts';

function districtOf(p: Principal): string {
  if (p.districtId === null) throw forbidden();
  return p.districtId;
}

export interface TemplateAdoption {
  pathwayId: string;
  pathwayTitle: string;
  sourceVersion: number | null;
  updateAvailable: boolean;
}

/** One library entry. */
async function templateView(db: JalurDb, _districtId: string, t: PathwayRow, adopted: PathwayRow[]) {
  // The template's own node: a school's library holds its ancestors' templates too.
  const scope = { districtId: t.districtId, schoolId: null };
  const latest = await db.pathways.latestVersion(scope, t.id);
  const latestVersion = latest?.version ?? null;
  const adoptions: TemplateAdoption[] = adopted
    .filter((p) => p.sourceTemplateId === t.id)
    .map((p) => ({
      pathwayId: p.id,
      pathwayTitle: p.title,
      sourceVersion: p.sourceVersion,
      updateAvailable: latestVersion !== null && (p.sourceVersion ?? 0) < latestVersion,
    }));
  return {
    id: t.id,
    key: t.key,
    title: t.title,
    description: t.description,
    tags: t.tags,
    latestVersion,
    publishedAt: latest?.publishedAt.toISOString() ?? null,
    changeNote: latest?.changeNote ?? null,
    adoptions,
  };
}

/** The template library sub-app (mounted at `/api/district/templates`). */
export function templateRoutes(ctx: ApiContext) {
  const { db, clock } = ctx;
  const router = createRouter();
  router.use('*', requireAuth(ctx));
  return router
    .openapi(listTemplatesRoute, async (c) => {
      const p = c.var.principal;
      const districtId = districtOf(p);
      // A school sees the templates of its node and every node above it; a node's admin its own.
      const templates = p.schoolId ? await db.pathways.list({ districtId, schoolId: p.schoolId }, { templates: true }) : await db.pathways.list({ districtId, schoolId: null });
      const own = p.schoolId ? await db.pathways.list({ districtId, schoolId: p.schoolId }) : [];
      const items = [];
      for (const t of templates) if (t.archivedAt === null) items.push(await templateView(db, districtId, t, own));
      return c.json({ items }, 200);
    })
    .openapi(templateSourcesRoute, async (c) => {
      const districtId = districtOf(c.var.principal);
      const { schoolId } = c.req.valid('query');
      const school = await db.schools.get(schoolId);
      if (!school || school.districtId !== districtId) throw notFound();
      const scope = { districtId, schoolId };
      const items = [];
      for (const row of await db.pathways.list(scope)) {
        const versions = await db.pathways.listVersions(scope, row.id);
        if (versions.length > 0) items.push({ id: row.id, key: row.key, title: row.title, versions: versions.map((v) => v.version) });
      }
      return c.json({ items }, 200);
    })
    .openapi(publishTemplateRoute, async (c) => {
      const p = c.var.principal;
      const districtId = districtOf(p);
      const body = c.req.valid('json');
      const school = await db.schools.get(body.schoolId);
      if (!school || school.districtId !== districtId) throw notFound();
      const source = await db.pathways.get({ districtId, schoolId: school.id }, body.pathwayId);
      if (!source || source.schoolId !== school.id) throw notFound('pathway_not_found');
      const version = await db.pathways.getVersion({ districtId, schoolId: school.id }, source.id, body.version);
      if (!version) throw notFound('version_not_found');
      const parsed = parsePathway(version.document);
      if (!parsed.ok) throw new ApiError(422, 'lint_failed', 'lint_failed', { issues: parsed.error, diagnostics: [] });
      const diagnostics = lintPathway(parsed.value);
      if (diagnostics.some((d) => d.severity === 'error')) throw new ApiError(422, 'lint_failed', 'lint_failed', { issues: [], diagnostics });
      const scope = { districtId, schoolId: null };
      const key = body.key ?? source.key;
      const now = clock.now();
      const meta = { title: source.title, description: body.description ?? source.description, tags: body.tags ?? source.tags };
      const existing = await db.pathways.getByKey(scope, key);
      const saved = existing
        ? await db.pathways.updateDraft(scope, { id: existing.id, expectedRevision: existing.draftRevision, draft: version.document, ...meta, updatedBy: p.userId, now })
        : await db.pathways.create(scope, { key, ...meta, draft: version.document, updatedBy: p.userId, now });
      if (!saved.ok) throw fromDbError(saved.error, 'template_not_found');
      const changeNote = `Dari ${school.name}, ${source.title} v${version.version} / from ${school.name}, ${source.title} v${version.version}`;
      const published = await db.pathways.publish(scope, { id: saved.value.id, publishedBy: p.userId, now, changeNote });
      if (!published.ok) throw fromDbError(published.error, 'template_not_found');
      await db.audit.record({
        schoolId: null, actorId: p.userId, at: now, action: 'template.published', subject: saved.value.id,
        details: { key, version: published.value.version, fromSchoolId: school.id, fromPathwayId: source.id, fromVersion: version.version },
      });
      const view = await templateView(db, districtId, saved.value, []);
      return existing ? c.json(view, 200) : c.json(view, 201);
    })
    .openapi(pullTemplateRoute, async (c) => {
      const p = c.var.principal;
      const districtId = districtOf(p);
      const schoolId = schoolOf(p);
      const body = c.req.valid('json');
      const template = await db.pathways.get({ districtId, schoolId }, c.req.valid('param').id);
      if (!template || template.schoolId !== null) throw notFound('template_not_found');
      const latest = await db.pathways.latestVersion({ districtId: template.districtId, schoolId: null }, template.id);
      if (!latest) throw notFound('version_not_found');
      const scope = { districtId, schoolId };
      const own = await db.pathways.get(scope, body.pathwayId);
      if (!own || own.schoolId !== schoolId || own.sourceTemplateId !== template.id) throw notFound('pathway_not_found');
      const saved = await db.pathways.updateDraft(scope, {
        id: own.id, expectedRevision: body.expectedRevision, draft: latest.document, updatedBy: p.userId, now: clock.now(),
        sourceTemplateId: template.id, sourceVersion: latest.version,
      });
      if (!saved.ok) throw fromDbError(saved.error, 'pathway_not_found');
      await db.audit.record({ schoolId, actorId: p.userId, at: clock.now(), action: 'template.pulled', subject: own.id, details: { templateId: template.id, version: latest.version } });
      return c.json({ pathwayId: own.id, draftRevision: saved.value.draftRevision, sourceTemplateId: template.id, sourceVersion: latest.version }, 200);
    });
}
