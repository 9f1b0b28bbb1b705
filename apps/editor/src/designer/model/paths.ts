/**
 * State paths and XState target strings. A node's id is its state path with
 * dots (`intervensi.kunjungan`); targets follow XState v5: `sibling`,
 * `sibling.child`, `.child` (inside the source) and `#machineId.path`.
 */

/** The parent path of a state path, or '' for a top-level state. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

/** The key of a state inside its parent. */
export function keyOf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/** Joins a parent path and a key. */
export function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** True when `path` is `ancestor` or lies inside it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * Resolves a target string written on a transition of `source` to a state
 * path, or undefined when it names no known state.
 */
export function resolveTarget(target: string, source: string, machineId: string, known: ReadonlySet<string>): string | undefined {
  let path: string;
  if (target.startsWith('#')) {
    const id = target.slice(1);
    if (id === machineId) return undefined;
    if (!id.startsWith(`${machineId}.`)) return undefined;
    path = id.slice(machineId.length + 1);
  } else if (target.startsWith('.')) {
    path = childPath(source, target.slice(1));
  } else {
    path = childPath(parentPath(source), target);
  }
  return known.has(path) ? path : undefined;
}

/**
 * The shortest target string that leads from `source` to `target`: the
 * sibling key, `.child` inside the source, or `#machineId.path` otherwise.
 */
export function targetStringFor(source: string, target: string, machineId: string): string {
  const sourceParent = parentPath(source);
  if (sourceParent === parentPath(target)) return keyOf(target);
  if (target.startsWith(`${source}.`)) return `.${target.slice(source.length + 1)}`;
  if (sourceParent && target.startsWith(`${sourceParent}.`)) return target.slice(sourceParent.length + 1);
  if (!sourceParent) return target;
  return `#${machineId}.${target}`;
}
