/**
 * Outcomes of closed cases. The db records the final state's name when the
 * API gives no outcome, so the SRPS closure states are mapped onto the five
 * outcomes schools report (issue 7).
 */

export const REPORTED_OUTCOMES = ['resolved', 'still_enrolled', 'transferred', 'dropped_out', 'referred', 'other'] as const;
export type ReportedOutcome = (typeof REPORTED_OUTCOMES)[number];

/** Final-state names of the workflows/ templates, by outcome. */
const FINAL_STATE_OUTCOMES: Record<string, ReportedOutcome> = {
  selesai_tuntas: 'resolved',
  tuntas: 'resolved',
  selesai: 'resolved',
  selesai_tetap_bersekolah: 'still_enrolled',
  tetap_bersekolah: 'still_enrolled',
  selesai_pindah: 'transferred',
  pindah: 'transferred',
  selesai_putus_sekolah: 'dropped_out',
  putus_sekolah: 'dropped_out',
  selesai_dirujuk: 'referred',
  dirujuk: 'referred',
};

/** The reported outcome of a stored `cases.outcome` (a canonical outcome or a final state's name). */
export function reportedOutcome(stored: string | null): ReportedOutcome {
  if (stored === null) return 'other';
  if ((REPORTED_OUTCOMES as readonly string[]).includes(stored)) return stored as ReportedOutcome;
  return FINAL_STATE_OUTCOMES[stored] ?? 'other';
}

/** Sums raw `(outcome, count)` rows into every reported outcome (zeros included). */
export function tallyOutcomes(rows: readonly { outcome: string | null; count: number }[]): Record<ReportedOutcome, number> {
  const tally = Object.fromEntries(REPORTED_OUTCOMES.map((o) => [o, 0])) as Record<ReportedOutcome, number>;
  for (const r of rows) tally[reportedOutcome(r.outcome)] += r.count;
  return tally;
}
