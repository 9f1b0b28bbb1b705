/**
 * Erasing a student's free text from their cases on PostgreSQL (UU PDP): the
 * same rule as `../sqlite/erasure.ts` — every `text` form field of the pinned
 * pathway version is replaced in the events' data and in the snapshot's
 * recorded forms alike, so the scrubbed events still replay to the scrubbed
 * snapshot. Runs inside the caller's transaction.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { caseEvents, cases, pathwayVersions } from '../schema-pg/index.ts';
import { ERASED, textFieldsOf } from '../sqlite/erasure.ts';
import type { Exec } from './context.ts';

/** `values` with every non-empty string field named in `names` replaced by {@link ERASED}. */
function scrub(values: unknown, names: Set<string>): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = names.has(k) && typeof v === 'string' && v !== '' ? ERASED : v;
  return out;
}

/** Scrubs one case's events and snapshot. Returns how many events changed. */
export async function eraseCaseText(tx: Exec, caseId: string): Promise<number> {
  const [c] = await tx
    .select({ snapshot: cases.snapshot, document: pathwayVersions.document })
    .from(cases)
    .innerJoin(pathwayVersions, eq(pathwayVersions.id, cases.pathwayVersionId))
    .where(eq(cases.id, caseId))
    .for('update', { of: cases });
  if (!c) return 0;
  const names = textFieldsOf(c.document);
  if (names.size === 0) return 0;
  const snapshot = c.snapshot as { context?: { form?: unknown; forms?: Record<string, unknown> } };
  if (snapshot.context) {
    snapshot.context.form = scrub(snapshot.context.form, names);
    if (snapshot.context.forms) {
      snapshot.context.forms = Object.fromEntries(Object.entries(snapshot.context.forms).map(([step, values]) => [step, scrub(values, names)]));
    }
  }
  await tx.update(cases).set({ snapshot }).where(eq(cases.id, caseId));
  let changed = 0;
  for (const e of await tx.select({ id: caseEvents.id, data: caseEvents.data }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), isNotNull(caseEvents.data)))) {
    const after = scrub(e.data, names) as Record<string, unknown> | null;
    if (JSON.stringify(after) !== JSON.stringify(e.data)) {
      await tx.update(caseEvents).set({ data: after }).where(eq(caseEvents.id, e.id));
      changed++;
    }
  }
  return changed;
}
