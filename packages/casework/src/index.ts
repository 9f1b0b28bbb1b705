/**
 * @jalur/casework — the pure rules of case work: roster and indicator
 * imports, early warning with hysteresis, school days, referrals, record
 * schemas and who may see what. No I/O: the API and the UI both call these.
 */
export * from './text.ts';
export * from './csv.ts';
export * from './roster.ts';
export * from './indicators.ts';
export * from './school-days.ts';
export * from './early-warning.ts';
export * from './flag-hysteresis.ts';
export * from './referral.ts';
export * from './visibility.ts';
export * from './records.ts';
export * from './tasks.ts';
export * from './school-year.ts';
export * from './prefill.ts';
export * from './step-answers.ts';
export * from './me-records.ts';
export type * from './process-view.ts';
