/**
 * Machines from XState's own example apps (statelyai/xstate `examples/`, at
 * b1811bf77b). The configs are copied as written; where the original passes
 * a function inline (an `assign(…)`, a guard arrow, an invoke `input`), it is
 * written here as the named reference a JSON config uses instead, and the
 * comment says so. Code guards are listed in `codeGuards`: both sides answer
 * them from the same per-walk flag.
 */
import type { ConformanceMachine } from '../harness.ts';

const X = 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/examples';

export const xstateExamples: ConformanceMachine[] = [
  {
    name: 'examples/toggle',
    source: `${X}/toggle/src/toggleMachine.ts`,
    config: {
      id: 'toggle',
      initial: 'inactive',
      states: {
        inactive: { on: { toggle: 'active' } },
        active: { on: { toggle: 'inactive' } },
      },
    },
    warnings: [],
  },
  {
    name: 'examples/donut-maker',
    source: `${X}/persisted-donut-maker/donutMachine.ts`,
    config: {
      id: 'donut',
      initial: 'ingredients',
      states: {
        ingredients: { on: { NEXT: 'directions' } },
        directions: {
          initial: 'makeDough',
          onDone: 'fry',
          states: {
            makeDough: { on: { NEXT: 'mix' } },
            mix: {
              type: 'parallel',
              states: {
                mixDry: { initial: 'mixing', states: { mixing: { on: { MIXED_DRY: 'mixed' } }, mixed: { type: 'final' } } },
                mixWet: { initial: 'mixing', states: { mixing: { on: { MIXED_WET: 'mixed' } }, mixed: { type: 'final' } } },
              },
              onDone: 'allMixed',
            },
            allMixed: { type: 'final' },
          },
        },
        fry: { on: { NEXT: 'flip' } },
        flip: { on: { NEXT: 'dry' } },
        dry: { on: { NEXT: 'glaze' } },
        glaze: { on: { NEXT: 'serve' } },
        serve: { on: { ANOTHER_DONUT: 'ingredients' } },
      },
    },
    warnings: [],
  },
  {
    name: 'examples/stopwatch',
    source: `${X}/stopwatch/src/stopwatchMachine.ts`,
    // `actions: assign({ elapsed: … })` written as the named actions `tick` and `resetElapsed`.
    config: {
      id: 'stopwatch',
      initial: 'stopped',
      context: { elapsed: 0 },
      states: {
        stopped: { on: { start: 'running' } },
        running: {
          invoke: { src: 'ticks' },
          on: { TICK: { actions: 'tick' }, stop: 'stopped' },
        },
      },
      on: { reset: { actions: 'resetElapsed', target: '.stopped' } },
    },
    warnings: ['invoke@states.running.invoke', 'actions@states.running.on.TICK.actions', 'actions@on.reset.actions'],
  },
  {
    name: 'examples/fetch',
    source: `${X}/fetch/src/fetchMachine.ts`,
    // The invoke's `input` function and the onDone `assign` are left out / named (`setData`).
    config: {
      initial: 'idle',
      context: { name: 'World', data: null },
      states: {
        idle: { on: { FETCH: 'loading' } },
        loading: { invoke: { src: 'fetchUser', onDone: { target: 'success', actions: 'setData' }, onError: 'failure' } },
        success: {},
        failure: { after: { 1000: 'loading' }, on: { RETRY: 'loading' } },
      },
    },
    warnings: ['invoke@states.loading.invoke'],
  },
  {
    name: 'examples/flight-booker',
    source: `${X}/7guis-flight-booker-react/src/machines/flightMachine.ts`,
    codeGuards: ['isValidDepartDate?', 'isValidReturnDate?'],
    config: {
      id: 'flightBookerMachine',
      context: { departDate: '2024-01-01', returnDate: '2024-01-02' },
      initial: 'scheduling',
      states: {
        scheduling: {
          initial: 'oneWay',
          on: { CHANGE_DEPART_DATE: { actions: { type: 'setDepartDate' } } },
          states: {
            oneWay: {
              on: {
                CHANGE_TRIP_TYPE: { target: 'roundTrip' },
                BOOK_DEPART: { target: '#flightBookerMachine.booking', guard: { type: 'isValidDepartDate?' } },
              },
            },
            roundTrip: {
              on: {
                CHANGE_TRIP_TYPE: { target: 'oneWay' },
                CHANGE_RETURN_DATE: { actions: { type: 'setReturnDate' } },
                BOOK_RETURN: { target: '#flightBookerMachine.booking', guard: { type: 'isValidReturnDate?' } },
              },
            },
          },
        },
        booking: { invoke: { src: 'Booker', onDone: { target: 'booked' }, onError: { target: 'scheduling' } } },
        booked: { type: 'final' },
      },
    },
  },
  {
    name: 'examples/todomvc',
    source: `${X}/todomvc-react/src/todosMachine.ts`,
    // Every `assign(…)` written as a named action; the inline guard on `newTodo.commit` as `hasText`.
    codeGuards: ['hasText'],
    config: {
      id: 'todos',
      context: { todo: '', todos: [{ id: '1', title: 'Learn state machines', completed: false }], filter: 'all' },
      on: {
        'newTodo.change': { actions: 'setTodo' },
        'newTodo.commit': { guard: 'hasText', actions: 'commitTodo' },
        'todo.commit': { actions: 'updateTodo' },
        'todo.delete': { actions: 'deleteTodo' },
        'filter.change': { actions: 'setFilter' },
        'todo.mark': { actions: 'markTodo' },
        'todo.markAll': { actions: 'markAll' },
        'todos.clearCompleted': { actions: 'clearCompleted' },
      },
    },
    // XState runs a machine of one root state; a pathway needs steps.
    refused: [{ path: 'states', reason: /has no states.*a pathway needs at least one step/ }],
  },
  {
    name: 'examples/tiles',
    source: `${X}/tiles/src/tilesMachine.ts`,
    // `enqueueActions(…)` on `tile.move` written as the named action `moveIfAdjacent`.
    codeGuards: ['allTilesInOrder'],
    config: {
      context: { tiles: [0, 1, 2, 3], selected: null, hovered: null },
      initial: 'start',
      states: {
        start: {},
        gameOver: { id: 'gameOver', on: { shuffle: { target: 'playing', actions: ['shuffleTiles'] } } },
        playing: {
          on: { shuffle: { target: undefined } },
          states: {
            selecting: { id: 'selecting', on: { 'tile.select': { target: 'selected', actions: ['setSelectedTile'] } } },
            selected: {
              on: {
                'move.canceled': { actions: ['clearSelectedTile', 'clearHoveredTile'], target: 'selecting' },
                'tile.hover': [{ actions: ['setHoveredTile'] }],
                'tile.move': { actions: 'moveIfAdjacent', target: '#selecting' },
              },
            },
          },
          always: { guard: 'allTilesInOrder', target: '#gameOver' },
          initial: 'selecting',
        },
      },
      on: { shuffle: { target: '.playing', actions: ['shuffleTiles'] } },
    },
  },
  {
    name: 'examples/timer',
    source: `${X}/timer/src/timerMachine.ts`,
    // Inline guards named `hasSeconds` (context.seconds > 0) and `noSeconds` (=== 0); each assign named.
    codeGuards: ['hasSeconds', 'noSeconds'],
    config: {
      context: { seconds: 0 },
      initial: 'stopped',
      states: {
        stopped: {
          on: {
            start: { guard: 'hasSeconds', target: 'running' },
            minute: { actions: 'addMinute' },
            second: { actions: 'addSecond' },
          },
        },
        running: {
          invoke: { src: 'ticks' },
          on: { stop: 'stopped', TICK: { actions: 'tickDown' } },
          always: { guard: 'noSeconds', target: 'stopped' },
        },
      },
      on: { reset: { guard: 'hasSeconds', actions: 'resetSeconds' } },
    },
  },
  {
    name: 'examples/express-workflow',
    source: `${X}/express-workflow/machine.ts`,
    config: {
      id: 'counter',
      initial: 'green',
      context: { cycles: 0 },
      states: {
        green: { on: { TIMER: 'yellow' } },
        yellow: { on: { TIMER: 'red' } },
        red: { on: { TIMER: { target: 'green', actions: 'countCycle' } } },
      },
    },
  },
  {
    name: 'examples/tic-tac-toe',
    source: `${X}/tic-tac-toe-react/src/ticTacToeMachine.ts`,
    codeGuards: ['checkWin', 'checkDraw', 'isValidMove'],
    config: {
      initial: 'playing',
      context: { board: [null, null, null, null, null, null, null, null, null], moves: 0, player: 'x', winner: null },
      states: {
        playing: {
          always: [
            { target: 'gameOver.winner', guard: 'checkWin' },
            { target: 'gameOver.draw', guard: 'checkDraw' },
          ],
          on: { PLAY: [{ target: 'playing', guard: 'isValidMove', actions: 'updateBoard' }] },
        },
        gameOver: {
          initial: 'winner',
          states: { winner: { tags: 'winner', entry: 'setWinner' }, draw: { tags: 'draw' } },
          on: { RESET: { target: 'playing', actions: 'resetGame' } },
        },
      },
    },
  },
  {
    name: 'examples/friend',
    source: `${X}/friends-list-react/src/friendMachine.ts`,
    // `context: ({ input }) => …` given as the JSON context it builds.
    config: {
      id: 'friend',
      initial: 'reading',
      context: { prevName: 'David', name: 'David' },
      states: {
        reading: { tags: 'read', on: { EDIT: 'editing' } },
        editing: { tags: 'form', on: { SET_NAME: { actions: 'setName' }, SAVE: { target: 'saving' } } },
        saving: { tags: ['form', 'saving'], invoke: { src: 'saveUser', onDone: { target: 'reading', actions: 'keepName' } } },
      },
      on: { CANCEL: { actions: 'restoreName', target: '.reading' } },
    },
  },
  {
    name: 'examples/snake',
    source: `${X}/snake-react/src/snakeMachine.ts`,
    // `or(['hit tail', 'hit wall'])` named `hit tail or wall`. State, guard and action names keep their spaces.
    codeGuards: ['ate apple', 'hit tail or wall'],
    config: {
      id: 'SnakeMachine',
      context: { score: 0 },
      initial: 'New Game',
      states: {
        'New Game': { on: { ARROW_KEY: { actions: 'save dir', target: 'Moving' } } },
        Moving: {
          entry: 'move snake',
          invoke: { src: 'ticks' },
          always: [
            { guard: 'ate apple', actions: ['grow snake', 'increase score', 'show new apple'] },
            { guard: 'hit tail or wall', target: 'Game Over' },
          ],
          on: { TICK: { actions: 'move snake' }, ARROW_KEY: { actions: 'save dir', target: 'Moving' } },
        },
        'Game Over': { on: { NEW_GAME: { actions: 'reset', description: 'triggered by pressing the "r" key', target: 'New Game' } } },
      },
    },
  },
];
