/**
 * The engine's command line (`corepack pnpm jalur …`), the only part of the
 * engine that touches files:
 *
 *   jalur lint <file…> [--lang en]           diagnostics with codes; exit 1 on errors
 *   jalur simulate <file> <event…> [--role guru_bk] [--now 2026-01-05T08:00:00Z]
 *                                            prints each state reached
 *   jalur export <file>                      XState JSON config on stdout
 *   jalur import <file>                      pathway document from an XState config
 *
 * Events are `EVENT` or `EVENT:{"json":"data"}`; `after:P7D` fires the pending
 * timer with that delay (the clock moves to its due time).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type PathwayDocument, type Role } from './document.ts';
import type { CaseEvent, Diagnostic, DocumentIssue, Effect } from './contract.ts';
import { parsePathway } from './parse.ts';
import { lintPathway } from './lint.ts';
import { compilePathway } from './compile.ts';
import { advanceCase, startCase, type ActiveStep } from './case.ts';
import { exportXState, importXState } from './xstate-json.ts';
import { durationLabel } from './duration.ts';

/** Where the CLI reads and writes; injected so tests run it in memory. */
export interface CliIo {
  readFile(path: string): string;
  out(line: string): void;
  err(line: string): void;
}

type Lang = 'id' | 'en';

const USAGE = [
  'Pemakaian / usage:',
  '  jalur lint <berkas…> [--lang en]',
  '  jalur simulate <berkas> <EVENT | EVENT:{"data":1} | after:P7D …> [--role guru_bk] [--now <ISO>]',
  '  jalur export <berkas>',
  '  jalur import <berkas>',
];

interface Args {
  positional: string[];
  flags: Map<string, string>;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      flags.set(name, inline ?? argv[++i] ?? '');
    } else positional.push(a);
  }
  return { positional, flags };
}

function text(m: { id: string; en?: string | undefined }, lang: Lang): string {
  return lang === 'en' ? (m.en ?? m.id) : m.id;
}

function where(d: Diagnostic): string {
  if (d.transition) return `${d.transition.source || '(root)'} —${d.transition.event}${d.transition.index > 0 ? `[${d.transition.index}]` : ''}→`;
  return d.state || '(jalur)';
}

function printIssues(file: string, issues: DocumentIssue[], io: CliIo, lang: Lang): void {
  for (const i of issues) io.out(`${file}: error  PARSE  ${i.path.join('.') || '(dokumen)'}  ${text(i.message, lang)}`);
}

