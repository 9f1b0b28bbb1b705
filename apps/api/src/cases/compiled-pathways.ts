/**
 * Published pathway versions are immutable, so each is parsed and compiled
 * once per process and kept by version id. The cache is synchronous once a
 * version is known, which the database's unit of work needs: its `apply`
 * callback runs inside the transaction and must not await.
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

export class CompiledPathways {
  readonly #byVersionId = new Map<string, CompiledVersion>();

  constructor(private readonly db: JalurDb) {}

  /** The compiled machine of a stored version (compiles on first use). */
  of(row: PathwayVersionRow): CompiledVersion {
    const cached = this.#byVersionId.get(row.id);
    if (cached) return cached;
    const parsed = parsePathway(row.document);
    if (!parsed.ok) {
      // A published version passed parse and lint when it was stored; failing now is a bug, not bad input.
      throw new Error(`pathway version ${row.id} no longer parses: ${JSON.stringify(parsed.error.slice(0, 3))}`);
    }
    const entry: CompiledVersion = { compiled: compilePathway(parsed.value), versionId: row.id, pathwayId: row.pathwayId, version: row.version };
    this.#byVersionId.set(row.id, entry);
    return entry;
  }

  /** The compiled version for an id, loading the row when needed; null if unknown. */
  async byId(versionId: string): Promise<CompiledVersion | null> {
    const cached = this.#byVersionId.get(versionId);
    if (cached) return cached;
    const row = await this.db.pathways.getVersionById(versionId);
    return row ? this.of(row) : null;
  }
}
