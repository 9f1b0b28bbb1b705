/**
 * Monitoring and evaluation records (issue 15) — what the semester report
 * counts besides the cases: a student's satisfaction with a service (1–5),
 * and a student's participation in an ekstrakurikuler or the project work
 * (P5) in a semester. zod schemas shared by the API (validation) and the UI
 * (forms); labels in Bahasa Indonesia and English. Pure.
 */
import { z } from 'zod';
import { say, type Localized } from './text.ts';
import { isAcademicYear, SEMESTERS } from './school-year.ts';

/** The services a student can score. */
export const SURVEY_SERVICES = [
  'counseling_individual', 'counseling_group', 'home_visit', 'parent_meeting', 'peer_support', 'funding', 'foster_parent', 'referral', 'extracurricular', 'other',
] as const;
export type SurveyService = (typeof SURVEY_SERVICES)[number];

export const SURVEY_SERVICE_LABELS: Record<SurveyService, Localized> = {
  counseling_individual: say('Konseling individual', 'Individual counselling'),
  counseling_group: say('Konseling kelompok', 'Group counselling'),
  home_visit: say('Kunjungan rumah', 'Home visit'),
  parent_meeting: say('Pertemuan orang tua', 'Parent meeting'),
  peer_support: say('Konselor sebaya', 'Peer counselling'),
  funding: say('Bantuan dana', 'Financial aid'),
  foster_parent: say('Orang tua asuh', 'Foster parent'),
  referral: say('Rujukan', 'Referral'),
  extracurricular: say('Ekstrakurikuler', 'Extracurricular'),
  other: say('Layanan lain', 'Other service'),
};

/** What each score means, as the student is asked. */
export const SCORE_LABELS: Record<1 | 2 | 3 | 4 | 5, Localized> = {
  1: say('Sangat tidak puas', 'Very dissatisfied'),
  2: say('Tidak puas', 'Dissatisfied'),
  3: say('Cukup', 'Neutral'),
  4: say('Puas', 'Satisfied'),
  5: say('Sangat puas', 'Very satisfied'),
};

/** The two kinds of participation the report counts. */
export const ACTIVITY_KINDS = ['ekstrakurikuler', 'p5'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, Localized> = {
  ekstrakurikuler: say('Ekstrakurikuler', 'Extracurricular'),
  p5: say('Projek P5', 'P5 project work'),
};

const isoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
export const academicYearSchema = z.string().refine(isAcademicYear, { message: 'Tahun ajaran seperti 2025/2026 / an academic year like 2025/2026' });
export const semesterSchema = z.enum(SEMESTERS);

/** A student's score of a service, recorded on their case. */
export const satisfactionSchema = z
  .object({
    service: z.enum(SURVEY_SERVICES),
    score: z.number().int().min(1).max(5),
    /** The day the student gave it (default today); it counts in that day's semester. */
    date: isoDay.optional(),
  })
  .strict();
export type SatisfactionInput = z.infer<typeof satisfactionSchema>;

/** A student's participation in an activity in one semester. */
export const participationSchema = z
  .object({
    studentId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
    activity: z.enum(ACTIVITY_KINDS),
    /** The activity's name (`Pramuka`, `Projek kearifan lokal`). */
    name: z.string().trim().min(1).max(120),
    academicYear: academicYearSchema,
    semester: semesterSchema,
    attended: z.boolean(),
  })
  .strict();
export type ParticipationInput = z.infer<typeof participationSchema>;
