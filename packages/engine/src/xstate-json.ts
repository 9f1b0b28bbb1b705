/**
 * Round trip with plain XState v5 JSON. Export gives a config raw `xstate`
 * runs with the engine's own guard, delay and action implementations:
 * `createMachine(config).provide(implementations)` behaves like the engine.
 * Import takes a config from anywhere (another statechart editor, an old
 * v4 file) and turns it into a pathway document: states, transitions,
 * nesting, parallel regions and `meta` are kept; what a pathway cannot hold
 * (actions, invocations, code) is left out; guards that are not ours are kept
 * by name so `lintPathway` can point at them (JALUR004) instead of failing.
 */
import {
  PATHWAY_FORMAT,
  guardSchema,
  localizedSchema,
  nameSchema,
  stepKindSchema,
  stepMetaSchema,
  type Guard,
  type Localized,
  type PathwayDocument,
  type StateNodeConfig,
  type StepMeta,
} from './document.ts';
import type { DocumentIssue, Result } from './contract.ts';
import { executableConfig, implementationsOf, type PathwayImplementations } from './compile.ts';
import { FORBIDDEN_KEYS, parsePathway } from './parse.ts';
import { parseMessages } from './messages.ts';
import { GUARD_TYPES } from './guards.ts';

type Json = Record<string, unknown>;

/** What {@link exportXState} returns. */
export interface XStateExport {
  /** Plain JSON: `createMachine(config)` accepts it as it is. */
  config: Json;
  /** `createMachine(config).provide(implementations)` then behaves like the engine. */
  implementations: PathwayImplementations;
}

/**
 * Exports a pathway as an XState v5 config with the engine's implementations.
 * The pathway's own fields (key, title, layout) travel in the root `meta`, so
 * an import of the export gives the same pathway back. The config's `context`
 * is the empty case data; to run a particular case under raw XState, put its
 * start data there (`{ ...config, context: initialContext(doc.machine, input) }`)
 * and send events as the engine does: `{ type, data?, actor? }`.
 */
export function exportXState(doc: PathwayDocument): XStateExport {
  const config = JSON.parse(JSON.stringify(executableConfig(doc))) as Json;
  const meta: Json = { format: doc.format, key: doc.key, title: doc.title };
  if (doc.description) meta.description = doc.description;
  if (doc.tags) meta.tags = doc.tags;
  if (doc.layout && Object.keys(doc.layout).length > 0) meta.layout = doc.layout;
  return { config: { ...config, meta: JSON.parse(JSON.stringify(meta)) }, implementations: implementationsOf(doc) };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Makes a key fit {@link nameSchema}, the same way every time (so targets can be rewritten segment by segment). */
export function sanitiseName(key: string): string {
  let s = key.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(s)) s = `_${s}`;
  return s.slice(0, 80);
}

function localized(v: unknown): Localized | undefined {
  if (typeof v === 'string' && v.trim() !== '') return { id: v.slice(0, 4000) };
  const parsed = localizedSchema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
}

/** Milliseconds as the shortest ISO-8601 duration, or the number as text when it is not whole seconds. */
export function msToDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0 || ms % 1000 !== 0) return String(ms);
  const units: [number, string, boolean][] = [
    [604_800_000, 'W', false],
    [86_400_000, 'D', false],
    [3_600_000, 'H', true],
    [60_000, 'M', true],
    [1000, 'S', true],
  ];
  for (const [size, unit, time] of units) if (ms % size === 0) return `P${time ? 'T' : ''}${ms / size}${unit}`;
  return String(ms);
}

interface ImportState {
  machineId: string;
  originalId: string;
  /** Custom state ids (`id: "kunjungan"`) to their path from the root, for `#kunjungan` targets. */
  ids: Map<string, string[]>;
  foreignGuards: unknown[];
  issues: DocumentIssue[];
}

const PLACEHOLDER = '__imported_guard_';

