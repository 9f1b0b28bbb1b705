/**
 * The layout worker: ELK off the main thread, so the canvas keeps drawing
 * (and the user keeps working) while a large pathway is laid out.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { runLayout, type LayoutRequest } from './elkGraph.ts';

const elk = new ELK();
/** The worker's own scope (the app is typed with the DOM library, not the worker one). */
const scope = self as unknown as Worker;

scope.onmessage = async (e: MessageEvent<{ id: number; request: LayoutRequest }>) => {
  const { id, request } = e.data;
  try {
    const result = await runLayout(elk, request);
    scope.postMessage({ id, result });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
