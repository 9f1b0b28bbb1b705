/**
 * Round trip with plain XState v5 JSON. Export gives a config raw `xstate`
 * runs with the engine's own guard, delay and action implementations:
 * `createMachine(config).provide(implementations)` behaves like the engine.
 * Import takes a config from anywhere (Stately Studio, another statechart
 * editor, an old v4 file) and turns it into a pathway document that runs
 * step for step as XState 5 runs the config: states keep the names their
 * author wrote, nesting, parallel regions, history, wildcards, timers,
 * automatic transitions (root ones too), tags, outputs, descriptions and
 * `meta` are kept. What a pathway cannot run (actions, invocations, code
 * guards) is left out or kept by name — never silently: each one comes
 * back as a warning that names the construct, where it was and why.
 */
import {
  PATHWAY_FORMAT,
  STATE_NAME,
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
import { importMessages as im, located, parseMessages } from './messages.ts';
import { GUARD_TYPES } from './guards.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** What {@link exportXState} returns. */
export interface XStateExport {
  /** Plain JSON: `createMachine(config)` accepts it as it is. */
  config: Json;
  /** `createMachine(config).provide(implementations)` then behaves like the engine. */
  implementations: PathwayImplementations;
}

/** Something the import left out or reads differently than its author may expect, at the path the author wrote. */
export interface ImportWarning extends DocumentIssue {
  /** The construct, as XState names it: `entry`, `exit`, `actions`, `invoke`, `internal`, `cond`, `guard`, `id`, … */
  construct: string;
}

/** What {@link importXState} returns: the document and its warnings, or why there is none. */
export type ImportResult = { ok: true; value: PathwayDocument; warnings: ImportWarning[] } | { ok: false; error: DocumentIssue[]; warnings?: ImportWarning[] };

export interface ImportOptions {
  /**
   * Declarative stand-ins for guards the config names but implements in
   * code (`guard: 'isReady'`), by name. A guard listed here is replaced by
   * its stand-in; any other code guard is kept by name (JALUR004) with a warning.
   */
  guards?: Record<string, Guard>;
}

/** The root `meta` key that carries the pathway's own fields when the imported config had a root `meta` of its own. */
const JALUR_META = 'jalur';
const PATHWAY_META_KEYS = ['format', 'key', 'title', 'description', 'tags', 'layout'] as const;

/**
 * Exports a pathway as an XState v5 config with the engine's implementations.
 * The pathway's own fields (key, title, layout) travel in the root `meta`
 * (under `meta.jalur` when the imported config had a root `meta` of its own,
 * which is written back unchanged), so an import of the export gives the
 * same pathway back. A state's `meta` that came from an imported config is
 * written back as it was, as long as the step still says what the import
 * read from it. The config's `context` is the empty case data; to run a
 * particular case under raw XState, put its start data there
 * (`{ ...config, context: initialContext(doc.machine, input) }`) and send
 * events as the engine does: `{ type, data?, actor? }`.
 */
export function exportXState(doc: PathwayDocument): XStateExport {
  const config = JSON.parse(JSON.stringify(executableConfig(doc))) as Json;
  const own: Json = { format: doc.format, key: doc.key, title: doc.title };
  if (doc.description) own.description = doc.description;
  if (doc.tags) own.tags = doc.tags;
  if (doc.layout && Object.keys(doc.layout).length > 0) own.layout = doc.layout;
  const authored = doc.machine.meta;
  let meta: unknown;
  if (authored === undefined) meta = own;
  else if (isObject(authored)) meta = { ...authored, [JALUR_META]: own };
  else meta = authored;
  restoreStateMeta(config, []);
  return { config: { ...config, meta: JSON.parse(JSON.stringify(meta)) }, implementations: implementationsOf(doc) };
}

/** Writes each imported state's `meta` back as its author wrote it (or with the step's edits under `meta.jalur`). */
function restoreStateMeta(node: Json, path: string[]): void {
  if (path.length > 0 && isObject(node.meta)) {
    const { xstate, ...step } = node.meta as StepMeta & Json;
    if (xstate !== undefined) {
      const kind = typeof node.type === 'string' ? node.type : isObject(node.states) && Object.keys(node.states).length > 0 ? 'compound' : 'atomic';
      const again = importMeta(xstate, path[path.length - 1] ?? '', kind === 'atomic' || kind === 'final', node);
      const { xstate: _, ...derived } = (again ?? {}) as Json;
      if (JSON.stringify(derived) === JSON.stringify(step)) node.meta = xstate;
      else node.meta = isObject(xstate) ? { ...xstate, [JALUR_META]: step } : { [JALUR_META]: step, value: xstate };
    }
  }
  if (isObject(node.states)) for (const [key, child] of Object.entries(node.states)) if (isObject(child)) restoreStateMeta(child, [...path, key]);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Makes a key fit {@link nameSchema} (pathway keys only; state names are kept as written). */
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
  /** Custom state ids (`id: "kunjungan"`) to their path from the root, for `#kunjungan` targets. */
  ids: Map<string, string[]>;
  foreignGuards: unknown[];
  guardMap: Record<string, Guard>;
  issues: DocumentIssue[];
  warnings: ImportWarning[];
  /** Document paths the import wrote differently from the author (JSON of the path) → the author's path. */
  written: Map<string, Path>;
}

const PLACEHOLDER = '__imported_guard_';

/** A message that says where, in words (`step ‘a’ › ‘entry’: …`), for screens that show no raw paths. */
function where(path: Path, message: Localized): Localized {
  return path.length === 0 ? message : located(['machine', ...path], message);
}

function warn(st: ImportState, path: Path, construct: string, message: Localized): void {
  st.warnings.push({ path, construct, message: where(path, message) });
}

function refuse(st: ImportState, path: Path, message: Localized): void {
  st.issues.push({ path, message: where(path, message) });
}

function rewriteTarget(target: string, st: ImportState): string {
  if (!target.startsWith('#')) return target;
  const [id = '', ...rest] = target.slice(1).split('.');
  const path = st.ids.get(id);
  return path ? `#${[st.machineId, ...path, ...rest].join('.')}` : target;
}

function guardName(guard: unknown): string {
  return typeof guard === 'string' ? guard : isObject(guard) ? String(guard.type ?? '') : String(guard);
}

function importGuard(guard: unknown, st: ImportState, at: Path): Guard {
  const ours = isObject(guard) && (GUARD_TYPES as readonly string[]).includes(String(guard.type)) ? guardSchema.safeParse(guard) : undefined;
  if (ours?.success) return ours.data;
  const name = guardName(guard);
  const standIn = Object.hasOwn(st.guardMap, name) ? st.guardMap[name] : undefined;
  if (standIn) return standIn;
  warn(st, at, 'guard', im.codeGuard(name));
  // Kept by name for lint (JALUR004); a placeholder stands in while the rest is validated.
  const foreign = typeof guard === 'string' ? { type: guard } : isObject(guard) ? { type: name, ...(isObject(guard.params) ? { params: guard.params } : {}) } : { type: name };
  st.foreignGuards.push(foreign);
  return { type: 'check', params: { field: `${PLACEHOLDER}${st.foreignGuards.length - 1}`, op: 'exists' } };
}

function actionNames(actions: unknown): string[] {
  const list = Array.isArray(actions) ? actions : [actions];
  return list.map((a) => (typeof a === 'string' ? a : isObject(a) && typeof a.type === 'string' ? a.type : typeof a === 'function' ? '(kode)' : '(…)'));
}

const TRANSITION_KEYS = new Set(['target', 'guard', 'cond', 'reenter', 'internal', 'description', 'meta', 'actions', 'delay', 'in', 'event']);

function importTransition(t: unknown, st: ImportState, at: Path): Json | undefined {
  if (typeof t === 'string') return { target: rewriteTarget(t, st) };
  if (t === undefined || t === null) return { };
  if (!isObject(t)) return undefined;
  const out: Json = {};
  if (typeof t.target === 'string') out.target = rewriteTarget(t.target, st);
  else if (Array.isArray(t.target)) out.target = t.target.filter((x): x is string => typeof x === 'string').map((x) => rewriteTarget(x, st));
  if (t.guard !== undefined) out.guard = importGuard(t.guard, st, [...at, 'guard']);
  if (t.cond !== undefined) refuse(st, [...at, 'cond'], im.cond(guardName(t.cond)));
  if (typeof t.reenter === 'boolean') out.reenter = t.reenter;
  if (t.internal !== undefined) warn(st, [...at, 'internal'], 'internal', im.internal(t.internal));
  if (t.actions !== undefined && !(Array.isArray(t.actions) && t.actions.length === 0)) warn(st, [...at, 'actions'], 'actions', im.actions('perpindahan/transition', actionNames(t.actions)));
  if (t.in !== undefined) warn(st, [...at, 'in'], 'in', im.v4Ignored('in', 'XState 5: guard stateIn.'));
  if (typeof t.description === 'string') out.description = t.description.slice(0, 4000);
  if (isObject(t.meta)) {
    const meta: Json = { ...t.meta };
    if (typeof meta.label === 'string') {
      meta.label = { id: meta.label };
      warn(st, [...at, 'meta', 'label'], 'meta', im.labelText());
    } else if (meta.label !== undefined && !localizedSchema.safeParse(meta.label).success) delete meta.label;
    if (Object.keys(meta).length > 0) out.meta = meta;
  }
  for (const key of Object.keys(t)) if (!TRANSITION_KEYS.has(key)) warn(st, [...at, key], key, im.unknownKey(key));
  return out;
}

function importTransitions(config: unknown, st: ImportState, at: Path): unknown {
  if (typeof config === 'string') return rewriteTarget(config, st);
  const list = Array.isArray(config) ? config.map((t, i) => importTransition(t, st, [...at, i])) : [importTransition(config, st, at)];
  return simplest(list.filter((t): t is Json => t !== undefined));
}

/** One transition is written the simplest way: `"b"` or `{ target, guard }`; several stay a list. */
function simplest(list: Json[]): unknown {
  if (list.length === 0) return undefined;
  if (list.length > 1) return list;
  const [only] = list as [Json];
  return Object.keys(only).length === 1 && typeof only.target === 'string' ? only.target : only;
}

/** The step meta for a state: ours as it is, or one made from whatever the author wrote (kept verbatim in `xstate`). */
function importMeta(meta: unknown, key: string, isStep: boolean, node: Json): StepMeta | undefined {
  if (isObject(meta) && isObject(meta[JALUR_META])) {
    // Our own export of an imported step that was edited here: the step's fields, and the author's meta.
    const { [JALUR_META]: ours, ...authored } = meta;
    const exact = stepMetaSchema.safeParse(ours);
    if (exact.success) return { ...exact.data, xstate: Object.keys(authored).length === 1 && 'value' in authored ? authored.value : authored };
  }
  const exact = stepMetaSchema.safeParse(meta);
  if (exact.success) return exact.data;
  if (meta === undefined && !isStep) return undefined;
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
  if (meta !== undefined) out.xstate = meta;
  return stepMetaSchema.parse(out);
}

/** First pass: custom state ids and their paths. */
function collectIds(node: Json, path: string[], st: ImportState): void {
  if (typeof node.id === 'string' && path.length > 0) st.ids.set(node.id, path);
  if (!isObject(node.states)) return;
  for (const [key, child] of Object.entries(node.states)) if (isObject(child)) collectIds(child, [...path, key], st);
}

/** The path of a state in the author's config (`states.a.states.b`). */
function authorPath(path: string[]): Path {
  return path.flatMap((p) => ['states', p]);
}

const NODE_TYPES = new Set(['atomic', 'compound', 'parallel', 'final', 'history']);
/** Keys a state may hold that the import reads. */
const NODE_KEYS = new Set(['id', 'type', 'initial', 'states', 'on', 'after', 'always', 'onDone', 'history', 'target', 'description', 'meta', 'tags', 'output', 'entry', 'exit', 'invoke', 'context', 'version', 'key', 'predictableActionArguments', 'preserveActionOrder', 'strict', 'types', 'tsTypes', 'schema', 'parallel', 'data', 'onEntry', 'onExit', 'activities', 'delimiter', 'order', 'input', 'exitActions']);
const V4_KEYS: Record<string, string> = {
  parallel: 'XState 5: type: "parallel".',
  data: 'XState 5: output.',
  onEntry: 'XState 5: entry.',
  onExit: 'XState 5: exit.',
  activities: 'XState 5: invoke.',
  strict: '',
  predictableActionArguments: '',
  preserveActionOrder: '',
  delimiter: '',
  key: '',
};

function isJson(v: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (isObject(v)) return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every((x) => isJson(x, depth + 1));
  return false;
}

function importNode(node: Json, path: string[], st: ImportState): StateNodeConfig {
  const out: Json = {};
  const isRoot = path.length === 0;
  const at = authorPath(path);
  const children = isObject(node.states) ? Object.entries(node.states).filter(([, c]) => isObject(c)) : [];
  const history = node.history === true ? 'shallow' : node.history === 'shallow' || node.history === 'deep' ? node.history : undefined;
  if (typeof node.type === 'string' && NODE_TYPES.has(node.type) && !(isRoot && !['compound', 'parallel'].includes(node.type))) out.type = node.type;
  // XState 5 makes a childless state with `history` (`true`, `shallow`, `deep`) a history state.
  else if (!isRoot && node.type === undefined && children.length === 0 && node.history) out.type = 'history';
  const initial = isObject(node.initial) ? node.initial.target : node.initial;
  if (typeof initial === 'string') out.initial = initial;
  if (children.length > 0) {
    const states: Json = {};
    for (const [key, child] of children) {
      if (FORBIDDEN_KEYS.has(key)) {
        refuse(st, [...at, 'states', key], parseMessages.forbiddenKey(key));
        continue;
      }
      if (!STATE_NAME.test(key)) {
        refuse(st, [...at, 'states', key], parseMessages.badStateName(key));
        continue;
      }
      states[key] = importNode(child as Json, [...path, key], st);
    }
    out.states = states;
  }
  const on: Json = {};
  if (isObject(node.on)) {
    for (const [event, config] of Object.entries(node.on)) {
      if (config === undefined) continue;
      if (FORBIDDEN_KEYS.has(event)) {
        refuse(st, [...at, 'on', event], parseMessages.forbiddenKey(event));
        continue;
      }
      const converted = importTransitions(config, st, [...at, 'on', event]);
      if (converted === undefined) continue;
      if (event === '') {
        // XState v4's eventless transition.
        out.always = converted;
        st.written.set(JSON.stringify([...at, 'always']), [...at, 'on', '']);
      } else on[event] = converted;
    }
  }
  if (node.onDone !== undefined) {
    if (isRoot) warn(st, ['onDone'], 'onDone', im.rootOnDone());
    else {
      const converted = importTransitions(node.onDone, st, [...at, 'onDone']);
      const event = `xstate.done.state.${[st.machineId, ...path].join('.')}`;
      if (converted !== undefined) on[event] = converted;
      st.written.set(JSON.stringify([...at, 'on', event]), [...at, 'onDone']);
    }
  }
  if (Object.keys(on).length > 0) out.on = on;
  const after: Json = {};
  if (isObject(node.after)) {
    for (const [delay, config] of Object.entries(node.after)) {
      if (FORBIDDEN_KEYS.has(delay)) continue;
      const key = /^\d+$/.test(delay) ? msToDuration(Number(delay)) : delay;
      if (!/^\d+$/.test(delay) && !/^P/.test(delay)) warn(st, [...at, 'after', delay], 'after', im.namedDelay(delay));
      const converted = importTransitions(config, st, [...at, 'after', delay]);
      if (converted !== undefined) after[key] = converted;
      if (key !== delay) st.written.set(JSON.stringify([...at, 'after', key]), [...at, 'after', delay]);
    }
  } else if (Array.isArray(node.after)) {
    // XState v4: `after: [{ delay: 1000, target: … }]`
    node.after.forEach((t, i) => {
      if (!isObject(t) || (typeof t.delay !== 'number' && typeof t.delay !== 'string')) return;
      const key = typeof t.delay === 'number' ? msToDuration(t.delay) : t.delay;
      const converted = importTransition(t, st, [...at, 'after', i]);
      if (converted) after[key] = [...((after[key] as Json[] | undefined) ?? []), converted];
    });
    for (const key of Object.keys(after)) after[key] = simplest(after[key] as Json[]);
  }
  if (Object.keys(after).length > 0) out.after = after;
  if (node.always !== undefined) {
    const converted = importTransitions(node.always, st, [...at, 'always']);
    if (converted !== undefined) out.always = converted;
  }
  if (history && out.type === 'history') out.history = history;
  if (typeof node.target === 'string') out.target = rewriteTarget(node.target, st);
  if (typeof node.description === 'string') out.description = node.description.slice(0, 4000);
  if (typeof node.tags === 'string' || (Array.isArray(node.tags) && node.tags.every((t) => typeof t === 'string'))) out.tags = node.tags;
  if (node.output !== undefined) {
    if (isJson(node.output)) out.output = node.output;
    else warn(st, [...at, 'output'], 'output', im.notJson('output'));
  }
  // What a pathway cannot run: said, never dropped in silence.
  for (const key of ['entry', 'exit', 'onEntry', 'onExit', 'exitActions'] as const) {
    const v = node[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) warn(st, [...at, key], key, im.actions(key, actionNames(v)));
  }
  if (node.invoke !== undefined) {
    const list = Array.isArray(node.invoke) ? node.invoke : [node.invoke];
    warn(st, [...at, 'invoke'], 'invoke', im.invoke(list.map((x) => (isObject(x) && typeof x.src === 'string' ? x.src : isObject(x) && typeof x.id === 'string' ? x.id : '(kode)'))));
  }
  if (!isRoot && typeof node.id === 'string') warn(st, [...at, 'id'], 'id', im.customId(node.id));
  for (const key of Object.keys(node)) {
    if (key in V4_KEYS) warn(st, [...at, key], key, key === 'activities' ? im.actions(key, actionNames(node[key])) : im.v4Ignored(key, V4_KEYS[key] ?? ''));
    else if (key === 'types' || key === 'tsTypes' || key === 'schema') warn(st, [...at, key], key, im.typesOnly(key));
    else if (!NODE_KEYS.has(key) && !FORBIDDEN_KEYS.has(key)) warn(st, [...at, key], key, im.unknownKey(key));
    else if (!isRoot && (key === 'context' || key === 'version' || key === 'input')) warn(st, [...at, key], key, im.unknownKey(key));
  }
  if (isRoot && node.input !== undefined) warn(st, ['input'], 'input', im.unknownKey('input'));
  if (!isRoot) {
    const kind = (out.type as string | undefined) ?? (children.length > 0 ? 'compound' : 'atomic');
    const isStep = kind === 'atomic' || kind === 'final';
    const meta = kind === 'history' ? undefined : importMeta(node.meta, path[path.length - 1] ?? '', isStep, node);
    if (kind === 'history' && node.meta !== undefined) warn(st, [...at, 'meta'], 'meta', im.unknownKey('meta'));
    if (meta) out.meta = meta;
  }
  return out as StateNodeConfig;
}

const DEFAULT_CONTEXT: Json = { riskFactors: [], form: {}, forms: {}, consent: {}, student: {} };

/** The document's own context: what is left after dropping the engine's empty defaults. */
function importContext(context: unknown, st: ImportState): Json | undefined {
  if (context === undefined) return undefined;
  if (!isObject(context) || !isJson(context)) {
    warn(st, ['context'], 'context', im.notJson('context'));
    return undefined;
  }
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

/** A document issue's path as the author wrote it: no `machine` wrapper, converted spellings pointed back at theirs. */
function toAuthorPath(path: Path, st: ImportState): Path {
  if (path[0] !== 'machine') return path[0] === 'key' || path[0] === 'title' || path[0] === 'description' || path[0] === 'tags' || path[0] === 'layout' ? ['meta', ...path] : path;
  const rest = path.slice(1);
  for (let n = rest.length; n > 0; n--) {
    const written = st.written.get(JSON.stringify(rest.slice(0, n)));
    if (written) return [...written, ...rest.slice(n)];
  }
  return rest;
}

/**
 * Imports a plain XState v5 (or v4) JSON machine config as a pathway
 * document that runs as XState 5 runs the config. State names, the machine
 * id and event names stay as written; a name a pathway cannot hold (one with
 * a `.`, a leading `#`) is refused with the reason, never renamed. Steps
 * without our `meta` get kind `custom` and their name as title; the author's
 * `meta` (any JSON, text too), tags, outputs and descriptions are kept and
 * exported back unchanged. `onDone` becomes the equivalent
 * `xstate.done.state.…` event; millisecond delays become ISO-8601 durations.
 * What cannot run in a pathway (actions, `invoke`, code guards, v4 keys
 * XState 5 ignores) comes back in `warnings`; v4's `cond`, which XState 5
 * refuses, is refused, each with the construct, the
 * path the author wrote and why. Refusals carry the author's paths too.
 */
export function importXState(config: unknown, options: ImportOptions = {}): ImportResult {
  if (isObject(config) && config.format === PATHWAY_FORMAT) {
    const r = parsePathway(config);
    return r.ok ? { ok: true, value: r.value, warnings: [] } : r;
  }
  if (!isObject(config)) return { ok: false, error: [{ path: [], message: im.notAnObject() }] };
  const st: ImportState = { machineId: '', ids: new Map(), foreignGuards: [], guardMap: options.guards ?? {}, issues: [], warnings: [], written: new Map() };
  let machineId = typeof config.id === 'string' && config.id !== '' ? config.id : '(machine)';
  if (typeof config.id === 'string' && config.id !== '' && (!STATE_NAME.test(machineId) || machineId.length > 120)) {
    refuse(st, ['id'], machineId.length > 120 ? parseMessages.nameTooLong(machineId, 120) : parseMessages.badStateName(machineId));
    machineId = '(machine)';
  }
  st.machineId = machineId;
  if (!isObject(config.states) || !Object.values(config.states).some(isObject)) refuse(st, ['states'], im.noStates());
  collectIds(config, [], st);
  const root = importNode(config, [], st) as Json;
  const rawMeta = config.meta;
  // Our own export: the pathway's fields sit in the root meta (flat, or under `jalur` beside the author's meta).
  const ours = isObject(rawMeta) && rawMeta.format === PATHWAY_FORMAT ? rawMeta : isObject(rawMeta) && isObject(rawMeta[JALUR_META]) && rawMeta[JALUR_META].format === PATHWAY_FORMAT ? rawMeta[JALUR_META] : undefined;
  let authored: unknown = rawMeta;
  if (ours === rawMeta) authored = undefined;
  else if (ours) authored = Object.fromEntries(Object.entries(rawMeta as Json).filter(([k]) => k !== JALUR_META));
  const meta: Json = ours ?? (isObject(rawMeta) ? rawMeta : {});
  const machine: Json = { id: machineId, ...root };
  if (authored !== undefined) {
    if (isJson(authored)) machine.meta = authored;
    else warn(st, ['meta'], 'meta', im.notJson('meta'));
  }
  const context = importContext(config.context, st);
  if (context) machine.context = context;
  if (typeof config.version === 'string') machine.version = config.version.slice(0, 40);
  const wantedKey = typeof meta.key === 'string' ? meta.key : machineId === '(machine)' ? 'imported' : machineId;
  const key = nameSchema.safeParse(wantedKey).success ? wantedKey : sanitiseName(wantedKey);
  if (key !== wantedKey && ours === undefined) warn(st, ['id'], 'key', im.keyFromId(key));
  const doc: Json = {
    format: PATHWAY_FORMAT,
    key,
    title: localized(meta.title) ?? localized(config.description) ?? { id: machineId },
    machine,
  };
  const description = localized(meta.description);
  if (description) doc.description = description;
  if (Array.isArray(meta.tags)) doc.tags = meta.tags.filter((x) => typeof x === 'string');
  if (isObject(meta.layout)) doc.layout = meta.layout;
  if (st.issues.length > 0) return { ok: false, error: st.issues, warnings: st.warnings };
  const parsed = parsePathway(doc, { timers: 'lint' });
  if (!parsed.ok) return { ok: false, error: parsed.error.map((i) => ({ ...i, path: toAuthorPath(i.path, st) })), warnings: st.warnings };
  return { ok: true, value: restoreGuards(parsed.value, st.foreignGuards) as PathwayDocument, warnings: st.warnings };
}