function rewriteTarget(target: string, st: ImportState): string {
  if (target.startsWith('#')) {
    const [id = '', ...rest] = target.slice(1).split('.');
    const path = st.ids.get(id);
    const base = path ? [st.machineId, ...path] : [id === st.originalId ? st.machineId : sanitiseName(id)];
    return `#${[...base, ...rest.map(sanitiseName)].join('.')}`;
  }
  return target
    .split('.')
    .map((seg) => (seg === '' ? seg : sanitiseName(seg)))
    .join('.');
}

function importGuard(guard: unknown, st: ImportState): Guard {
  const ours = isObject(guard) && (GUARD_TYPES as readonly string[]).includes(String(guard.type)) ? guardSchema.safeParse(guard) : undefined;
  if (ours?.success) return ours.data;
  // Kept by name for lint (JALUR004); a placeholder stands in while the rest is validated.
  const foreign = typeof guard === 'string' ? { type: guard } : isObject(guard) ? { type: String(guard.type ?? ''), ...(isObject(guard.params) ? { params: guard.params } : {}) } : { type: String(guard) };
  st.foreignGuards.push(foreign);
  return { type: 'check', params: { field: `${PLACEHOLDER}${st.foreignGuards.length - 1}`, op: 'exists' } };
}

function importTransition(t: unknown, st: ImportState): Json | undefined {
  if (typeof t === 'string') return { target: rewriteTarget(t, st) };
  if (!isObject(t)) return undefined;
  const out: Json = {};
  if (typeof t.target === 'string') out.target = rewriteTarget(t.target, st);
  else if (Array.isArray(t.target)) out.target = t.target.filter((x): x is string => typeof x === 'string').map((x) => rewriteTarget(x, st));
  const guard = t.guard ?? t.cond;
  if (guard !== undefined) out.guard = importGuard(guard, st);
  if (typeof t.reenter === 'boolean') out.reenter = t.reenter;
  else if (t.internal === false) out.reenter = true;
  if (typeof t.description === 'string') out.description = t.description.slice(0, 4000);
  const label = isObject(t.meta) ? localized(t.meta.label) : undefined;
  if (label) out.meta = { label };
  return out;
}

function importTransitions(config: unknown, st: ImportState): unknown {
  if (typeof config === 'string') return rewriteTarget(config, st);
  const list = (Array.isArray(config) ? config : [config]).map((t) => importTransition(t, st)).filter((t): t is Json => t !== undefined);
  return simplest(list);
}

/** One transition is written the simplest way: `"b"` or `{ target, guard }`; several stay a list. */
function simplest(list: Json[]): unknown {
  if (list.length === 0) return undefined;
  if (list.length > 1) return list;
  const [only] = list as [Json];
  return Object.keys(only).length === 1 && typeof only.target === 'string' ? only.target : only;
}

function importMeta(meta: unknown, key: string, isStep: boolean, node: Json): StepMeta | undefined {
  const exact = stepMetaSchema.safeParse(meta);
  if (exact.success) return exact.data;
  if (!isStep && !isObject(meta)) return undefined;
  const m = isObject(meta) ? meta : {};
  const kind = stepKindSchema.safeParse(m.kind);
  const out: Json = {
    kind: kind.success ? kind.data : 'custom',
    title: localized(m.title) ?? localized(m.label) ?? localized(m.name) ?? { id: key },
  };
  const description = localized(m.description) ?? localized(node.description);
  if (description) out.description = description;
  for (const field of ['roles', 'form', 'dueInDays', 'schoolDays', 'confidentiality', 'requiresApproval'] as const) {
    const one = stepMetaSchema.shape[field].safeParse(m[field]);
    if (one.success && m[field] !== undefined) out[field] = one.data;
  }
  // Whatever else the other tool kept about the step travels along untouched.
  const extra = Object.fromEntries(Object.entries(m).filter(([k]) => !(k in stepMetaSchema.shape) && !['label', 'name'].includes(k) && !FORBIDDEN_KEYS.has(k)));
  if (Object.keys(extra).length > 0) out.extra = extra;
  return stepMetaSchema.parse(out);
}

