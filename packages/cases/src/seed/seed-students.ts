/**
 * Demo roster facts, as a Dapodik export would give them (issue 14): the
 * parents' names, PIP/KIP (Layak PIP, Penerima KIP, and whether PIP was
 * received this year) and the way to school (distance in km, transport).
 * A coastal SMK like SMKN 1 Tanjung Jabung Timur has students who come by
 * boat or walk far; most live within a few kilometres. Deterministic from
 * the seed's random source.
 */
import type { JalurDb, StudentRow } from '@jalur/db';

const FATHERS = ['Supriadi', 'Hasan', 'Rusli', 'Syamsul', 'Darmawan', 'Junaidi', 'Ahmad Yani', 'Zulkifli', 'Mulyadi', 'Herman'];
const MOTHERS = ['Marlina', 'Aisyah', 'Sari', 'Rohani', 'Nurhasanah', 'Yusnidar', 'Fatimah', 'Sumiati', 'Halimah', 'Wati'];

/** The facts of the `i`-th student: about a quarter hold a KIP, some more are eligible for PIP; most live near. */
export function rosterFactsOf(i: number, random: () => number) {
  const kipHolder = random() < 0.25;
  const pipEligible = !kipHolder && random() < 0.15;
  const pipReceived = kipHolder || pipEligible ? random() < 0.6 : null;
  const r = random();
  const distanceKm = Math.round((r < 0.7 ? 0.5 + random() * 4 : r < 0.9 ? 5 + random() * 5 : 10 + random() * 12) * 10) / 10;
  const transport =
    distanceKm < 1.5 ? 'Jalan kaki'
    : distanceKm >= 10 && i % 3 === 0 ? 'Perahu penyeberangan/Rakit/Getek'
    : distanceKm >= 5 && i % 7 === 0 ? 'Jalan kaki'
    : distanceKm >= 8 ? 'Angkutan umum/bus/pete-pete'
    : i % 4 === 0 ? 'Sepeda' : 'Sepeda motor';
  return { fatherName: FATHERS[i % FATHERS.length]!, motherName: MOTHERS[(i * 3) % MOTHERS.length]!, kipHolder, pipEligible, pipReceived, distanceKm, transport };
}

/** Writes the roster facts of `students`; returns the rows as they now are. */
export async function addRosterFacts(db: JalurDb, schoolId: string, students: readonly StudentRow[], now: Date, random: () => number): Promise<StudentRow[]> {
  const out: StudentRow[] = [];
  for (const [i, s] of students.entries()) {
    const r = await db.students.update(schoolId, s.id, rosterFactsOf(i, random), { now, actorId: null });
    if (!r.ok) throw new Error(`roster facts: ${r.error.message}`);
    out.push(r.value);
  }
  return out;
}

const DAY = 86_400_000;
/** Days between a demo case's last step and today, by case: most recent (on time or due soon), a few long ago (late). */
const LAST_STEP_DAYS_AGO = [0.3, 1, 2, 0.6, 3, 1.5, 10, 0.8, 4, 16] as const;

/**
 * When a demo case opens so that its last step lands a few days before
 * `now` (steps two days apart, a timer a week): the board then shows a
 * realistic mix — most tasks on time, some due soon, some late — on any day
 * the demo starts, instead of every task long overdue.
 */
export function openedAtFor(steps: readonly (readonly [string, ...unknown[]])[], i: number, now: Date): Date {
  const span = steps.reduce((d, [type]) => d + (type.startsWith('xstate.after.') ? 7 : 2), 0);
  return new Date(now.getTime() - (span + LAST_STEP_DAYS_AGO[i % LAST_STEP_DAYS_AGO.length]!) * DAY);
}
