/**
 * The designer's pages behind one lazy import: React Flow, its stylesheet,
 * the engine's compiler and zod load only when a pathway is opened, never on
 * the case-work path.
 */
import '@xyflow/react/dist/style.css';

export { DraftDesignerPage, VersionDesignerPage } from '../designer/DesignerPage.tsx';
export { DiffPage } from '../designer/diff/DiffPage.tsx';
