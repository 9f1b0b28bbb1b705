/** Student request and response schemas. */
import { z } from '@hono/zod-openapi';
import { STUDENT_STATUSES } from '@jalur/casework';
import { dateSchema, dateTimeSchema, nisnSchema, pageQuery } from './common.ts';

export const studentSchema = z
  .object({
    id: z.string(),
    nisn: z.string(),
    name: z.string(),
    className: z.string(),
    gender: z.enum(['L', 'P']).nullable(),
    birthDate: dateSchema.nullable(),
    guardianName: z.string().nullable(),
    guardianPhone: z.string().nullable(),
    /** aktif, mutasi masuk, mutasi keluar (pindah), keluar / putus sekolah, lulus. */
    status: z.enum(STUDENT_STATUSES),
    /** The day the status took effect, and why (for a student who left). */
    statusDate: dateSchema.nullable(),
    statusReason: z.string().nullable(),
    /** From the Dapodik roster: parents, PIP/KIP, the way to school (null: not known). */
    fatherName: z.string().nullable(),
    motherName: z.string().nullable(),
    pipEligible: z.boolean().nullable(),
    kipHolder: z.boolean().nullable(),
    pipReceived: z.boolean().nullable(),
    distanceKm: z.number().nullable(),
    transport: z.string().nullable(),
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .openapi('Student');

export const createStudentBodySchema = z
  .object({
    nisn: nisnSchema,
    name: z.string().trim().min(1).max(200),
    className: z.string().trim().min(1).max(40),
    gender: z.enum(['L', 'P']).optional(),
    birthDate: dateSchema.optional(),
    guardianName: z.string().trim().max(200).optional(),
    guardianPhone: z.string().trim().max(40).regex(/^[0-9+() -]*$/, 'phone').optional(),
  })
  .openapi('CreateStudentRequest');

export const studentListQuerySchema = z.object({
  className: z.string().max(40).optional(),
  status: z.enum(STUDENT_STATUSES).optional(),
  search: z.string().max(100).optional(),
  ...pageQuery,
});
