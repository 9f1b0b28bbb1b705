/**
 * @jalur/documents — the BK paperwork as PDF (pure: recorded data in, PDF
 * bytes out) and the family-contact helpers (phone numbers, message templates).
 */
export * from './format.ts';
export * from './render.ts';
export * from './kinds.ts';
export * from './family.ts';
export * from './semester-report.ts';
