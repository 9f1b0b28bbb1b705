/** Pathway drafts (revisioned) and immutable published versions on PostgreSQL. */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { pathways, pathwayVersions } from '../schema-pg/index.ts';
import type { PathwayRepo, PathwayScope } from '../repository.ts';
import type { PathwayRow, PathwayVersionRow } from '../rows.ts';
import { fail, ok, type DbResult } from '../result.ts';
import { contentHash } from '../content-hash.ts';
import { first, newId, pgCode, transact, type Exec, type PgContext } from './context.ts';

/** The node `districtId` and every node above it in the oversight tree (its ancestors), as SQL. */
const nodeAndAncestors = (districtId: string) =>
  sql`(WITH RECURSIVE up(id, parent) AS (SELECT id, parent_id FROM districts WHERE id = ${districtId}::text UNION SELECT d.id, d.parent_id FROM districts d JOIN up ON d.id = up.parent) SELECT id FROM up)`;

/**
 * Rows the scope may read: its school's pathways and the templates of its
 * node and every node above it (a province's template reaches its SMKs
 * through their cabang dinas); a node's admin reads its own templates.
 */
const readable = (scope: PathwayScope) =>
  scope.schoolId === null
    ? and(eq(pathways.districtId, scope.districtId), isNull(pathways.schoolId))
    : sql`((${pathways.districtId} = ${scope.districtId} AND ${pathways.schoolId} = ${scope.schoolId}) OR (${pathways.schoolId} IS NULL AND ${pathways.districtId} IN ${nodeAndAncestors(scope.districtId)}))`;

/** The scope owns (may edit and publish) the row. */
const owns = (scope: PathwayScope, row: PathwayRow) => row.districtId === scope.districtId && row.schoolId === scope.schoolId;

const keyTaken = (key: string) => fail<never>('conflict', `Kunci jalur "${key}" sudah dipakai / pathway key already used`);

