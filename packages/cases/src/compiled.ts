/**
 * Published pathway versions are immutable, so each is parsed and compiled
 * once per process and kept by version id. Lookups of a known version are
 * synchronous, which the unit of work needs: the service's pure step runs
 * inside the transaction and must not await.
 */
import type { JalurDb, PathwayVersionRow } from '@jalur/db';
import { compilePathway, parsePathway, type CompiledPathway } from '@jalur/engine';

/** A compiled version and the facts about it a case view shows. */
export interface CompiledVersion {
  compiled: CompiledPathway;
  versionId: string;
  pathwayId: string;
  /** The version number (1, 2, …). */
  version: number;
}

/** Compiled pathways by version id: versions never change, so entries never go stale. */
export class CompiledPathwayCache {
  readonly #byVersion = new Map<string, { row: PathwayVersionRow; compiled: CompiledVersion }>();
  constructor(private readonly max = 500) {}

  /** The compiled version of a stored row (compiled once per process). */
  of(row: PathwayVersionRow): CompiledVersion {
    const known = this.#byVersion.get(row.id);
    if (known) return known.compiled;
    const parsed = parsePathway(row.document);
    // A published version passed parse and lint when it was stored; failing now is a bug, not bad input.
    if (!parsed.ok) throw new Error(`pathway version ${row.id} no longer parses: ${JSON.stringify(parsed.error.slice(0, 3))}`);
    const compiled: CompiledVersion = { compiled: compilePathway(parsed.value), versionId: row.id, pathwayId: row.pathwayId, version: row.version };
    if (this.#byVersion.size >= this.max) this.#byVersion.delete(this.#byVersion.keys().next().value!);
    this.#byVersion.set(row.id, { row, compiled });
    return compiled;
  }

  /** The compiled machine of a stored row. */
  get(row: PathwayVersionRow): CompiledPathway {
    return this.of(row).compiled;
  }

  /** A version compiled already, by id (no read), or undefined. */
  known(id: string): CompiledVersion | undefined {
    return this.#byVersion.get(id)?.compiled;
  }

}

/** The cache bound to a database: versions by id, read when not compiled yet. */
export class CompiledPathways extends CompiledPathwayCache {
  constructor(private readonly db: JalurDb, max?: number) {
    super(max);
  }

  /** The compiled version for an id, reading the row when needed; null if unknown. */
  async byId(versionId: string): Promise<CompiledVersion | null> {
    const known = this.known(versionId);
    if (known) return known;
    const row = await this.db.pathways.getVersionById(versionId);
    return row ? this.of(row) : null;
  }
}
