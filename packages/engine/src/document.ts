/**
 * The pathway document: the one contract between the designer, the engine,
 * the API and the templates. `machine` is plain XState v5 JSON; `meta` on each
 * state describes the step a person works on.
 */
import { z } from 'zod';
import { CONFIDENTIALITY, DOCUMENT_LIMITS, PATHWAY_FORMAT, RISK_FACTORS, ROLES, STEP_KINDS } from './constants.ts';

// The plain lists live in constants.ts (no zod), so a page that needs only them does not load zod.
export { CONFIDENTIALITY, DOCUMENT_LIMITS, PATHWAY_FORMAT, RISK_FACTORS, ROLES, STEP_KINDS } from './constants.ts';

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const stepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof stepKindSchema>;

export const confidentialitySchema = z.enum(CONFIDENTIALITY);
export type Confidentiality = z.infer<typeof confidentialitySchema>;

export const riskFactorSchema = z.enum(RISK_FACTORS);
export type RiskFactor = z.infer<typeof riskFactorSchema>;

const text = z.string().max(DOCUMENT_LIMITS.maxStringLength);
/** A text in Bahasa Indonesia (required) and English (optional). */
export const localizedSchema = z.object({ id: text.min(1), en: text.optional() });
export type Localized = z.infer<typeof localizedSchema>;

/** A pathway key or form field name: safe as an object key, in a URL and as a dotted guard path segment. */
export const nameSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'name');

/** The longest state name, machine id and (user) event name a document may hold. */
export const NAME_LIMITS = { state: 120, event: 120 } as const;

/**
 * A state name (and the machine id) exactly as XState takes it: any letters,
 * digits, spaces or signs, except what XState reads as structure. A `.`
 * separates the steps of a path (`a.b`), so a name holding one could never
 * be targeted; a leading `#` makes a target an id reference; control
 * characters and surrounding spaces cannot be told apart on screen.
 */
export const STATE_NAME = /^(?!#)(?!\s)[^.\p{Cc}]*[^.\s\p{Cc}]$/u;
export const stateNameSchema = z.string().min(1).max(NAME_LIMITS.state).regex(STATE_NAME, 'stateName');

export const FIELD_TYPES = ['text', 'number', 'date', 'choice', 'boolean', 'register'] as const;
/**
 * The Satgas registers a `register` field picks an entry from, instead of a
 * typed name: a fund of the ledger (orang tua asuh, donors), a referral
 * partner, a trained peer counsellor. The value is the entry's id; the case
 * service checks that it exists in the case's school.
 */
export const REGISTER_KINDS = ['fund', 'partner', 'peer_counsellor'] as const;
export const registerKindSchema = z.enum(REGISTER_KINDS);
export type RegisterKind = z.infer<typeof registerKindSchema>;
export const formFieldSchema = z.object({
  name: nameSchema,
  type: z.enum(FIELD_TYPES),
  /** Which register a `register` field picks from. */
  register: registerKindSchema.optional(),
  label: localizedSchema,
  required: z.boolean().optional(),
  options: z.array(text).max(100).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  help: localizedSchema.optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const stepMetaSchema = z.object({
  kind: stepKindSchema,
  title: localizedSchema,
  description: localizedSchema.optional(),
  roles: z.array(roleSchema).max(10).default([]),
  form: z.array(formFieldSchema).max(100).default([]),
  dueInDays: z.number().int().min(0).max(3650).optional(),
  /** Count `dueInDays` in school days (skipping weekends and holidays). */
  schoolDays: z.boolean().optional(),
  confidentiality: confidentialitySchema.default('umum'),
  /** The step needs the kepsek's approval before its events may be sent. */
  requiresApproval: z.boolean().optional(),
  /** What another statechart tool recorded about the step; kept on import, ignored by the engine. */
  extra: z.record(z.string(), z.unknown()).optional(),
  /**
   * The state's `meta` exactly as an imported XState config wrote it (an
   * object, a text, anything JSON). The export writes it back unchanged as
   * long as the step's own fields still say what the import read from it.
   */
  xstate: z.unknown().optional(),
});
export type StepMeta = z.infer<typeof stepMetaSchema>;

/**
 * Comparisons over a set (a list field such as `riskFactors`): it holds one
 * value, any of a list, all of a list; it holds at least / at most N values.
 */
export const SET_OPS = ['includes', 'includesAny', 'includesAll', 'countGte', 'countLte'] as const;
export type SetOp = (typeof SET_OPS)[number];
export const COMPARISON_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'exists', ...SET_OPS] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/**
 * Declarative guards, referenced by name so raw xstate runs them with the
 * engine's implementations. `field` is a dotted path into the case data
 * (`form.attendanceRate`, `riskFactors`, `consent.referral`, `student.grade`).
 */
export type Guard =
  | { type: 'check'; params: { field: string; op: ComparisonOp; value?: unknown } }
  | { type: 'and'; params: { of: Guard[] } }
  | { type: 'or'; params: { of: Guard[] } }
  | { type: 'not'; params: { guard: Guard } }
  | { type: 'role'; params: { in: Role[] } };

const scalar = z.union([z.string().max(DOCUMENT_LIMITS.maxStringLength), z.number(), z.boolean(), z.null()]);
export const guardSchema: z.ZodType<Guard> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('check'),
      params: z.object({
        field: z.string().min(1).max(200).regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'field'),
        op: z.enum(COMPARISON_OPS),
        value: z.union([scalar, z.array(scalar).max(100)]).optional(),
      }),
    }),
    z.object({ type: z.literal('and'), params: z.object({ of: z.array(guardSchema).min(1).max(20) }) }),
    z.object({ type: z.literal('or'), params: z.object({ of: z.array(guardSchema).min(1).max(20) }) }),
    z.object({ type: z.literal('not'), params: z.object({ guard: guardSchema }) }),
    z.object({ type: z.literal('role'), params: z.object({ in: z.array(roleSchema).min(1) }) }),
  ]),
) as z.ZodType<Guard>;

