/** The OpenAPI route definitions of `/api/cases` (schemas in ../schemas/cases.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import {
  advanceBodySchema, assignBodySchema, boardQuerySchema, boardSchema, caseEventSchema, caseListQuerySchema, caseViewSchema, createCaseBodySchema,
  idempotencyHeaderSchema,
} from '../schemas/cases.ts';
import { errorResponses, idParamsSchema, json, jsonBody, replayableJson } from '../schemas/common.ts';

export const create = createRoute({
  method: 'post', path: '/', tags: ['cases'], summary: 'Buka kasus / open a case',
  request: { headers: idempotencyHeaderSchema, body: jsonBody(createCaseBodySchema) },
  responses: { 201: replayableJson(caseViewSchema, 'Kasus baru / the new case'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
export const list = createRoute({
  method: 'get', path: '/', tags: ['cases'], summary: 'Daftar kasus / list cases',
  request: { query: caseListQuerySchema },
  responses: { 200: json(z.object({ items: z.array(caseViewSchema) }), 'Kasus'), ...errorResponses(400, 401, 403) },
});
export const get = createRoute({
  method: 'get', path: '/{id}', tags: ['cases'], summary: 'Satu kasus / one case',
  request: { params: idParamsSchema },
  responses: { 200: json(caseViewSchema, 'Kasus'), ...errorResponses(400, 401, 403, 404) },
});
export const timeline = createRoute({
  method: 'get', path: '/{id}/events', tags: ['cases'], summary: 'Linimasa kejadian / event timeline',
  request: { params: idParamsSchema },
  responses: { 200: json(z.object({ items: z.array(caseEventSchema) }), 'Kejadian'), ...errorResponses(400, 401, 403, 404) },
});
export const advance = createRoute({
  method: 'post', path: '/{id}/events', tags: ['cases'], summary: 'Kirim kejadian / advance the case',
  request: { params: idParamsSchema, headers: idempotencyHeaderSchema, body: jsonBody(advanceBodySchema) },
  responses: { 200: replayableJson(caseViewSchema, 'Kasus sesudahnya / the case after the event'), ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});

export const board = createRoute({
  method: 'get', path: '/board', tags: ['cases'], summary: 'Jumlah kasus per langkah / case counts per step',
  request: { query: boardQuerySchema },
  responses: { 200: json(boardSchema, 'Kolom papan'), ...errorResponses(400, 401, 403) },
});
export const assign = createRoute({
  method: 'put', path: '/{id}/assignee', tags: ['cases'], summary: 'Tetapkan penanggung jawab / assign the case',
  request: { params: idParamsSchema, body: jsonBody(assignBodySchema) },
  responses: { 200: json(caseViewSchema, 'Kasus'), ...errorResponses(400, 401, 403, 404, 413, 422) },
});
