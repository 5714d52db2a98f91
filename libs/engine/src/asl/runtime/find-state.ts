import {
  type AslState,
  type AslStateMachine,
  type AslSubMachine,
  mapProcessorOf,
} from '../definition/asl-definition.js';
import { InvariantViolationError } from '../../errors/engine.error.js';
import { parseScope } from './asl-step-id.js';

/** The (sub-)machine whose states run in `scope`: the top level, a Parallel branch or a Map processor. */
export function findSubMachine(machine: AslStateMachine, scope: string): AslSubMachine {
  let current: AslSubMachine = machine;
  for (const part of parseScope(scope)) {
    const container = current.States[part.stateName];
    const next =
      container?.Type === 'Parallel'
        ? container.Branches?.[part.index]
        : container
          ? mapProcessorOf(container)
          : undefined;
    if (!next) throw new InvariantViolationError(`Scope "${scope}" does not match the state machine`);
    current = next;
  }
  return current;
}

export function findState(machine: AslStateMachine, scope: string, stateName: string): AslState {
  const state = findSubMachine(machine, scope).States[stateName];
  if (!state) throw new InvariantViolationError(`State "${stateName}" is not in scope "${scope}"`);
  return state;
}
