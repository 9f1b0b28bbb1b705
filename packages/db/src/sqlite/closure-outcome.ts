/**
 * The canonical outcome of a closed case, read from its pathway version:
 * by the templates' convention a closure step's form has one `outcome`
 * choice listing exactly the outcome it means (`selesai_tuntas` → `resolved`).
 */
import type { PathwayVersionRow } from '../rows.ts';

type Node = { states?: Record<string, Node>; meta?: { form?: { name?: string; options?: unknown[] }[] } };

/** The outcome a final state declares, or null when it declares none. */
export function declaredOutcome(version: PathwayVersionRow, finalState: string): string | null {
  let node: Node | undefined = (version.document as { machine?: Node } | null)?.machine;
  for (const segment of finalState.split('.')) {
    node = node?.states?.[segment];
    if (!node) return null;
  }
  const field = node?.meta?.form?.find((f) => f.name === 'outcome');
  const only = field?.options?.length === 1 ? field.options[0] : undefined;
  return typeof only === 'string' ? only : null;
}
