/** Pathways: editable drafts and their immutable published versions. */
// GENERATED from ../schema/pathways.ts by generate.mjs — do not edit by hand.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, json } from './columns.ts';
import { districts, schools, users } from './org.ts';

/**
 * A pathway owned by a school, or (school_id null) a district template.
 * `draft` is the editable document; `draftRevision` guards concurrent edits.
 */
export const pathways = pgTable(
  'pathways',
  {
    id: id(),
    districtId: text('district_id').notNull().references(() => districts.id),
    /** Null for a district template. */
    schoolId: text('school_id').references(() => schools.id),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    tags: json('tags').$type<string[]>().notNull().default(sql`'[]'::json`),
    draft: json('draft').$type<unknown>().notNull(),
    draftRevision: integer('draft_revision').notNull().default(1),
    updatedBy: text('updated_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
    createdAt: instant('created_at').notNull(),
    /** Lineage: the district template this pathway was adopted from… */
    sourceTemplateId: text('source_template_id'),
    /** …and that template's version number at adoption/last pull. */
    sourceVersion: integer('source_version'),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('pathways_school_key_uq').on(t.schoolId, t.key).where(sql`${t.schoolId} is not null`),
    uniqueIndex('pathways_template_key_uq').on(t.districtId, t.key).where(sql`${t.schoolId} is null`),
    index('pathways_source_idx').on(t.sourceTemplateId),
  ],
);

/** A published version: never updated, never deleted. */
export const pathwayVersions = pgTable(
  'pathway_versions',
  {
    id: id(),
    pathwayId: text('pathway_id').notNull().references(() => pathways.id),
    /** Copied from the pathway for tenancy filters (null for templates). */
    schoolId: text('school_id'),
    districtId: text('district_id').notNull(),
    version: integer('version').notNull(),
    document: json('document').$type<unknown>().notNull(),
    /** `sha256:<hex>` of the canonical JSON of `document`. */
    contentHash: text('content_hash').notNull(),
    /** What changed, in the publisher's words. */
    changeNote: text('change_note'),
    publishedBy: text('published_by').references(() => users.id),
    publishedAt: instant('published_at').notNull(),
  },
  (t) => [uniqueIndex('pathway_versions_uq').on(t.pathwayId, t.version)],
);
