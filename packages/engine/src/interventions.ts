/**
 * Case work as counsellors actually do it: the risk factors change during a
 * case, a planned step turns out not to be needed (skipped, with a reason),
 * and an intervention the pathway did not plan is added (a second home
 * visit, a referral). Each is a case-work event (`casework-events.ts`) that
 * passes the engine's gate like any other: this module holds the rules about
 * its data and the way a skipped step moves on.
 */
import type { Actor, CaseContext, CaseEvent, Effect, FieldError } from './contract.ts';
import { RISK_FACTORS, STEP_KINDS, type Localized, type StepKind } from './document.ts';
import type { CompiledPathway } from './compile.ts';
import { evaluateGuard, guardFields, type EngineEvent } from './guards.ts';
import { listStates, transitionsOf, type StateEntry, type TransitionEntry } from './state-tree.ts';
import { handlersFor, isWildcard } from './available.ts';
import { addedInterventions, isReservedEvent } from './casework-events.ts';

/** The kinds of intervention a guru BK may add during a case (the step kinds that are work with the student). */
export const INTERVENTION_KINDS = [
  'counseling_individual', 'counseling_group', 'home_visit', 'case_conference', 'parent_meeting', 'funding',
  'foster_parent', 'peer_support', 'extracurricular', 'referral', 'monitoring', 'custom',
] as const satisfies readonly StepKind[];
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/** The longest reason or title a case-work record keeps. */
export const CASEWORK_TEXT_MAX = 2000;

/** The task row's step key of an added intervention (`+intervensi.<id>`): a key no drawn step has in practice, unique by the id. */
export const addedInterventionStep = (interventionId: string): string => `+intervensi.${interventionId}`;
/** Is this task key an added intervention's (not a step of the pathway: version migration leaves its task alone)? */
export const isAddedInterventionStep = (stateId: string): boolean => stateId.startsWith('+intervensi.');

/** One way a step can move on without its data: the event sent for it and where it leads. */
export interface SkipWay {
  event: string;
  label: Localized;
  targets: string[];
}

const stateEntries = new WeakMap<CompiledPathway, Map<string, StateEntry>>();

function entryOf(p: CompiledPathway, stateId: string): StateEntry | undefined {
  let map = stateEntries.get(p);
  if (!map) {
    map = new Map(listStates(p.doc.machine).map((e) => [e.id, e]));
    stateEntries.set(p, map);
  }
  return map.get(stateId);
}

/** Active paths (the root, the leaves and everything between) from the active leaves. */
function withAncestors(leaves: readonly string[]): string[] {
  const out = new Set<string>(['']);
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}

/**
 * The ways an active step can move on when the guru BK skips it: its own
 * events (not timers, not automatic), each the transition XState would take
 * for it with no form data — its guard passes on the case as it is and does
 * not read the step's own form — that leads somewhere else, and that no
 * other active step (a parallel region) answers as well. Empty: the step
 * cannot be skipped (it has no way forward without data, or it is a
 * decision).
 */
export function skipWays(p: CompiledPathway, context: CaseContext, activeLeaves: readonly string[], stateId: string, actor?: Actor): SkipWay[] {
  if (!activeLeaves.includes(stateId)) return [];
  const entry = entryOf(p, stateId);
  const meta = p.steps.get(stateId);
  // A decision is not an intervention: it chooses the way, it is never skipped.
  if (!entry || !meta || entry.kind !== 'atomic' || meta.kind === 'decision' || meta.kind === 'closure') return [];
  const own = new Set((meta.form ?? []).map((f) => f.name));
  const readsStepData = (t: TransitionEntry): boolean =>
    t.guard !== undefined &&
    guardFields(t.guard).some((f) => f === 'form' || f === 'forms' || f.startsWith(`forms.${stateId}.`) || (f.startsWith('form.') && own.has(f.split('.')[1] ?? '')));
  const byEvent = new Map<string, TransitionEntry[]>();
  for (const t of transitionsOf(entry)) {
    if (t.delay !== undefined || t.event === 'always' || t.event === 'onDone' || isReservedEvent(t.event) || isWildcard(t.event)) continue;
    byEvent.set(t.event, [...(byEvent.get(t.event) ?? []), t]);
  }
  const activePaths = withAncestors(activeLeaves);
  const self = entry.path[entry.path.length - 1];
  const ways: SkipWay[] = [];
  for (const [event, list] of byEvent) {
    const elsewhere = handlersFor(p, activePaths, event).some((h) => h.source !== stateId && !stateId.startsWith(h.source === '' ? '' : `${h.source}.`));
    if (elsewhere) continue;
    const probe: EngineEvent = { type: event, ...(actor ? { actor } : {}) };
    const taken = list.find((t) => t.guard === undefined || evaluateGuard(t.guard, context, probe));
    if (!taken || readsStepData(taken)) continue;
    if (taken.targets.length === 0 || taken.targets.every((t) => t === self || t === `.${self}`)) continue;
    ways.push({ event, label: taken.config.meta?.label ?? { id: event, en: event }, targets: [...taken.targets] });
  }
  return ways;
}

const reasonOk = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= CASEWORK_TEXT_MAX;

const field = (name: string, id: string, en: string): FieldError => ({ field: name, message: { id, en } });
const needReason = (): FieldError =>
  field('reason', `Alasan wajib diisi (paling banyak ${CASEWORK_TEXT_MAX} karakter).`, `A reason is required (at most ${CASEWORK_TEXT_MAX} characters).`);

/**
 * What is wrong with a case-work record's data for the case as it is now
 * (empty: nothing). Consent and approval records are checked by their own
 * features; this covers the risk factors and the interventions.
 */
