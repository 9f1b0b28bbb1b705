/**
 * A case's submitted steps as people read them (issue 15, "step data stays
 * visible"): which step, who submitted it (by name), when, and the answers
 * as words (`@jalur/casework`'s `answerRows`: choices by their labels,
 * register entries by their names, never an id) — within the caller's
 * confidentiality level (`canSeeContent` over the step's level, as the
 * timeline and the case book decide it). The case page, the timeline and the
 * case book all read the same submissions.
 */
import { answerRows, canSeeContent, type AnswerRow, type Confidentiality, type RegisterNameLookup } from '@jalur/casework';
import type { CaseEventRow, JalurDb } from '@jalur/db';
import type { CompiledPathway, RegisterKind } from '@jalur/engine';
import { eventLevel } from '../cases/step-visibility.ts';

/** The step an event recorded answers for: the first of its `state_before` steps whose form has one of its keys. */
export function stepOfSubmission(compiled: CompiledPathway, e: Pick<CaseEventRow, 'stateBefore' | 'data'>): string | null {
  if (!e.stateBefore || !e.data || Object.keys(e.data).length === 0) return null;
  const keys = Object.keys(e.data);
  for (const s of e.stateBefore.split(',')) {
    const form = compiled.steps.get(s)?.form ?? [];
    if (form.some((f) => keys.includes(f.name))) return s;
  }
  return null;
}

/** Register tables and the name each entry reads by (peer counsellors by their student's name). */
const REGISTER_SQL: Record<RegisterKind, string> = {
  fund: 'SELECT name FROM funds WHERE school_id = $1 AND id = $2',
  partner: 'SELECT name FROM referral_partners WHERE school_id = $1 AND id = $2',
  peer_counsellor: 'SELECT s.name AS name FROM peer_counsellors p JOIN students s ON s.id = p.student_id WHERE p.school_id = $1 AND p.id = $2',
};

/**
 * The names of the register entries the given answers point at, looked up
 * in the case's school (another school's entry is not named). A register
 * whose table is not there yet (or any failed read) names nothing: the
 * answer then reads as a neutral "entri daftar".
 */
export async function registerNames(db: JalurDb, schoolId: string, wanted: Iterable<{ kind: RegisterKind | undefined; id: string }>): Promise<RegisterNameLookup> {
  const names = new Map<string, string>();
  const h = db.reportHandle;
  for (const { kind, id } of wanted) {
    if (!kind || names.has(`${kind}:${id}`)) continue;
    const sql = REGISTER_SQL[kind];
    try {
      let name: unknown;
      if (h.dialect === 'sqlite') name = (h.sqlite.prepare(sql.replace(/\$\d/g, '?')).get(schoolId, id) as { name?: unknown } | undefined)?.name;
      else name = ((await h.client.unsafe(sql, [schoolId, id])) as { name?: unknown }[])[0]?.name;
      if (typeof name === 'string' && name.trim() !== '') names.set(`${kind}:${id}`, name);
    } catch {
      // No such register yet, or it cannot be read: the answer reads as "entri daftar".
    }
  }
  return (kind, id) => (kind ? (names.get(`${kind}:${id}`) ?? null) : null);
}

/** The register fields of a compiled pathway's steps, with the ids an event's data holds for them. */
function registerRefs(compiled: CompiledPathway, stateId: string, data: Record<string, unknown>): { kind: RegisterKind | undefined; id: string }[] {
  const out: { kind: RegisterKind | undefined; id: string }[] = [];
  for (const f of compiled.steps.get(stateId)?.form ?? []) {
    if (f.type !== 'register') continue;
    const v = data[f.name];
    for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string') out.push({ kind: f.register, id });
  }
  return out;
}

export interface Submission {
  event: CaseEventRow;
  stateId: string;
  level: Confidentiality;
  visible: boolean;
}

/** Every step submission of a case's events, and whether `viewer` may read its answers. */
export function submissionsOf(
  compiled: CompiledPathway,
  events: readonly CaseEventRow[],
  viewer: { id: string; role: Parameters<typeof canSeeContent>[1]['role'] },
  assigneeId: string | null,
  steps: ReadonlySet<string> | null = null,
): Submission[] {
  const out: Submission[] = [];
  for (const e of events) {
    const stateId = stepOfSubmission(compiled, e);
    if (!stateId) continue;
    if (steps && !steps.has(stateId)) continue;
    const level = eventLevel(compiled, e.stateBefore);
    out.push({ event: e, stateId, level, visible: canSeeContent(level, viewer, e.actorId ?? '', assigneeId) });
  }
  return out;
}

/** The names of the register entries the visible submissions point at. */
export function registerLookupOf(db: JalurDb, schoolId: string, compiled: CompiledPathway, subs: readonly Submission[]): Promise<RegisterNameLookup> {
  return registerNames(db, schoolId, subs.filter((s) => s.visible).flatMap((s) => registerRefs(compiled, s.stateId, s.event.data ?? {})));
}

/** The answers of the visible submissions as words, register entries named in `schoolId`. */
export async function answersOf(db: JalurDb, schoolId: string, compiled: CompiledPathway, subs: readonly Submission[]): Promise<Map<number, AnswerRow[]>> {
  const lookup = await registerLookupOf(db, schoolId, compiled, subs);
  const out = new Map<number, AnswerRow[]>();
  for (const s of subs) if (s.visible) out.set(s.event.seq, answerRows(compiled.steps.get(s.stateId)?.form ?? [], s.event.data ?? {}, lookup));
  return out;
}
