/**
 * The element edge labels are portalled into. React Flow's own
 * `EdgeLabelRenderer` looks it up with `querySelector` in a store selector,
 * once per edge on every store change; with hundreds of edges that made
 * dragging slow, so the canvas finds it once and hands it down.
 */
import { createContext } from 'react';

export const LabelLayerContext = createContext<HTMLElement | null>(null);
