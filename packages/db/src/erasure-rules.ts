/**
 * What a student's erasure (UU PDP) does to the JSON of their cases — pure
 * and dialect-free, so SQLite and PostgreSQL scrub exactly alike.
 *
 * The rule for event data and the snapshot's recorded forms is one function
 * of a key and its value ({@link scrubFormValue}): a field the pinned pathway
 * declares as `choice`, `number`, `date` or `boolean` keeps its value (that is
 * what guards and reports read); every other key — a `text` field, or a key no
 * step declares — loses every string in its value, however deeply nested.
 * Because the engine merges event data into `context.form` and
 * `context.forms[step]` key by key, applying the same per-key function to the
 * events and to the snapshot keeps `replayCase(events) == snapshot`.
 */

export const ERASED = '[dihapus / erased]';

type FormNode = { states?: Record<string, FormNode>; meta?: { form?: { name?: string; type?: string }[] } };

/** Names of every `text` field in a pathway document. */
export function textFieldsOf(document: unknown): Set<string> {
  const names = new Set<string>();
  walkFields(document, (name, type) => {
    if (type === 'text') names.add(name);
  });
  return names;
}

/**
 * The fields whose values erasure keeps: declared by some step with a
 * non-text type (`choice`, `number`, `date`, `boolean`) and by no step as
 * `text`. Everything else in event data is free text about the student.
 */
export function keptFieldsOf(document: unknown): Set<string> {
  const kept = new Set<string>();
  const text = new Set<string>();
  walkFields(document, (name, type) => (type === 'text' ? text : kept).add(name));
  for (const name of text) kept.delete(name);
  return kept;
}

function walkFields(document: unknown, visit: (name: string, type: string | undefined) => void): void {
  const walk = (node: FormNode | undefined, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 200) return;
    for (const f of Array.isArray(node.meta?.form) ? node.meta.form : []) if (f && typeof f.name === 'string') visit(f.name, f.type);
    for (const child of Object.values(node.states ?? {})) walk(child, depth + 1);
  };
  walk((document as { machine?: FormNode } | null)?.machine, 0);
}

/** `value` with every non-empty string in it (at any depth) replaced by {@link ERASED}; numbers, booleans, keys and shape stay. */
export function scrubStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value === '' ? value : ERASED;
  if (!value || typeof value !== 'object' || depth > 1000) return value;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubStrings(v, depth + 1);
  return out;
}

/** One form key's value after erasure: kept when the pathway declares it as a non-text field, else scrubbed. */
export function scrubFormValue(key: string, value: unknown, kept: ReadonlySet<string>): unknown {
  return kept.has(key) ? value : scrubStrings(value);
}

/** A form-values object (event data, `context.form`, `context.forms[step]`) with {@link scrubFormValue} applied key by key. */
export function scrubFormValues(values: unknown, kept: ReadonlySet<string>): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = scrubFormValue(k, v, kept);
  return out;
}

/** Case events that carry free text about the student: the kepsek's reason, the guru BK's note when asking again. */
export const APPROVAL_EVENTS = ['approval.decided', 'approval.requested'];

/** Fields of an approval event the engine reads (which step, which task, what decision); everything else is free text. */
const APPROVAL_KEYS = new Set(['stateId', 'taskId', 'decision']);

/** An approval event's data with its free text replaced (`reason`, `note`, anything not structural). */
export function scrubApprovalEvent(data: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!data) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = APPROVAL_KEYS.has(k) ? v : scrubStrings(v);
  return out;
}

/**
 * One stored case event's data after erasure. Pathway events (and the
 * scheduler's) are recorded into the form key by key; the case-work events
 * the engine applies by their own rules keep their structure: the opening
 * event keeps its start input except the form values, a consent keeps its
 * purpose and answer, an approval its step, task and decision, a migration
 * or assignment its ids.
 */
export function scrubEventData(type: string, data: Record<string, unknown> | null, kept: ReadonlySet<string>): Record<string, unknown> | null {
  if (!data || typeof data !== 'object') return data;
  if (APPROVAL_EVENTS.includes(type)) return scrubApprovalEvent(data);
  if (type === 'case.opened') {
    const input = data.input as Record<string, unknown> | undefined;
    if (!input || typeof input !== 'object' || !input.form) return data;
    return { ...data, input: { ...input, form: scrubFormValues(input.form, kept) } };
  }
  if (type.startsWith('case.') || type === 'consent.recorded') return data;
  return scrubFormValues(data, kept) as Record<string, unknown>;
}

type SnapshotLike = { context?: { form?: unknown; forms?: Record<string, unknown> } & Record<string, unknown> };

/** A case snapshot with the same per-key rule applied to `context.form` and every `context.forms[step]` (a copy). */
export function scrubSnapshot<T>(snapshot: T, kept: ReadonlySet<string>): T {
  const s = structuredClone(snapshot) as SnapshotLike;
  if (s && s.context) {
    if (s.context.form) s.context.form = scrubFormValues(s.context.form, kept);
    if (s.context.forms && typeof s.context.forms === 'object') {
      s.context.forms = Object.fromEntries(Object.entries(s.context.forms).map(([step, values]) => [step, scrubFormValues(values, kept)]));
    }
  }
  return s as T;
}

/**
 * `indicatorsAtOpen` (what the case page shows of the flags and indicators at
 * opening) with every free text gone: the flags' reasons and details' texts,
 * the behaviour descriptions; levels, rule keys, periods and numbers stay.
 */
export function scrubIndicatorsAtOpen(value: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...value };
  if (Array.isArray(value.flags)) {
    out.flags = value.flags.map((f: unknown) => {
      if (!f || typeof f !== 'object') return f;
      const flag = f as Record<string, unknown>;
      return { ...flag, reason: { id: ERASED, en: ERASED }, ...(flag.details ? { details: scrubDetails(flag.details) } : {}) };
    });
  }
  if (Array.isArray(value.indicators)) {
    out.indicators = value.indicators.map((i: unknown) => (i && typeof i === 'object' ? { ...(i as Record<string, unknown>), values: scrubStrings((i as Record<string, unknown>).values) } : i));
  }
  return out;
}

/** A flag's details: the finding's structure (`riskFactor`, period) stays, its texts go. */
export function scrubDetails(details: unknown): unknown {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return scrubStrings(details);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) out[k] = k === 'riskFactor' || k === 'period' ? v : scrubStrings(v);
  return out;
}
