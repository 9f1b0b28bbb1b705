/**
 * Lint rules about guards: unknown guard types (JALUR004), fields no step
 * records (JALUR006), role checks nobody on the step can pass (JALUR013) and
 * comparisons that can never hold (JALUR014). Tolerates malformed guards from
 * drafts and imports (strings, unknown types, missing params).
 */
import { COMPARISON_OPS, RISK_FACTORS, SET_OPS, type FormField, type Localized, type SetOp, type StepMeta } from './document.ts';
import type { Diagnostic } from './contract.ts';
import { GUARD_TYPES } from './guards.ts';
import { TYPE_WORDS, bilingual, lintMessages as msg, shown } from './messages.ts';
import { diagnostic, type LintScope } from './lint-scope.ts';
import type { TransitionEntry } from './state-tree.ts';

type Check = { field: string; op: string; value?: unknown };
type Loose = Record<string, unknown>;

/** Roots of the case data that are always there (see `CaseContext`). */
const ALWAYS_KNOWN = new Set(['riskFactors', 'caseId']);
const OPEN_ROOTS = new Set(['consent', 'student']);

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** All lint rules about guards. */
export function lintGuards(scope: LintScope): Diagnostic[] {
  const fields = formFields(scope);
  const out: Diagnostic[] = [];
  for (const t of scope.transitions) {
    const guard: unknown = t.guard;
    if (guard === undefined) continue;
    const checks: Check[] = [];
    walkGuard(guard, t, out, checks);
    for (const check of checks) out.push(...lintCheck(check, t, scope, fields));
    out.push(...roleReach(guard, t));
  }
  return out;
}

/** Form fields of every step, by name (several steps may record the same name). */
function formFields({ states }: LintScope): Map<string, FormField[]> {
  const map = new Map<string, FormField[]>();
  for (const s of states) {
    const form = (s.node.meta as Partial<StepMeta> | undefined)?.form;
    if (!Array.isArray(form)) continue;
    for (const f of form) if (isObject(f) && typeof f.name === 'string') map.set(f.name, [...(map.get(f.name) ?? []), f]);
  }
  return map;
}

/** JALUR004 for unknown or malformed guards; collects the field checks for the other rules. */
function walkGuard(guard: unknown, t: TransitionEntry, out: Diagnostic[], checks: Check[]): void {
  if (typeof guard === 'string') {
    out.push(diagnostic('JALUR004', msg.unknownGuard(guard), { transition: t }));
    return;
  }
  if (!isObject(guard) || typeof guard.type !== 'string') {
    out.push(diagnostic('JALUR004', msg.malformedGuard(shown(isObject(guard) ? guard.type : guard)), { transition: t }));
    return;
  }
  const type = guard.type;
  if (!(GUARD_TYPES as readonly string[]).includes(type)) {
    out.push(diagnostic('JALUR004', msg.unknownGuard(type), { transition: t }));
    return;
  }
  const params = isObject(guard.params) ? guard.params : undefined;
  const malformed = (): void => void out.push(diagnostic('JALUR004', msg.malformedGuard(type), { transition: t }));
  switch (type) {
    case 'check':
      if (!params || typeof params.field !== 'string' || !(COMPARISON_OPS as readonly string[]).includes(String(params.op))) return malformed();
      checks.push({ field: params.field, op: String(params.op), value: params.value });
      return;
    case 'and':
    case 'or':
      if (!params || !Array.isArray(params.of) || params.of.length === 0) return malformed();
      for (const g of params.of) walkGuard(g, t, out, checks);
      return;
    case 'not':
      if (!params || params.guard === undefined) return malformed();
      walkGuard(params.guard, t, out, checks);
      return;
    case 'role':
      if (!params || !Array.isArray(params.in) || params.in.length === 0) malformed();
      return;
  }
}