export function checkCaseworkData(context: CaseContext, event: CaseEvent): FieldError[] {
  const d = event.data ?? {};
  const out: FieldError[] = [];
  const factors = (context.riskFactors ?? []) as string[];
  switch (event.type) {
    case 'riskFactor.added':
    case 'riskFactor.removed': {
      if (typeof d.factor !== 'string' || !(RISK_FACTORS as readonly string[]).includes(d.factor))
        out.push(field('factor', 'Faktor risiko tidak dikenal.', 'Unknown risk factor.'));
      else if (event.type === 'riskFactor.added' && factors.includes(d.factor))
        out.push(field('factor', 'Faktor risiko ini sudah tercatat pada kasus.', 'This risk factor is already on the case.'));
      else if (event.type === 'riskFactor.removed' && !factors.includes(d.factor))
        out.push(field('factor', 'Faktor risiko ini tidak tercatat pada kasus.', 'This risk factor is not on the case.'));
      if (!reasonOk(d.reason)) out.push(needReason());
      break;
    }
    case 'intervention.skipped':
      if (typeof d.stateId !== 'string' || d.stateId === '') out.push(field('stateId', 'Langkah yang dilewati belum dipilih.', 'Choose the step to skip.'));
      if (d.event !== undefined && typeof d.event !== 'string') out.push(field('event', 'Jalan lanjut tidak dikenal.', 'Unknown way forward.'));
      if (!reasonOk(d.reason)) out.push(needReason());
      break;
    case 'intervention.added': {
      if (typeof d.interventionId !== 'string' || d.interventionId === '' || d.interventionId.length > 80)
        out.push(field('interventionId', 'Nomor intervensi tidak sah.', 'Invalid intervention id.'));
      else if (addedInterventions(context).some((i) => i.id === d.interventionId))
        out.push(field('interventionId', 'Intervensi ini sudah tercatat.', 'This intervention is already recorded.'));
      if (typeof d.kind !== 'string' || !(INTERVENTION_KINDS as readonly string[]).includes(d.kind))
        out.push(field('kind', 'Jenis intervensi tidak dikenal.', 'Unknown kind of intervention.'));
      if (d.title !== undefined && d.title !== null && !(typeof d.title === 'string' && d.title.length <= 200))
        out.push(field('title', 'Judul paling banyak 200 karakter.', 'The title has at most 200 characters.'));
      if (d.dueAt !== undefined && d.dueAt !== null && !(typeof d.dueAt === 'string' && Number.isFinite(Date.parse(d.dueAt))))
        out.push(field('dueAt', 'Tanggal tenggat tidak sah.', 'Invalid due date.'));
      if (!reasonOk(d.reason)) out.push(needReason());
      break;
    }
    case 'intervention.completed': {
      const found = addedInterventions(context).find((i) => i.id === d.interventionId);
      if (!found) out.push(field('interventionId', 'Intervensi tambahan ini tidak ada pada kasus.', 'This added intervention is not on the case.'));
      else if (found.status === 'done') out.push(field('interventionId', 'Intervensi ini sudah selesai.', 'This intervention is already done.'));
      if (d.note !== undefined && d.note !== null && !(typeof d.note === 'string' && d.note.length <= CASEWORK_TEXT_MAX))
        out.push(field('note', `Catatan paling banyak ${CASEWORK_TEXT_MAX} karakter.`, `The note has at most ${CASEWORK_TEXT_MAX} characters.`));
      break;
    }
  }
  return out;
}

/** The words for an intervention kind, for a task title and the timeline. */
export const INTERVENTION_NAMES: Record<InterventionKind, { id: string; en: string }> = {
  counseling_individual: { id: 'Konseling individual', en: 'Individual counselling' },
  counseling_group: { id: 'Konseling kelompok', en: 'Group counselling' },
  home_visit: { id: 'Kunjungan rumah', en: 'Home visit' },
  case_conference: { id: 'Konferensi kasus', en: 'Case conference' },
  parent_meeting: { id: 'Pertemuan orang tua', en: 'Parent meeting' },
  funding: { id: 'Bantuan dana', en: 'Funding' },
  foster_parent: { id: 'Orang tua asuh', en: 'Foster parent' },
  peer_support: { id: 'Konselor sebaya', en: 'Peer support' },
  extracurricular: { id: 'Ekstrakurikuler', en: 'Extracurricular' },
  referral: { id: 'Rujukan', en: 'Referral' },
  monitoring: { id: 'Pemantauan', en: 'Monitoring' },
  custom: { id: 'Intervensi lain', en: 'Other intervention' },
};

/**
 * The effects of an added intervention beyond its context: a task for the
 * guru BK when it has a due date, closed when it is marked done.
 */
export function caseworkEffects(event: CaseEvent): Effect[] {
  const d = event.data ?? {};
  if (typeof d.interventionId !== 'string') return [];
  const stateId = addedInterventionStep(d.interventionId);
  if (event.type === 'intervention.completed') return [{ type: 'task.close', stateId }];
  if (event.type !== 'intervention.added' || typeof d.dueAt !== 'string') return [];
  const name = INTERVENTION_NAMES[d.kind as InterventionKind] ?? INTERVENTION_NAMES.custom;
  const title = typeof d.title === 'string' && d.title.trim() !== '' ? { id: `${name.id}: ${d.title.trim()}`, en: `${name.en}: ${d.title.trim()}` } : name;
  return [
    { type: 'task.open', stateId, kind: String(d.kind), title, roles: ['guru_bk'], dueAt: new Date(Date.parse(d.dueAt)).toISOString(), schoolDays: false, requiresApproval: false },
  ];
}
