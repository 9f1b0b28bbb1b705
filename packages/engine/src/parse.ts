/**
 * Reading a pathway document from a stranger: cheap limits first (size,
 * depth, number of steps, dangerous keys), then the zod schema, then the
 * checks zod cannot express (timers, initial steps). Every problem comes back
 * as a {@link DocumentIssue} with its JSON path and a message in Bahasa
 * Indonesia and English, never zod's raw English.
 */
import type { z } from 'zod';
import { DOCUMENT_LIMITS, NAME_LIMITS, pathwayDocumentSchema, type PathwayDocument, type StateNodeConfig } from './document.ts';
import type { DocumentIssue, Result } from './contract.ts';
import { isDuration } from './duration.ts';
import { located, parseMessages as m, shown } from './messages.ts';

type Path = (string | number)[];

/** Keys that could reach an object's prototype when a document is merged or copied carelessly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep raw JSON may nest at all; state nesting has its own, smaller limit. */
const MAX_JSON_DEPTH = 64;

/** Options for {@link parsePathway}. */
export interface ParseOptions {
  /** Upper bounds; defaults to {@link DOCUMENT_LIMITS}. */
  limits?: Partial<Record<keyof typeof DOCUMENT_LIMITS, number>>;
  /**
   * `strict` (default): an `after` key that is not an ISO-8601 duration (or
   * whole milliseconds) is a parse error. `lint`: accept it and leave it to
   * `lintPathway` (JALUR005/JALUR010) — for drafts and imports.
   */
  timers?: 'strict' | 'lint';
}

/**
 * Parses a pathway document given as JSON text or as an already parsed value.
 * Returns the typed document (with schema defaults filled in) or every issue
 * found, each with its JSON path and a bilingual message.
 */
