import type { StepKind } from '@jalur/engine';
import type { StateOwnConfig, StepNodeType } from './types.ts';

/**
 * The React Flow node type for a state: parallel regions and compound steps
 * are containers, every other state is drawn by the component of its kind.
 */
export function nodeTypeFor(config: StateOwnConfig, hasStates: boolean): StepNodeType {
  if (config.type === 'parallel') return 'parallel';
  if (hasStates || config.type === 'compound') return 'group';
  return kindOf(config);
}

/** The step kind of a state (`custom` when it has no step meta). */
export function kindOf(config: StateOwnConfig): StepKind {
  return config.meta?.kind ?? 'custom';
}

/** True for node types that contain other steps. */
export function isContainerType(type: string | undefined): boolean {
  return type === 'group' || type === 'parallel';
}
