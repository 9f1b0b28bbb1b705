/**
 * Hand-made machines, one for each construct that XState 5 runs and the
 * engine once ran differently (issue 12, "Real XState machines do not all
 * run the same"), plus the ones a pathway must refuse with a reason.
 * Guards written `{ type: 'check', … }` are the engine's own; raw xstate gets
 * the engine's implementations for them, and every event carries the data
 * they read.
 */
import type { ConformanceMachine } from '../harness.ts';

const ok = (field: string) => ({ type: 'check', params: { field: `form.${field}`, op: 'eq', value: true } });

export const edgeMachines: ConformanceMachine[] = [
  {
    name: 'edge/wildcards',
    source: 'hand-made: `*` and partial `user.*` descriptors, exact before wildcard, longer wildcard first, guarded exact falling back',
    config: {
      id: 'wild',
      initial: 'idle',
      on: { '*': '.caught' },
      states: {
        idle: { on: { 'user.*': 'user', 'user.login': 'login', GO: 'busy' } },
        user: {
          on: {
            'user.login': { target: 'login', guard: ok('ok') },
            'user.*': [{ target: 'login', guard: ok('second') }, { target: 'idle' }],
            'user.logout.*': 'caught',
            '*': 'busy',
          },
        },
        login: { on: { 'admin.*': 'idle', 'user.*': 'user' } },
        busy: { after: { 1000: 'idle' }, on: { 'user.*': 'user' } },
        caught: { on: { BACK: 'idle', '*': 'idle' } },
      },
    },
    events: [{ type: 'user.login' }, { type: 'user.logout' }, { type: 'user.logout.now' }, { type: 'admin.reset' }, { type: 'BACK' }],
    data: (rand) => ({ ok: rand() < 0.5, second: rand() < 0.5 }),
    walks: 10,
  },
  {
    name: 'edge/always-after-unhandled-event',
    source: 'hand-made: XState re-evaluates `always` after every event, also one no state handles',
    config: {
      id: 'again',
      initial: 'waiting',
      states: {
        waiting: { always: { guard: ok('ready'), target: 'ready' }, on: { POKE: 'waiting' } },
        ready: { on: { RESET: 'waiting' } },
      },
    },
    data: (rand) => ({ ready: rand() < 0.3 }),
  },
  {
    name: 'edge/history',
    source: 'hand-made: v4 `history: true` (XState 5 reads it as a shallow history state) and `history: "deep"` without a type',
    config: {
      id: 'hist',
      initial: 'off',
      states: {
        off: { on: { POWER: 'on.hist', DEEP: 'on.deep', FRESH: 'on' } },
        on: {
          initial: 'a',
          on: { POWER: 'off' },
          states: {
            a: { on: { NEXT: 'b' } },
            b: { initial: 'b1', states: { b1: { on: { NEXT: 'b2' } }, b2: { on: { NEXT: '#hist.on.a' } } } },
            hist: { history: true },
            deep: { history: 'deep' },
          },
        },
      },
    },
    warnings: [],
  },
  {
    name: 'edge/v4-internal-false',
    source: 'hand-made: v4 `internal: false` (XState 5 ignores it: no exit, the timer keeps running) beside `reenter: true` (restarts it)',
    config: {
      id: 'v4',
      initial: 'active',
      states: {
        active: {
          after: { 5000: 'expired' },
          initial: 'inner',
          states: { inner: { on: { DEEPER: 'deeper' } }, deeper: {} },
          on: {
            PING: { target: 'active', internal: false },
            TOUCH: { target: '.inner', internal: true },
            REENTER: { target: 'active', reenter: true },
          },
        },
        expired: { on: { RESTART: 'active' } },
      },
    },
    warnings: ['internal@states.active.on.PING.internal', 'internal@states.active.on.TOUCH.internal'],
  },
  {
    name: 'edge/names',
    source: 'hand-made: state and event names with digits first, spaces and letters beyond ASCII, kept as written',
    config: {
      id: 'nama mesin',
      initial: '1',
      states: {
        '1': { on: { '2': 'état', 'langkah berikut': '日本' } },
        état: { on: { '2': '1', RETOUR: 'home visit' } },
        日本: { initial: 'ä', states: { ä: { on: { '2': 'ö' } }, ö: { type: 'final' } }, onDone: 'home visit' },
        'home visit': { on: { '3': '#nama mesin.1' } },
      },
    },
    warnings: ['key@id'],
  },
  {
    name: 'edge/actions-and-invoke',
    source: 'hand-made: entry, exit and transition actions and an invoke with onDone/onError: left out, each with a warning',
    config: {
      id: 'acts',
      initial: 'a',
      entry: 'rootEntry',
      states: {
        a: { entry: ['enterA'], exit: 'exitA', on: { GO: { target: 'b', actions: ['log', { type: 'track', params: { n: 1 } }] } } },
        b: { invoke: { src: 'loadThing', id: 'loader', onDone: 'c', onError: { target: 'a', actions: 'report' } }, on: { CANCEL: 'a' } },
        c: { type: 'final', entry: 'celebrate' },
      },
    },
    warnings: ['entry@entry', 'entry@states.a.entry', 'exit@states.a.exit', 'actions@states.a.on.GO.actions', 'invoke@states.b.invoke', 'entry@states.c.entry'],
  },
  {
    name: 'edge/kept-tags-output-meta',
    source: 'hand-made: tags, state and root output, root meta, meta as text, descriptions — kept and exported unchanged',
    config: {
      id: 'kept',
      initial: 'draft',
      description: 'A document review',
      meta: { owner: 'team-a', version: 3 },
      output: { result: 'published' },
      states: {
        draft: {
          tags: ['editable', 'visible'],
          meta: 'Draft, as plain text meta',
          description: 'Being written',
          on: { SUBMIT: { target: 'review', description: 'Send for review', meta: { analytics: 'submit' } } },
        },
        review: {
          tags: 'visible',
          meta: { title: 'Review', color: '#f00', nested: { a: [1, 2] } },
          initial: 'first',
          states: { first: { on: { OK: 'second', BACK: '#kept.draft' } }, second: { type: 'final', output: { step: 2 } } },
          onDone: 'published',
        },
        published: { type: 'final', meta: { label: 'Done' } },
      },
    },
    warnings: [],
  },
  {
    name: 'edge/root-always-after',
    source: 'hand-made: `always` and `after` on the machine root, which XState runs like any state’s',
    config: {
      id: 'rooty',
      initial: 'a',
      after: { 60000: '.timedOut' },
      always: { guard: ok('stop'), target: '.stopped' },
      states: {
        a: { on: { NEXT: 'b' } },
        b: { on: { NEXT: 'a' } },
        timedOut: { on: { NEXT: 'a' } },
        stopped: { type: 'final' },
      },
    },
    data: (rand) => ({ stop: rand() < 0.08 }),
    walks: 12,
  },
  {
    name: 'edge/nested-onDone',
    source: 'hand-made: onDone three groups deep, each completion finishing the group around it',
    config: {
      id: 'nest',
      initial: 'l1',
      states: {
        l1: {
          initial: 'l2',
          onDone: 'after1',
          states: {
            l2: {
              initial: 'l3',
              onDone: 'done2',
              states: {
                l3: { initial: 'x', onDone: 'done3', states: { x: { on: { FIN: 'y' } }, y: { type: 'final' } } },
                done3: { on: { FIN: 'done3b' } },
                done3b: { type: 'final' },
              },
            },
            done2: { type: 'final' },
          },
        },
        after1: { on: { AGAIN: 'l1' } },
      },
    },
  },
  {
    name: 'edge/v4-cond',
    source: 'hand-made: v4 `cond`, which XState 5 refuses (development build) or ignores (production build)',
    config: { id: 'v4cond', initial: 'a', states: { a: { on: { GO: { target: 'b', cond: 'never' } } }, b: { on: { BACK: 'a' } } } },
    refused: [{ path: 'states.a.on.GO.cond', reason: /cond ‘never’ is XState v4\. XState 5 refuses it/ }],
  },
  {
    name: 'edge/timers',
    source: 'hand-made: several delays on one state, a guarded timer, timers cancelled on exit',
    config: {
      id: 'timers',
      initial: 'a',
      states: {
        a: { after: { 1000: { target: 'b', guard: ok('go') }, 2000: 'c' }, on: { SKIP: 'c' } },
        b: { after: { 3600000: 'a', 86400000: 'c' } },
        c: { on: { BACK: 'a' } },
      },
    },
    data: (rand) => ({ go: rand() < 0.5 }),
  },
  {
    name: 'edge/refused-long-event',
    source: 'hand-made: an event name longer than a pathway takes (120 characters)',
    config: { id: 'long', initial: 'a', states: { a: { on: { ['E'.repeat(130)]: 'b' } }, b: { type: 'final' } } },
    refused: [{ path: `states.a.on.${'E'.repeat(130)}`, reason: /event name .* is too long: 130 characters, at most 120/ }],
  },
  {
    name: 'edge/refused-dotted-name',
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/id.test.ts#L118 (keys with escaped periods)',
    config: {
      initial: 'start',
      states: {
        start: { on: { escaped: 'foo\\.bar', unescaped: 'foo.bar' } },
        'foo.bar': {},
        foo: { initial: 'bar', states: { bar: {} } },
      },
    },
    refused: [{ path: 'states.foo.bar', reason: /a dot \(\.\) separates steps in a path/ }],
  },
];