export function createPathwayRepo(ctx: PgContext): PathwayRepo {
  const { db } = ctx;
  const versionCache = new Map<string, PathwayVersionRow>();
  const getReadable = async (x: Exec, scope: PathwayScope, id: string, lock = false) => {
    const q = x.select().from(pathways).where(and(eq(pathways.id, id), readable(scope)));
    return first(await (lock ? q.for('update') : q));
  };
  const byKey = async (x: Exec, scope: PathwayScope, key: string) =>
    first(
      await x
        .select()
        .from(pathways)
        .where(and(eq(pathways.districtId, scope.districtId), eq(pathways.key, key), scope.schoolId === null ? isNull(pathways.schoolId) : eq(pathways.schoolId, scope.schoolId))),
    );
  const versionOf = async (x: Exec, pathwayId: string, version: number) =>
    first(await x.select().from(pathwayVersions).where(and(eq(pathwayVersions.pathwayId, pathwayId), eq(pathwayVersions.version, version))));
  const latestOf = async (x: Exec, pathwayId: string) =>
    first(await x.select().from(pathwayVersions).where(eq(pathwayVersions.pathwayId, pathwayId)).orderBy(desc(pathwayVersions.version)).limit(1));

  /** Inserts a draft; the partial unique indexes settle a race between two processes on one key. */
  async function insertPathway(x: Exec, scope: PathwayScope, input: Parameters<PathwayRepo['create']>[1]): Promise<DbResult<PathwayRow>> {
    if (await byKey(x, scope, input.key)) return keyTaken(input.key);
    const [row] = await x
      .insert(pathways)
      .values({
        id: newId(), districtId: scope.districtId, schoolId: scope.schoolId, key: input.key, title: input.title, description: input.description ?? null,
        tags: input.tags ?? [], draft: input.draft, draftRevision: 1, updatedBy: input.updatedBy, updatedAt: input.now, createdAt: input.now,
        sourceTemplateId: input.sourceTemplateId ?? null, sourceVersion: input.sourceVersion ?? null,
      })
      .returning();
    return ok(row!);
  }

  /** A unique violation on insert is the same answer as the pre-check: the key is taken. */
  async function guardKey(key: string, fn: () => Promise<DbResult<PathwayRow>>): Promise<DbResult<PathwayRow>> {
    try {
      return await fn();
    } catch (err) {
      if (pgCode(err) === '23505') return keyTaken(key);
      throw err;
    }
  }

  const repo: PathwayRepo = {
    async create(scope, input) {
      return guardKey(input.key, () => transact(ctx, (tx) => insertPathway(tx, scope, input)));
    },
    async get(scope, id) {
      return (await getReadable(db, scope, id)) ?? null;
    },
    async getByKey(scope, key) {
      return (await byKey(db, scope, key)) ?? null;
    },
    async list(scope, filter = {}) {
      const where = filter.templates
        ? scope.schoolId === null
          ? and(eq(pathways.districtId, scope.districtId), isNull(pathways.schoolId))
          : and(isNull(pathways.schoolId), sql`${pathways.districtId} IN ${nodeAndAncestors(scope.districtId)}`)
        : scope.schoolId === null
          ? and(eq(pathways.districtId, scope.districtId), isNull(pathways.schoolId))
          : eq(pathways.schoolId, scope.schoolId);
      return db.select().from(pathways).where(where).orderBy(asc(pathways.title));
    },
    async updateDraft(scope, input) {
      return transact(ctx, async (tx): Promise<DbResult<PathwayRow>> => {
        const row = await getReadable(tx, scope, input.id, true);
        if (!row || !owns(scope, row)) return fail('not_found', 'Jalur tidak ditemukan / pathway not found');
        if (row.draftRevision !== input.expectedRevision) {
          return fail('version_conflict', `Draf sudah diubah orang lain (revisi ${row.draftRevision}) / draft changed (revision ${row.draftRevision})`, { current: row.draftRevision });
        }
        const [updated] = await tx
          .update(pathways)
          .set({
            draft: input.draft, draftRevision: row.draftRevision + 1, updatedBy: input.updatedBy, updatedAt: input.now,
            ...(input.title !== undefined && { title: input.title }),
            ...(input.description !== undefined && { description: input.description }),
            ...(input.tags !== undefined && { tags: input.tags }),
            ...(input.sourceTemplateId !== undefined && { sourceTemplateId: input.sourceTemplateId }),
            ...(input.sourceVersion !== undefined && { sourceVersion: input.sourceVersion }),
          })
          .where(and(eq(pathways.id, row.id), eq(pathways.draftRevision, row.draftRevision)))
          .returning();
        return updated ? ok(updated) : fail('version_conflict', 'Draf sudah diubah / draft changed', { current: row.draftRevision + 1 });
      });
    },
    async publish(scope, input) {
      return transact(ctx, async (tx): Promise<DbResult<PathwayVersionRow>> => {
        // The row lock numbers versions one at a time across processes.
        const row = await getReadable(tx, scope, input.id, true);
        if (!row || !owns(scope, row)) return fail('not_found', 'Jalur tidak ditemukan / pathway not found');
        if (input.expectedRevision !== undefined && input.expectedRevision !== row.draftRevision) {
          return fail('version_conflict', `Draf sudah diubah (revisi ${row.draftRevision}) / draft changed`, { current: row.draftRevision });
        }
        if (row.draft == null) return fail('invalid', 'Draf kosong / empty draft');
        const version = ((await latestOf(tx, row.id))?.version ?? 0) + 1;
        const [published] = await tx
          .insert(pathwayVersions)
          .values({
            id: newId(), pathwayId: row.id, schoolId: row.schoolId, districtId: row.districtId, version, document: row.draft,
            contentHash: contentHash(row.draft), changeNote: input.changeNote ?? null, publishedBy: input.publishedBy, publishedAt: input.now,
          })
          .returning();
        await ctx.audit(tx, { schoolId: row.schoolId, actorId: input.publishedBy, action: 'pathway.publish', subject: `pathway:${row.id}`, details: { version, contentHash: published!.contentHash }, at: input.now });
        return ok(published!);
      });
    },
    async listVersions(scope, pathwayId) {
      if (!(await getReadable(db, scope, pathwayId))) return [];
      return db.select().from(pathwayVersions).where(eq(pathwayVersions.pathwayId, pathwayId)).orderBy(asc(pathwayVersions.version));
    },
    async getVersion(scope, pathwayId, version) {
      if (!(await getReadable(db, scope, pathwayId))) return null;
      return (await versionOf(db, pathwayId, version)) ?? null;
    },
    async latestVersion(scope, pathwayId) {
      if (!(await getReadable(db, scope, pathwayId))) return null;
      return (await latestOf(db, pathwayId)) ?? null;
    },
    async getVersionById(id) {
      let row = versionCache.get(id);
      if (!row) {
        row = first(await db.select().from(pathwayVersions).where(eq(pathwayVersions.id, id)));
        if (row) versionCache.set(id, row);
      }
      return row ?? null;
    },
    async setArchived(scope, id, archivedAt) {
      const row = await getReadable(db, scope, id);
      if (!row || !owns(scope, row)) return fail('not_found', 'Jalur tidak ditemukan / pathway not found');
      const [updated] = await db.update(pathways).set({ archivedAt }).where(eq(pathways.id, row.id)).returning();
      return updated ? ok(updated) : fail('not_found', 'Jalur tidak ditemukan / pathway not found');
    },
    async adoptTemplate(scope, input) {
      const key = input.key;
      return guardKey(key ?? '', () =>
        transact(ctx, async (tx): Promise<DbResult<PathwayRow>> => {
          if (scope.schoolId === null) return fail('invalid', 'Hanya sekolah yang bisa mengadopsi templat / only a school adopts a template');
          const template = await getReadable(tx, scope, input.templateId);
          if (!template || template.schoolId !== null) return fail('not_found', 'Templat tidak ditemukan / template not found');
          const v = input.version !== undefined ? await versionOf(tx, template.id, input.version) : await latestOf(tx, template.id);
          if (!v) return fail('not_found', 'Versi templat tidak ditemukan / template version not found');
          return insertPathway(tx, scope, {
            key: key ?? template.key, title: template.title, description: template.description, tags: template.tags, draft: v.document,
            updatedBy: input.updatedBy, now: input.now, sourceTemplateId: template.id, sourceVersion: v.version,
          });
        }),
      );
    },
  };
  return repo;
}
