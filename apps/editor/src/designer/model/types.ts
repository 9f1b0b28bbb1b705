/**
 * The designer's model of a pathway: React Flow nodes (one per state) and
 * edges (one per transition). Conversion to and from the pathway document is
 * pure (see `fromDocument.ts` / `toDocument.ts`); everything the document
 * says that the canvas does not draw is kept on the nodes and edges so the
 * round trip is the identity, layout aside.
 */
import type { Edge, EdgeMarker, MarkerType, Node } from '@xyflow/react';
import type { MachineConfig, PathwayDocument, StateNodeConfig, StepKind, TransitionConfig } from '@jalur/engine';

/** The state's own config, without its children and transitions (those are nodes and edges). */
export type StateOwnConfig = Omit<StateNodeConfig, 'states' | 'on' | 'after' | 'always'>;

/** Data on a step node. The node id is the state path (`intervensi.kunjungan`). */
export interface StepNodeData extends Record<string, unknown> {
  /** The state's key inside its parent. */
  key: string;
  config: StateOwnConfig;
  /** The state has a `states` object (a compound or parallel step), even an empty one. */
  hasStates: boolean;
}

/** Node types: one per step kind, plus containers for compound and parallel steps. */
export type StepNodeType = StepKind | 'group' | 'parallel';
export type StepNode = Node<StepNodeData, StepNodeType>;

/** Where a transition lives in the state config. */
export type Trigger = 'on' | 'after' | 'always';

/** Data on a transition edge. */
export interface TransitionData extends Record<string, unknown> {
  trigger: Trigger;
  /** Event name for `on`, delay key (`P7D`) for `after`, '' for `always`. */
  event: string;
  /** The transition minus its target: guard, reenter, description, meta. */
  config: Omit<TransitionConfig, 'target'>;
  /** The target as written in the document, reused while it still points at the edge's target node. */
  targetRaw?: string;
  /** Targets beyond the first of a multi-target transition, as written (kept, not drawn). */
  extraTargets?: string[];
  /** The target was written as an array. */
  targetArray?: boolean;
  /** A transition without target (stays in the state): drawn as a loop on its source. */
  targetless?: boolean;
  /** `targetRaw` names no known state; the edge is drawn as a loop until reconnected. */
  unresolved?: boolean;
  /** How the transition list for this event was written. */
  shape: 'string' | 'object' | 'array';
}
export type TransitionEdge = Edge<TransitionData, 'transition'>;

/** Everything in the document that is not a state: header fields and machine fields. */
export interface PathwayHeader {
  format: PathwayDocument['format'];
  key: string;
  title: PathwayDocument['title'];
  description?: PathwayDocument['description'];
  tags?: string[];
  machine: Omit<MachineConfig, 'states'>;
}

export interface PathwayModel {
  header: PathwayHeader;
  nodes: StepNode[];
  edges: TransitionEdge[];
}

/** Default sizes when a node has not been measured yet. */
export const STEP_SIZE = { width: 220, height: 84 } as const;
export const GROUP_MIN = { width: 360, height: 220 } as const;

/** The arrow at the end of every transition edge. */
export const EDGE_MARKER: EdgeMarker = { type: 'arrowclosed' as MarkerType, width: 16, height: 16, color: '#64748b' };
