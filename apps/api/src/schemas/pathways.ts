/** Pathway (draft and published version) request and response schemas. */
import { z } from '@hono/zod-openapi';
import { say } from '../http/zod-messages.ts';
import { dateTimeSchema, localizedSchema } from './common.ts';

/**
 * A pathway document travels as a JSON object; its full structure is checked
 * by the engine's `parsePathway` (which reports precise paths), not here.
 */
export const documentSchema = z
  // Passed through as parsed (not copied key by key like `z.record`), so a `__proto__` key stays an own key the engine refuses.
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'Dokumen harus berupa objek JSON / the document must be a JSON object' })
  .openapi('PathwayDocument', { type: 'object', additionalProperties: true, description: 'Dokumen alur `jalur.pathway/1` / a pathway document' });

export const pathwaySummarySchema = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    scope: z.enum(['school', 'template']),
    schoolId: z.string().nullable(),
    draftRevision: z.number().int(),
    latestVersion: z.number().int().nullable(),
    sourceTemplateId: z.string().nullable(),
    sourceVersion: z.number().int().nullable(),
    updatedAt: dateTimeSchema,
    /** When the pathway was archived (not offered for new cases), or null. */
    archivedAt: dateTimeSchema.nullable(),
  })
  .openapi('PathwaySummary');

export const versionSummarySchema = z
  .object({
    id: z.string(),
    pathwayId: z.string(),
    version: z.number().int(),
    contentHash: z.string(),
    changeNote: z.string().nullable(),
    publishedBy: z.string().nullable(),
    publishedAt: dateTimeSchema,
  })
  .openapi('PathwayVersionSummary');

export const pathwayDetailSchema = pathwaySummarySchema
  .extend({ draft: documentSchema, versions: z.array(versionSummarySchema) })
  .openapi('Pathway');

export const versionDetailSchema = versionSummarySchema.extend({ document: documentSchema }).openapi('PathwayVersion');

export const createPathwayBodySchema = z
  .object({
    document: documentSchema.optional(),
    templateKey: z.string().min(1).max(80).optional(),
    templateId: z.string().min(1).max(64).optional(),
    /** Template version to fork; default the latest. */
    version: z.number().int().min(1).optional(),
    /** The new pathway's key (default: the document's or the template's key). */
    key: z.string().min(1).max(80).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/).optional(),
  })
  .refine((b) => [b.document, b.templateKey, b.templateId].filter((x) => x !== undefined).length === 1, {
    message: 'Kirim tepat satu dari document, templateKey atau templateId / send exactly one of document, templateKey, templateId',
  })
  .openapi('CreatePathwayRequest');

export const updateDraftBodySchema = z
  .object({ document: documentSchema, expectedRevision: z.number().int().min(0) })
  .openapi('UpdateDraftRequest');

export const publishBodySchema = z
  .object({ expectedRevision: z.number().int().min(0).optional(), changeNote: z.string().max(2000).optional() })
  .openapi('PublishRequest');

/** `document` is required; any JSON value is linted (what is wrong with it is the answer, 200 `valid: false`). */
export const lintBodySchema = z
  .object({
    document: z
      .custom<unknown>((v) => v !== undefined, { message: say('Kirim dokumen yang akan diperiksa', 'Send the document to lint') })
      .openapi({ type: ['object', 'array', 'string', 'number', 'boolean', 'null'], description: 'Dokumen alur (nilai JSON apa pun) / the pathway document (any JSON value)' }),
  })
  .openapi('LintRequest');

export const diagnosticSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    message: localizedSchema,
    state: z.string().optional(),
    transition: z.object({ source: z.string(), event: z.string(), index: z.number() }).optional(),
  })
  .openapi('Diagnostic');

export const documentIssueSchema = z
  .object({ path: z.array(z.union([z.string(), z.number()])), message: localizedSchema })
  .openapi('DocumentIssue');

export const lintResultSchema = z
  .object({ valid: z.boolean(), issues: z.array(documentIssueSchema), diagnostics: z.array(diagnosticSchema) })
  .openapi('LintResult');

export const versionParamsSchema = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }),
  v: z.coerce.number().int().min(1).max(1_000_000).openapi({ param: { name: 'v', in: 'path' } }),
});

export const xstateExportSchema = z
  .object({
    config: z.record(z.string(), z.unknown()),
    /** Delay names in milliseconds: `createMachine(config).provide({ delays, guards })`. */
    delays: z.record(z.string(), z.number()),
    /** Guard implementations are code: import `guardImplementations` from `@jalur/engine`. */
    guards: z.array(z.string()),
  })
  .openapi('XStateExport');
