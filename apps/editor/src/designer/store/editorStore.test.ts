import { beforeEach, describe, expect, it } from 'vitest';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { useEditor } from './editorStore.ts';

const positionOf = (id: string) => useEditor.getState().nodes.find((n) => n.id === id)?.position;

/** What React Flow sends while a step is dragged: a position change per frame. */
function dragFrame(id: string, x: number, y: number): void {
  useEditor.getState().onNodesChange([{ type: 'position', id, position: { x, y }, dragging: true }]);
}

describe('editor store: dragging and history', () => {
  beforeEach(() => useEditor.getState().load(nestedPathway));

  it('makes one undo step of a whole drag, recorded before its first move', () => {
    const before = positionOf('identifikasi');
    const rev = useEditor.getState().rev;
    useEditor.getState().checkpoint();
    expect(useEditor.getState().past).toHaveLength(0);
    dragFrame('identifikasi', 400, 300);
    dragFrame('identifikasi', 410, 320);
    useEditor.getState().touched();
    expect(positionOf('identifikasi')).toEqual({ x: 410, y: 320 });
    expect(useEditor.getState().past).toHaveLength(1);
    expect(useEditor.getState().rev).toBe(rev + 1);
    useEditor.getState().undo();
    expect(positionOf('identifikasi')).toEqual(before);
    useEditor.getState().redo();
    expect(positionOf('identifikasi')).toEqual({ x: 410, y: 320 });
  });

  it('adds no history for a drag that never moved, nor for a later unrelated change', () => {
    useEditor.getState().checkpoint();
    useEditor.getState().touched();
    dragFrame('identifikasi', 5, 5);
    expect(useEditor.getState().past).toHaveLength(0);
  });

  it('selects by replacing only the elements whose flag changes', () => {
    const { nodes, edges } = useEditor.getState();
    useEditor.getState().select({ node: 'identifikasi' });
    const after = useEditor.getState();
    expect(after.edges).toBe(edges);
    expect(after.nodes.find((n) => n.id === 'identifikasi')?.selected).toBe(true);
    expect(after.nodes.filter((n, i) => n !== nodes[i]).map((n) => n.id)).toEqual(['identifikasi']);
    useEditor.getState().select({ node: 'identifikasi' });
    expect(useEditor.getState().nodes).toBe(after.nodes);
  });
});
