/**
 * Declarative guards: data in the document, evaluated here. No `eval`, no
 * code from documents — a guard is a field comparison, a role check, or an
 * `and` / `or` / `not` of those.
 */
import type { ComparisonOp, Guard, Role, SetOp } from './document.ts';
import type { Actor } from './contract.ts';

/** The XState event the engine sends: the user's event plus who and when. */
export interface EngineEvent {
  type: string;
  data?: Record<string, unknown>;
  actor?: Actor;
}

/** Names of the guard types the engine implements. */
export const GUARD_TYPES = ['check', 'and', 'or', 'not', 'role'] as const;

/**
 * Reads a dotted path (`form.attendanceRate`) from the case context, with the
 * data sent along with the event merged over the recorded form, so a guard
 * can test what the user is submitting right now. Own properties only.
 */
export function readField(context: Record<string, unknown>, event: EngineEvent, field: string): unknown {
  const dot = field.indexOf('.');
  const head = dot === -1 ? field : field.slice(0, dot);
  let value: unknown;
  if (head === 'form' && event.data) {
    if (dot === -1) return { ...(context.form as object), ...event.data };
    const name = field.slice(dot + 1);
    if (!name.includes('.') && Object.hasOwn(event.data, name)) return event.data[name];
    value = context.form;
  } else {
    value = Object.hasOwn(context, head) ? context[head] : undefined;
    if (dot === -1) return value;
  }
  for (const part of field.slice(dot + 1).split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function order(actual: unknown, expected: unknown): number | undefined {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  if (typeof actual === 'string' && typeof expected === 'string') return actual < expected ? -1 : actual > expected ? 1 : 0;
  if (typeof actual === 'string' && typeof expected === 'number' && actual.trim() !== '' && Number.isFinite(Number(actual)))
    return Number(actual) - expected;
  return undefined;
}

/** Compares a field value with the guard's value. Type mismatches are false, never a throw. */
export function compare(actual: unknown, op: ComparisonOp, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return expected === false ? !isPresent(actual) : isPresent(actual);
    case 'eq':
      return Array.isArray(actual) && !Array.isArray(expected) ? actual.includes(expected) : actual === expected;
    case 'neq':
      return Array.isArray(actual) && !Array.isArray(expected) ? !actual.includes(expected) : actual !== expected;
    case 'in': {
      const options = Array.isArray(expected) ? expected : [expected];
      return Array.isArray(actual) ? actual.some((a) => options.includes(a)) : options.includes(actual);
    }
    case 'includes':
    case 'includesAny':
    case 'includesAll':
    case 'countGte':
    case 'countLte':
      return compareSet(actual, op, expected);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const d = order(actual, expected);
      if (d === undefined || Number.isNaN(d)) return false;
      return op === 'lt' ? d < 0 : op === 'lte' ? d <= 0 : op === 'gt' ? d > 0 : d >= 0;
    }
  }
}

/**
 * The set comparisons. A field that is not a list is no set (false), except
 * that a missing one counts as the empty set for `countGte` / `countLte`.
 * `includesAny` / `includesAll` with an empty list are false / true, as the
 * words say; a count needs a whole number.
 */
function compareSet(actual: unknown, op: SetOp, expected: unknown): boolean {
  const set = Array.isArray(actual) ? actual : actual === undefined || actual === null ? [] : undefined;
  if (set === undefined) return false;
  switch (op) {
    case 'includes':
      return !Array.isArray(expected) && set.includes(expected);
    case 'includesAny':
      return Array.isArray(expected) && expected.some((v) => set.includes(v));
    case 'includesAll':
      return Array.isArray(expected) && expected.every((v) => set.includes(v));
    case 'countGte':
    case 'countLte': {
      if (typeof expected !== 'number' || !Number.isInteger(expected)) return false;
      const n = new Set(set).size;
      return op === 'countGte' ? n >= expected : n <= expected;
    }
  }
}

/** Evaluates a guard against the case context and the event being sent. */
export function evaluateGuard(guard: Guard, context: Record<string, unknown>, event: EngineEvent): boolean {
  switch (guard.type) {
    case 'check':
      return compare(readField(context, event, guard.params.field), guard.params.op, guard.params.value);
    case 'and':
      return guard.params.of.every((g) => evaluateGuard(g, context, event));
    case 'or':
      return guard.params.of.some((g) => evaluateGuard(g, context, event));
    case 'not':
      return !evaluateGuard(guard.params.guard, context, event);
    case 'role':
      return event.actor !== undefined && (guard.params.in as readonly Role[]).includes(event.actor.role);
  }
}

type GuardArgs = { context: Record<string, unknown>; event: EngineEvent };

/**
 * The guard implementations handed to XState (`machine.provide({ guards })`),
 * one per guard type; the params are the guard's own `params`.
 */
export const guardImplementations = {
  check: ({ context, event }: GuardArgs, params: Extract<Guard, { type: 'check' }>['params']) =>
    evaluateGuard({ type: 'check', params }, context, event),
  and: ({ context, event }: GuardArgs, params: { of: Guard[] }) => evaluateGuard({ type: 'and', params }, context, event),
  or: ({ context, event }: GuardArgs, params: { of: Guard[] }) => evaluateGuard({ type: 'or', params }, context, event),
  not: ({ context, event }: GuardArgs, params: { guard: Guard }) => evaluateGuard({ type: 'not', params }, context, event),
  role: ({ event }: GuardArgs, params: { in: Role[] }) => evaluateGuard({ type: 'role', params }, {}, event),
};

/** Every field path a guard reads (for lint and for the editor's guard builder). */
export function guardFields(guard: Guard): string[] {
  switch (guard.type) {
    case 'check':
      return [guard.params.field];
    case 'and':
    case 'or':
      return guard.params.of.flatMap(guardFields);
    case 'not':
      return guardFields(guard.params.guard);
    case 'role':
      return [];
  }
}