export const transitionSchema = z.object({
  target: z.union([z.string().max(400), z.array(z.string().max(400)).max(20)]).optional(),
  guard: guardSchema.optional(),
  reenter: z.boolean().optional(),
  description: text.optional(),
  /** Editor label for the button a user presses, e.g. "Sesi selesai"; other keys an imported config wrote travel along. */
  meta: z.object({ label: localizedSchema.optional() }).catchall(z.unknown()).optional(),
});
export type TransitionConfig = z.infer<typeof transitionSchema>;

/** XState accepts a bare target string, one transition or a list of them. */
export const transitionsSchema = z.union([z.string().max(400), transitionSchema, z.array(transitionSchema).max(20)]);
export type TransitionsConfig = z.infer<typeof transitionsSchema>;

/** ISO-8601 duration such as `P7D`, `PT12H`, `P1W`, `P2DT3H`. */
export const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export interface StateNodeConfig {
  type?: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial?: string;
  states?: Record<string, StateNodeConfig>;
  on?: Record<string, TransitionsConfig>;
  after?: Record<string, TransitionsConfig>;
  always?: TransitionsConfig;
  meta?: StepMeta;
  description?: string;
  history?: 'shallow' | 'deep';
  target?: string;
  /** XState tags (`snapshot.hasTag`), kept as written: one text or a list. */
  tags?: string | string[];
  /** A final state's output (plain JSON), as XState gives it to the parent's done event. */
  output?: unknown;
}

/**
 * Events by name. User event names are checked for length after parsing
 * (`NAME_LIMITS.event`); the names XState itself gives a group's completion
 * (`xstate.done.state.<machine>.<path>`) grow with the path and may be longer.
 */
const eventMapSchema = z.record(z.string().min(1).max(2000), transitionsSchema);
const tagsSchema = z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(50)]);
/** Any plain JSON value (kept as written: outputs, root meta). */
const jsonSchema = z.unknown().refine((v) => v === undefined || isPlainJson(v, 0), 'json');

function isPlainJson(v: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainJson(x, depth + 1));
  if (typeof v === 'object') return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every((x) => isPlainJson(x, depth + 1));
  return false;
}

export const stateNodeSchema: z.ZodType<StateNodeConfig> = z.lazy(() =>
  z
    .object({
      type: z.enum(['atomic', 'compound', 'parallel', 'final', 'history']).optional(),
      initial: stateNameSchema.optional(),
      states: z.record(stateNameSchema, stateNodeSchema).optional(),
      on: eventMapSchema.optional(),
      after: z.record(z.string().min(1).max(40), transitionsSchema).optional(),
      always: transitionsSchema.optional(),
      meta: stepMetaSchema.optional(),
      description: text.optional(),
      history: z.enum(['shallow', 'deep']).optional(),
      target: z.string().max(400).optional(),
      tags: tagsSchema.optional(),
      output: jsonSchema.optional(),
    })
    .strict(),
) as z.ZodType<StateNodeConfig>;

export const machineConfigSchema = z
  .object({
    id: stateNameSchema,
    initial: stateNameSchema.optional(),
    type: z.enum(['compound', 'parallel']).optional(),
    context: z.record(z.string(), z.unknown()).optional(),
    states: z.record(stateNameSchema, stateNodeSchema),
    on: eventMapSchema.optional(),
    /** Timers and automatic transitions of the whole machine: XState runs them on the root as on any state. */
    after: z.record(z.string().min(1).max(40), transitionsSchema).optional(),
    always: transitionsSchema.optional(),
    description: text.optional(),
    version: z.string().max(40).optional(),
    tags: tagsSchema.optional(),
    /** The machine's output once it is done (plain JSON). */
    output: jsonSchema.optional(),
    /** The root `meta` an imported config wrote, kept as it was (the export writes it back). */
    meta: jsonSchema.optional(),
  })
  .strict();
export type MachineConfig = z.infer<typeof machineConfigSchema>;

export const layoutSchema = z.record(
  z.string().max(400),
  z.object({ x: z.number().finite(), y: z.number().finite(), width: z.number().optional(), height: z.number().optional() }),
);

export const pathwayDocumentSchema = z.object({
  format: z.literal(PATHWAY_FORMAT),
  key: nameSchema,
  title: localizedSchema,
  description: localizedSchema.optional(),
  tags: z.array(z.string().max(40)).max(20).optional(),
  machine: machineConfigSchema,
  layout: layoutSchema.default({}),
});
export type PathwayDocument = z.infer<typeof pathwayDocumentSchema>;