/** First pass: custom state ids and their (sanitised) paths. */
function collectIds(node: Json, path: string[], st: ImportState): void {
  if (typeof node.id === 'string' && path.length > 0) st.ids.set(node.id, path);
  if (!isObject(node.states)) return;
  for (const [key, child] of Object.entries(node.states)) if (isObject(child)) collectIds(child, [...path, sanitiseName(key)], st);
}

/** The JSON path of a state in the document (`machine.states.a.states.b`). */
function statesPath(path: string[]): (string | number)[] {
  return ['machine', ...path.flatMap((p) => ['states', p])];
}

function forbidden(key: string): Localized {
  return parseMessages.forbiddenKey(key);
}

const NODE_TYPES = new Set(['atomic', 'compound', 'parallel', 'final', 'history']);

function importNode(node: Json, path: string[], st: ImportState): StateNodeConfig {
  const out: Json = {};
  const isRoot = path.length === 0;
  const children = isObject(node.states) ? Object.entries(node.states).filter(([, c]) => isObject(c)) : [];
  if (typeof node.type === 'string' && NODE_TYPES.has(node.type) && !(isRoot && !['compound', 'parallel'].includes(node.type))) out.type = node.type;
  const initial = isObject(node.initial) ? node.initial.target : node.initial;
  if (typeof initial === 'string') out.initial = sanitiseName(initial);
  if (children.length > 0) {
    const states: Json = {};
    for (const [key, child] of children) {
      const name = sanitiseName(key);
      if (FORBIDDEN_KEYS.has(name)) {
        st.issues.push({ path: [...statesPath(path), 'states', key], message: forbidden(key) });
        continue;
      }
      if (Object.hasOwn(states, name)) st.issues.push({ path: [...statesPath(path), 'states', key], message: { id: `Nama langkah ‘${key}’ bertabrakan dengan ‘${name}’.`, en: `Step name ‘${key}’ collides with ‘${name}’.` } });
      states[name] = importNode(child as Json, [...path, name], st);
    }
    out.states = states;
  }
  const on: Json = {};
  if (isObject(node.on)) {
    for (const [event, config] of Object.entries(node.on)) {
      if (config === undefined || config === null) continue;
      if (FORBIDDEN_KEYS.has(event)) {
        st.issues.push({ path: [...statesPath(path), 'on', event], message: forbidden(event) });
        continue;
      }
      const converted = importTransitions(config, st);
      if (converted === undefined) continue;
      if (event === '') out.always = converted; // XState v4's eventless transition
      else on[event] = converted;
    }
  }
  if (node.onDone !== undefined) {
    const converted = importTransitions(node.onDone, st);
    if (converted !== undefined) on[`xstate.done.state.${[st.machineId, ...path].join('.')}`] = converted;
  }
  if (Object.keys(on).length > 0) out.on = on;
  const after: Json = {};
  if (isObject(node.after)) {
    for (const [delay, config] of Object.entries(node.after)) {
      if (FORBIDDEN_KEYS.has(delay)) continue;
      const key = /^\d+$/.test(delay) ? msToDuration(Number(delay)) : delay;
      const converted = importTransitions(config, st);
      if (converted !== undefined) after[key] = converted;
    }
  } else if (Array.isArray(node.after)) {
    // XState v4: `after: [{ delay: 1000, target: … }]`
    for (const t of node.after) {
      if (!isObject(t) || (typeof t.delay !== 'number' && typeof t.delay !== 'string')) continue;
      const key = typeof t.delay === 'number' ? msToDuration(t.delay) : t.delay;
      const converted = importTransition(t, st);
      if (converted) after[key] = [...((after[key] as Json[] | undefined) ?? []), converted];
    }
    for (const key of Object.keys(after)) after[key] = simplest(after[key] as Json[]);
  }
  if (Object.keys(after).length > 0) out.after = after;
  if (node.always !== undefined) {
    const converted = importTransitions(node.always, st);
    if (converted !== undefined) out.always = converted;
  }
  if (typeof node.history === 'string' && (node.history === 'shallow' || node.history === 'deep')) out.history = node.history;
  if (typeof node.target === 'string') out.target = rewriteTarget(node.target, st);
  if (typeof node.description === 'string') out.description = node.description.slice(0, 4000);
  if (!isRoot) {
    const kind = (out.type as string | undefined) ?? (children.length > 0 ? 'compound' : 'atomic');
    const isStep = kind === 'atomic' || kind === 'final';
    const meta = kind === 'history' ? undefined : importMeta(node.meta, path[path.length - 1] ?? '', isStep, node);
    if (meta) out.meta = meta;
  }
  return out as StateNodeConfig;
}

