/**
 * Node and edge components, defined once at module level so React Flow never
 * sees a new `nodeTypes` object (which would remount every node).
 */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { STEP_NODE_COMPONENTS } from './StepNodeView.tsx';
import { GroupNodeView } from './GroupNodeView.tsx';
import { TransitionEdgeView } from './TransitionEdgeView.tsx';

export const nodeTypes: NodeTypes = { ...STEP_NODE_COMPONENTS, group: GroupNodeView, parallel: GroupNodeView } as NodeTypes;
export const edgeTypes: EdgeTypes = { transition: TransitionEdgeView } as EdgeTypes;
