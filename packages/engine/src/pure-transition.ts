/**
 * XState's pure `transition()` without its per-call actor.
 *
 * `transition(machine, snapshot, event)` from xstate builds a throwaway actor
 * on every call, and the Actor constructor eagerly computes the machine's
 * initial snapshot (initial context, entry actions, the whole initial
 * configuration). That is more than half of an advance's CPU on a compiled
 * pathway. A case machine spawns no child actors and invokes nothing (the
 * compiler emits neither), so one inert actor scope per machine serves every
 * call: the scope only collects the executable actions, it never runs them.
 */
import { createActor, type ActorScope, type ActorSystem, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

/** An executable action as `transition()` returns it (XState's `ExecutableActionObject`). */
export interface ExecutableAction {
  type: string;
  params?: unknown;
}

type InertScope = ActorScope<AnyMachineSnapshot, EventObject, ActorSystem<any>>;

const scopes = new WeakMap<AnyStateMachine, InertScope>();

function inertScope(machine: AnyStateMachine): InertScope {
  const known = scopes.get(machine);
  if (known) return known;
  // Never started: its system schedules nothing and delivers nothing.
  const self = createActor(machine);
  const scope: InertScope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  };
  scopes.set(machine, scope);
  return scope;
}

/**
 * The next snapshot and the executable actions of `event` in `snapshot`:
 * the same answer as xstate's `transition(machine, snapshot, event)`, for
 * machines that spawn and invoke nothing.
 */
export function pureTransition<S extends AnyMachineSnapshot>(machine: AnyStateMachine, snapshot: S, event: EventObject): [S, ExecutableAction[]] {
  const actions: ExecutableAction[] = [];
  const scope: InertScope = { ...inertScope(machine), actionExecutor: (action) => void actions.push(action) };
  return [machine.transition(snapshot, event, scope) as S, actions];
}