function load(file: string, io: CliIo, lang: Lang): PathwayDocument | undefined {
  let raw: string;
  try {
    raw = io.readFile(file);
  } catch (error) {
    io.err(`${file}: ${lang === 'en' ? 'cannot read' : 'tidak bisa dibaca'} (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  const parsed = parsePathway(raw);
  if (!parsed.ok) {
    printIssues(file, parsed.error, io, lang);
    return undefined;
  }
  return parsed.value;
}

function lint(files: string[], io: CliIo, lang: Lang): number {
  if (files.length === 0) return usage(io);
  let failed = false;
  for (const file of files) {
    const doc = load(file, io, lang);
    if (!doc) {
      failed = true;
      continue;
    }
    const diagnostics = lintPathway(doc);
    for (const d of diagnostics) io.out(`${file}: ${d.severity.padEnd(7)}${d.code}  ${where(d)}  ${text(d.message, lang)}`);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) failed = true;
    const warnings = diagnostics.length - errors;
    io.out(`${file}: ${errors} error, ${warnings} warning${diagnostics.length === 0 ? ' — OK' : ''}`);
  }
  return failed ? 1 : 0;
}

/** `EVENT` or `EVENT:{"json":"data"}`. */
export function parseEventArg(arg: string): CaseEvent {
  const colon = arg.indexOf(':');
  if (colon === -1 || arg.startsWith('after:')) return { type: arg };
  const data = JSON.parse(arg.slice(colon + 1)) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`event data must be a JSON object: ${arg}`);
  return { type: arg.slice(0, colon), data: data as Record<string, unknown> };
}

function describeActive(active: ActiveStep[], lang: Lang): string {
  return active.map((s) => (s.meta ? `${s.stateId} (${text(s.meta.title, lang)})` : s.stateId)).join(', ');
}

function describeEffects(effects: Effect[], lang: Lang): string[] {
  return effects.flatMap((e) => {
    switch (e.type) {
      case 'timer.schedule':
        return [`    ⏱  ${e.stateId}: ${durationLabel(e.delay, lang)} → ${e.dueAt}`];
      case 'task.open':
        return [`    ☐  ${text(e.title, lang)} [${e.roles.join(', ')}]${e.dueAt ? ` ${lang === 'en' ? 'due' : 'tenggat'} ${e.dueAt.slice(0, 10)}` : ''}`];
      case 'case.closed':
        return [`    ✔  ${lang === 'en' ? 'case closed' : 'kasus ditutup'}: ${e.finalState}`];
      default:
        return [];
    }
  });
}

function simulate(args: string[], flags: Map<string, string>, io: CliIo, lang: Lang): number {
  const [file, ...eventArgs] = args;
  if (!file) return usage(io);
  const roleFlag = flags.get('role');
  if (roleFlag !== undefined && !(ROLES as readonly string[]).includes(roleFlag)) {
    io.err(`--role: ${roleFlag} (${ROLES.join(', ')})`);
    return 2;
  }
  const doc = load(file, io, lang);
  if (!doc) return 1;
  const pathway = compilePathway(doc);
  let now = new Date(flags.get('now') ?? '2026-01-05T08:00:00.000Z');
  const actor = roleFlag ? { id: 'cli', role: roleFlag as Role } : undefined;
  const started = startCase(pathway, {}, { now });
  let snapshot = started.snapshot;
  const timers = new Map<string, Extract<Effect, { type: 'timer.schedule' }>>();
  const track = (effects: Effect[]): void => {
    for (const e of effects) {
      if (e.type === 'timer.schedule') timers.set(e.timerId, e);
      if (e.type === 'timer.cancel') timers.delete(e.timerId);
    }
  };
  track(started.effects);
  io.out(`● ${describeActive(started.active, lang)}`);
  for (const line of describeEffects(started.effects, lang)) io.out(line);
  for (const arg of eventArgs) {
    let event: CaseEvent;
    try {
      event = parseEventArg(arg);
    } catch (error) {
      io.err(error instanceof Error ? error.message : String(error));
      return 2;
    }
    let eventActor = actor;
    if (event.type.startsWith('after:')) {
      const delay = event.type.slice('after:'.length);
      const timer = [...timers.values()].find((t) => t.delay === delay);
      if (!timer) {
        io.out(`✖ ${arg}: ${lang === 'en' ? 'no pending timer with that delay' : 'tidak ada waktu tunggu seperti itu yang berjalan'}`);
        return 1;
      }
      event = { type: timer.event };
      now = new Date(timer.dueAt);
      eventActor = undefined;
    }
    const result = advanceCase(pathway, snapshot, event, eventActor ? { now, actor: eventActor } : { now });
    if (!result.ok) {
      io.out(`✖ ${arg}: ${text(result.error.message, lang)} (${result.error.code}; ${lang === 'en' ? 'allowed' : 'boleh'}: ${result.error.allowed.join(', ') || '—'})`);
      return 1;
    }
    snapshot = result.value.snapshot;
    track(result.value.effects);
    io.out(`→ ${arg}`);
    io.out(`● ${describeActive(result.value.active, lang)}`);
    for (const line of describeEffects(result.value.effects, lang)) io.out(line);
  }
  return 0;
}

function usage(io: CliIo): number {
  for (const line of USAGE) io.err(line);
  return 2;
}

/** Runs the CLI with `argv` (without `node cli.ts`); resolves to the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const { positional, flags } = parseArgs(argv);
  const lang: Lang = flags.get('lang') === 'en' ? 'en' : 'id';
  const [command, ...rest] = positional;
  switch (command) {
    case 'lint':
      return lint(rest, io, lang);
    case 'simulate':
      return simulate(rest, flags, io, lang);
    case 'export': {
      const doc = rest[0] ? load(rest[0], io, lang) : undefined;
      if (!doc) return rest[0] ? 1 : usage(io);
      io.out(JSON.stringify(exportXState(doc).config, null, 2));
      return 0;
    }
    case 'import': {
      if (!rest[0]) return usage(io);
      const result = importXState(JSON.parse(io.readFile(rest[0])) as unknown);
      if (!result.ok) {
        printIssues(rest[0], result.error, io, lang);
        return 1;
      }
      io.out(JSON.stringify(result.value, null, 2));
      return 0;
    }
    default:
      return usage(io);
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // pnpm runs scripts from the package root; resolve files from where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const io: CliIo = {
    readFile: (path) => readFileSync(resolve(base, path), 'utf8'),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  process.exitCode = runCli(process.argv.slice(2), io);
}
