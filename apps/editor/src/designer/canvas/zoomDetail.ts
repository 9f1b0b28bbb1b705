/**
 * How much a step or transition shows at the current zoom: everything (0);
 * zoomed out, only the icon, kind and title (1, the rest is unreadable
 * anyway); zoomed far out, only the title (2, icons and the kind's name are a
 * few pixels by then; the kind's colour stays). Less to draw keeps dragging
 * smooth on large pathways.
 *
 * The canvas reads it from React Flow's store once and hands it down in a
 * context: hundreds of steps and transitions each subscribing to the store
 * would each be checked again on every drag frame.
 */
import { createContext } from 'react';
import type { ReactFlowState } from '@xyflow/react';

export type ZoomDetail = 0 | 1 | 2;

export const zoomDetailSelector = (s: ReactFlowState): ZoomDetail => (s.transform[2] < 0.3 ? 2 : s.transform[2] < 0.45 ? 1 : 0);

export const ZoomDetailContext = createContext<ZoomDetail>(0);
