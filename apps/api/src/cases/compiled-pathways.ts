/**
 * Published pathway versions are immutable, so each is parsed and compiled
 * once per process and kept by version id. The cache is synchronous once a
 * version is known, which the database's unit of work needs: its `apply`
 * callback runs inside the transaction and must not await.
 */
import { CompiledPathwayCache, type JalurDb, type PathwayVersionRow } from '@jalur/db';
import type { CompiledPathway } from '@jalur/engine';

/** A compiled version and the facts about it a case view shows. */
export interface CompiledVersion {
  compiled: CompiledPathway;
  versionId: string;
  pathwayId: string;
  /** The version number (1, 2, …). */
  version: number;
}

export class CompiledPathways {
  readonly #cache = new CompiledPathwayCache();

  constructor(private readonly db: JalurDb) {}

  /** The compiled machine of a stored version (compiles on first use). */
  of(row: PathwayVersionRow): CompiledVersion {
    return { compiled: this.#cache.get(row), versionId: row.id, pathwayId: row.pathwayId, version: row.version };
  }

  /** The compiled version for an id, loading the row when needed; null if unknown. */
  async byId(versionId: string): Promise<CompiledVersion | null> {
    const row = this.#cache.versionRow(versionId) ?? (await this.db.pathways.getVersionById(versionId));
    return row ? this.of(row) : null;
  }
}