const DEFAULT_CONTEXT: Json = { riskFactors: [], form: {}, forms: {}, consent: {}, student: {} };

/** The document's own context: what is left after dropping the engine's empty defaults. */
function importContext(context: unknown): Json | undefined {
  if (!isObject(context)) return undefined;
  const kept = Object.entries(context).filter(([k, v]) => !FORBIDDEN_KEYS.has(k) && !(Object.hasOwn(DEFAULT_CONTEXT, k) && JSON.stringify(v) === JSON.stringify(DEFAULT_CONTEXT[k])));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function restoreGuards(value: unknown, foreign: unknown[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restoreGuards(v, foreign));
  if (!isObject(value)) return value;
  if (value.type === 'check' && isObject(value.params) && typeof value.params.field === 'string' && value.params.field.startsWith(PLACEHOLDER))
    return foreign[Number(value.params.field.slice(PLACEHOLDER.length))];
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreGuards(v, foreign)]));
}

/**
 * Imports a plain XState v5 (or v4) JSON machine config as a pathway
 * document. Steps without our `meta` get kind `custom` and their name as
 * title; foreign meta is kept under `meta.extra`; `onDone` becomes the
 * equivalent `xstate.done.state.…` event; millisecond delays become ISO-8601
 * durations. Guards that are not ours stay in the document by name and
 * show up in `lintPathway` as JALUR004. Returns issues only when the result
 * could not be a pathway at all.
 */
export function importXState(config: unknown): Result<PathwayDocument, DocumentIssue[]> {
  if (isObject(config) && config.format === PATHWAY_FORMAT) return parsePathway(config);
  if (!isObject(config))
    return { ok: false, error: [{ path: [], message: { id: 'Konfigurasi XState harus berupa objek JSON.', en: 'An XState config must be a JSON object.' } }] };
  const originalId = typeof config.id === 'string' && config.id !== '' ? config.id : 'imported';
  const machineId = nameSchema.safeParse(originalId).success ? originalId : sanitiseName(originalId);
  const st: ImportState = { machineId, originalId, ids: new Map(), foreignGuards: [], issues: [] };
  collectIds(config, [], st);
  const root = importNode(config, [], st) as Json;
  const meta = isObject(config.meta) ? config.meta : {};
  const machine: Json = { id: machineId, ...root };
  const context = importContext(config.context);
  if (context) machine.context = context;
  if (typeof config.version === 'string') machine.version = config.version.slice(0, 40);
  const doc: Json = {
    format: PATHWAY_FORMAT,
    key: typeof meta.key === 'string' && nameSchema.safeParse(meta.key).success ? meta.key : machineId,
    title: localized(meta.title) ?? localized(config.description) ?? { id: originalId },
    machine,
  };
  const description = localized(meta.description);
  if (description) doc.description = description;
  if (Array.isArray(meta.tags)) doc.tags = meta.tags.filter((x) => typeof x === 'string');
  if (isObject(meta.layout)) doc.layout = meta.layout;
  if (st.issues.length > 0) return { ok: false, error: st.issues };
  const parsed = parsePathway(doc, { timers: 'lint' });
  if (!parsed.ok) return parsed;
  return { ok: true, value: restoreGuards(parsed.value, st.foreignGuards) as PathwayDocument };
}