export function parsePathway(json: unknown, options: ParseOptions = {}): Result<PathwayDocument, DocumentIssue[]> {
  const limits = { ...DOCUMENT_LIMITS, ...options.limits };
  let value: unknown = json;
  if (typeof json === 'string') {
    const bytes = new TextEncoder().encode(json).length;
    if (bytes > limits.maxBytes) return fail([issue([], m.tooLarge(bytes, limits.maxBytes))]);
    try {
      value = JSON.parse(json);
    } catch (error) {
      return fail([issue([], m.invalidJson(error instanceof Error ? error.message : String(error)))]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail([issue([], m.notAnObject())]);

  const guardIssues = checkShape(value, limits);
  if (guardIssues.length > 0) return fail(guardIssues);

  const parsed = pathwayDocumentSchema.safeParse(value);
  if (!parsed.success) return fail(dedupe(parsed.error.issues.flatMap((i) => fromZodIssue(i, [], value))));

  const semantic = checkMachine(parsed.data, options.timers ?? 'strict');
  if (semantic.length > 0) return fail(semantic);
  return { ok: true, value: parsed.data };
}

function fail(issues: DocumentIssue[]): Result<never, DocumentIssue[]> {
  return { ok: false, error: issues };
}

function issue(path: Path, message: ReturnType<typeof m.invalid>): DocumentIssue {
  return { path, message: located(path, message) };
}

// ---------------------------------------------------------------- limits before zod

/** Dangerous keys anywhere, raw nesting, state nesting and the number of states. */
function checkShape(root: object, limits: Record<keyof typeof DOCUMENT_LIMITS, number>): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const walk = (value: unknown, path: Path, depth: number): void => {
    if (issues.length >= 20) return;
    if (typeof value !== 'object' || value === null) return;
    if (depth > MAX_JSON_DEPTH) {
      issues.push(issue(path, m.tooDeep(limits.maxDepth)));
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push(issue([...path, key], m.forbiddenKey(key)));
        continue;
      }
      walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };
  walk(root, [], 0);
  if (issues.length > 0) return issues;

  const machine = (root as { machine?: unknown }).machine;
  let count = 0;
  let tooDeep = false;
  const countStates = (node: unknown, path: Path, depth: number): void => {
    const states = isRecord(node) ? node.states : undefined;
    if (!isRecord(states)) return;
    if (depth >= limits.maxDepth) {
      if (!tooDeep) issues.push(issue([...path, 'states'], m.tooDeep(limits.maxDepth)));
      tooDeep = true;
      return;
    }
    for (const [key, child] of Object.entries(states)) {
      count++;
      countStates(child, [...path, 'states', key], depth + 1);
    }
  };
  countStates(machine, ['machine'], 0);
  if (count > limits.maxStates) issues.push(issue(['machine', 'states'], m.tooManyStates(count, limits.maxStates)));
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------- zod issues in words

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

/** Converts one zod issue (possibly a union with nested branches) into document issues. */
function fromZodIssue(zi: z.core.$ZodIssue, prefix: Path, root: unknown): DocumentIssue[] {
  const path: Path = [...prefix, ...zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const input = valueAt(root, path);
  switch (zi.code) {
    case 'invalid_type':
      if (input === undefined) return [issue(path, m.required())];
      if (zi.expected === 'int') return [issue(path, m.notInteger())];
      return [issue(path, m.wrongType(zi.expected))];
    case 'too_small':
      if (zi.origin === 'string') return [issue(path, m.tooShortText(Number(zi.minimum)))];
      if (zi.origin === 'array' || zi.origin === 'set') return [issue(path, m.tooFewItems(Number(zi.minimum)))];
      return [issue(path, m.tooSmall(Number(zi.minimum)))];
    case 'too_big':
      if (zi.origin === 'string') return [issue(path, m.tooLongText(Number(zi.maximum)))];
      if (zi.origin === 'array' || zi.origin === 'set') return [issue(path, m.tooManyItems(Number(zi.maximum)))];
      return [issue(path, m.tooBig(Number(zi.maximum)))];
    case 'invalid_format':
      if (zi.message === 'field') return [issue(path, m.badFieldPath(shown(input)))];
      if (zi.message === 'stateName') return [issue(path, m.badStateName(String(input)))];
      return [issue(path, m.badName(shown(input)))];
    case 'invalid_value': {
      if (input === undefined) return [issue(path, m.required())];
      const options = zi.values.map(String);
      if (options.length === 1) return [issue(path, m.wrongFormat(options[0] ?? ''))];
      return [issue(path, m.notAnOption(shown(input), options))];
    }
    case 'unrecognized_keys':
      return [issue(path, m.unknownKeys(zi.keys))];
    case 'invalid_key': {
      // A record key (a state or event name) failed its own schema; zod puts the key last in the path.
      const key = path.at(-1);
      if (typeof key !== 'string') return zi.issues.flatMap((sub) => fromZodIssue(sub, path, root));
      const why = zi.issues[0];
      if (why?.code === 'too_big') return [issue(path, m.nameTooLong(key, Number(why.maximum)))];
      if (why?.code === 'too_small') return [issue(path, m.tooShortText(1))];
      if (why?.code === 'invalid_format' && why.message === 'stateName') return [issue(path, m.badStateName(key))];
      return [issue(path, m.badName(key))];
    }
    case 'invalid_element':
      return zi.issues.flatMap((sub) => fromZodIssue(sub, [...path, zi.key as string], root));
    case 'invalid_union':
      return fromUnion(zi, path, root);
    case 'not_multiple_of':
      return [issue(path, m.notInteger())];
    default:
      return [issue(path, m.invalid())];
  }
}

function fromUnion(zi: z.core.$ZodIssueInvalidUnion, path: Path, root: unknown): DocumentIssue[] {
  if (zi.discriminator !== undefined && zi.errors.length === 0) {
    // zod points at the discriminator itself (`…guard.type`).
    const at = path.at(-1) === 'type' ? path.slice(0, -1) : path;
    const type = valueAt(root, [...at, 'type']);
    // The only discriminated union in the document is the guard.
    if (zi.discriminator === 'type') {
      if (type === undefined) return [issue([...at, 'type'], m.required())];
      return [issue([...at, 'type'], m.unknownGuard(shown(type)))];
    }
    return [issue(path, m.invalid())];
  }
  // Pick the branch the author evidently meant: the one whose complaints are
  // not "this is the wrong kind of value altogether".
  const meant = zi.errors.filter((branch) => !branch.every((e) => e.code === 'invalid_type' && e.path.length === 0));
  if (meant.length >= 1) {
    const best = meant.reduce((a, b) => (depthOf(b) > depthOf(a) ? b : a));
    return best.flatMap((sub) => fromZodIssue(sub, path, root));
  }
  if (isTransitionsPath(path)) return [issue(path, m.badTransition())];
  const expected = zi.errors.flatMap((b) => b.filter((e) => e.code === 'invalid_type').map((e) => (e as { expected: string }).expected));
  return [issue(path, expected.length > 0 ? m.wrongType(expected[0] ?? '') : m.invalid())];
}

function depthOf(branch: z.core.$ZodIssue[]): number {
  return Math.max(...branch.map((e) => e.path.length + (e.code === 'invalid_type' ? 0 : 0.5)));
}

function isTransitionsPath(path: Path): boolean {
  const parent = path.at(-2);
  const last = path.at(-1);
  return parent === 'on' || parent === 'after' || last === 'always' || (typeof last === 'number' && path.at(-3) !== 'form');
}

function dedupe(issues: DocumentIssue[]): DocumentIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = JSON.stringify([i.path, i.message.id]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- checks zod cannot express

/** Timers must be ISO-8601 durations (or plain milliseconds); each group must name an existing initial step. */
function checkMachine(doc: PathwayDocument, timers: 'strict' | 'lint'): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const visit = (node: StateNodeConfig, path: Path, isRoot: boolean): void => {
    for (const event of Object.keys(node.on ?? {})) {
      // XState names a group's completion after its path; only the names people write are bounded.
      if (event.length > NAME_LIMITS.event && !event.startsWith('xstate.done.state.')) issues.push(issue([...path, 'on', event], m.eventTooLong(event, NAME_LIMITS.event)));
    }
    for (const key of timers === 'strict' ? Object.keys(node.after ?? {}) : []) {
      if (!isDuration(key) && !/^\d+$/.test(key)) issues.push(issue([...path, 'after', key], m.badDuration(key)));
    }
    const children = Object.keys(node.states ?? {});
    const type = isRoot ? (node.type ?? 'compound') : node.type;
    if (children.length === 0 && type === 'compound') issues.push(issue([...path, 'type'], m.groupWithoutSteps()));
    if (children.length > 0 && type !== 'parallel') {
      if (node.initial === undefined) issues.push(issue([...path, 'initial'], m.initialMissing(children)));
      else if (!children.includes(node.initial)) issues.push(issue([...path, 'initial'], m.initialUnknown(node.initial, children)));
    }
    // A parallel group needs no `initial`, but XState cannot start one whose `initial` names no child.
    if (type === 'parallel' && node.initial !== undefined && !children.includes(node.initial))
      issues.push(issue([...path, 'initial'], m.initialUnknown(node.initial, children)));
    for (const [key, child] of Object.entries(node.states ?? {})) visit(child, [...path, 'states', key], false);
  };
  visit(doc.machine as StateNodeConfig, ['machine'], true);
  return issues;
}