/** JALUR006 and JALUR014 for one field comparison. */
function lintCheck(check: Check, t: TransitionEntry, scope: LintScope, fields: Map<string, FormField[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { transition: t };
  const { field, op, value } = check;
  const [root = '', ...rest] = field.split('.');
  const contextKeys = Object.keys(scope.doc.machine.context ?? {});

  if (op === 'in' && !Array.isArray(value)) out.push(diagnostic('JALUR014', msg.inNeedsList(field), at));
  if ((op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') && typeof value !== 'number' && typeof value !== 'string')
    out.push(diagnostic('JALUR014', msg.orderNeedsNumber(field, op), at));
  const isSetOp = (SET_OPS as readonly string[]).includes(op);
  if (isSetOp) out.push(...setOpValue(field, op as SetOp, value, at));
  if (isSetOp && !mayBeSet(root, rest, scope)) out.push(diagnostic('JALUR014', setMsg.notASet(field, op), at));
  const values = op === 'exists' || op === 'countGte' || op === 'countLte' ? [] : Array.isArray(value) ? value : [value];

  let defs: FormField[] | undefined;
  if (root === 'form' && rest.length > 0) {
    defs = fields.get(rest[0] ?? '');
    if (!defs && !contextHasForm(scope, rest[0] ?? '')) out.push(diagnostic('JALUR006', msg.fieldNotRecorded(field), at));
  } else if (root === 'forms' && rest.length >= 2) {
    const name = rest[rest.length - 1] ?? '';
    const stateId = rest.slice(0, -1).join('.');
    const form = (scope.byId.get(stateId)?.node.meta as Partial<StepMeta> | undefined)?.form;
    defs = Array.isArray(form) ? form.filter((f) => f.name === name) : [];
    if (defs.length === 0) out.push(diagnostic('JALUR006', msg.fieldNotRecorded(field), at));
  } else if (root === 'riskFactors' && rest.length === 0) {
    for (const v of values) if (typeof v !== 'string' || !(RISK_FACTORS as readonly string[]).includes(v)) out.push(diagnostic('JALUR014', msg.valueNotAnOption(field, shown(v), RISK_FACTORS), at));
  } else if (root === 'consent' && rest.length > 0) {
    if ((op === 'eq' || op === 'neq') && typeof value !== 'boolean') out.push(diagnostic('JALUR014', msg.valueWrongType(field, TYPE_WORDS.boolean as Localized), at));
  } else if (!ALWAYS_KNOWN.has(root) && !OPEN_ROOTS.has(root) && !contextKeys.includes(root)) {
    out.push(diagnostic('JALUR006', msg.fieldUnknown(field), at, 'error'));
  }
  if (defs && defs.length > 0 && op !== 'exists' && !isSetOp) out.push(...compareWithForm(field, op, values, defs, at));
  return out;
}

/** The set comparisons' own messages (JALUR014). */
const setMsg = {
  notASet: (field: string, op: string) =>
    bilingual(
      `Syarat "${op}" untuk "${field}" membandingkan sebuah himpunan, tetapi "${field}" bukan daftar (hanya faktor risiko kasus atau daftar dalam data kasus).`,
      `The "${op}" guard on "${field}" compares a set, but "${field}" is not a list (only the case's risk factors or a list in the case data).`,
    ),
  needsOne: (field: string) =>
    bilingual(`Syarat "memuat" untuk "${field}" butuh satu nilai, bukan daftar.`, `The "includes" guard on "${field}" needs one value, not a list.`),
  needsList: (field: string, op: string) =>
    bilingual(`Syarat "${op}" untuk "${field}" butuh daftar berisi paling sedikit satu nilai.`, `The "${op}" guard on "${field}" needs a list of at least one value.`),
  needsCount: (field: string, op: string) =>
    bilingual(`Syarat "${op}" untuk "${field}" butuh bilangan bulat 0 atau lebih.`, `The "${op}" guard on "${field}" needs a whole number, 0 or more.`),
};

/** JALUR014 for a set comparison's value: one value, a non-empty list, or a whole number. */
function setOpValue(field: string, op: SetOp, value: unknown, at: { transition: TransitionEntry }): Diagnostic[] {
  if (op === 'includes' && (value === undefined || Array.isArray(value))) return [diagnostic('JALUR014', setMsg.needsOne(field), at)];
  if ((op === 'includesAny' || op === 'includesAll') && (!Array.isArray(value) || value.length === 0)) return [diagnostic('JALUR014', setMsg.needsList(field, op), at)];
  if ((op === 'countGte' || op === 'countLte') && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) return [diagnostic('JALUR014', setMsg.needsCount(field, op), at)];
  return [];
}

/** Can the field hold a list? The risk factors do; form fields, consents and student facts are single values; a context key must start as a list. */
function mayBeSet(root: string, rest: string[], scope: LintScope): boolean {
  if (root === 'riskFactors') return rest.length === 0;
  if (root === 'form' || root === 'forms' || root === 'consent' || root === 'caseId') return false;
  if (root === 'student') return true;
  const start = (scope.doc.machine.context ?? {})[root];
  if (start === undefined) return true; // unknown roots get JALUR006 already
  if (rest.length === 0) return Array.isArray(start);
  let v: unknown = start;
  for (const part of rest) v = isObject(v) && Object.hasOwn(v, part) ? v[part] : undefined;
  return v === undefined || Array.isArray(v);
}

function contextHasForm(scope: LintScope, name: string): boolean {
  const form = scope.doc.machine.context?.form;
  return isObject(form) && Object.hasOwn(form, name);
}

/** A comparison against a recorded form field must use values that field can hold. */
function compareWithForm(field: string, op: string, values: unknown[], defs: FormField[], at: { transition: TransitionEntry }): Diagnostic[] {
  const types = new Set(defs.map((d) => d.type));
  const fits = (type: string, v: unknown): boolean =>
    v === null ||
    (type === 'number' && typeof v === 'number') ||
    (type === 'boolean' && typeof v === 'boolean') ||
    ((type === 'text' || type === 'date' || type === 'choice') && typeof v === 'string');
  for (const v of values) {
    if (![...types].some((type) => fits(type, v))) {
      const word = TYPE_WORDS[types.has('number') ? 'number' : types.has('boolean') ? 'boolean' : types.has('date') ? 'date' : 'string'];
      return [diagnostic('JALUR014', msg.valueWrongType(field, word as Localized), at)];
    }
  }
  if (types.size === 1 && types.has('choice') && op !== 'lt' && op !== 'lte' && op !== 'gt' && op !== 'gte') {
    const options = [...new Set(defs.flatMap((d) => d.options ?? []))];
    if (options.length === 0) return [];
    const wrong = values.find((v) => typeof v === 'string' && !options.includes(v));
    if (wrong !== undefined) return [diagnostic('JALUR014', msg.valueNotAnOption(field, shown(wrong), options), at)];
  }
  return [];
}

/** The roles a guard demands for sure (a `role` check, or one inside an `and`); undefined when it demands none. */
function requiredRoles(guard: unknown): Set<string> | undefined {
  if (!isObject(guard) || !isObject(guard.params)) return undefined;
  if (guard.type === 'role' && Array.isArray(guard.params.in)) return new Set(guard.params.in.map(String));
  if (guard.type === 'and' && Array.isArray(guard.params.of)) {
    let acc: Set<string> | undefined;
    for (const g of guard.params.of) {
      const r = requiredRoles(g);
      if (r) acc = acc ? new Set([...acc].filter((x) => r.has(x))) : r;
    }
    return acc;
  }
  return undefined;
}

/** JALUR013: a role check that none of the step's own roles passes. */
function roleReach(guard: unknown, t: TransitionEntry): Diagnostic[] {
  const required = requiredRoles(guard);
  const stepRoles = (t.source.node.meta as Partial<StepMeta> | undefined)?.roles;
  if (!required || !Array.isArray(stepRoles) || stepRoles.length === 0 || t.delay !== undefined) return [];
  if (stepRoles.some((r) => required.has(r))) return [];
  return [diagnostic('JALUR013', msg.roleNeverAllowed(t.source.id, [...required], stepRoles), { transition: t })];
}
