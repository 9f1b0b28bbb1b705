/**
 * Names for ids in case views (assignee, student), looked up once per
 * request at most, and for users kept briefly in process: a name shown a
 * minute late is harmless, a query per case on every list is not.
 */
import type { JalurDb } from '@jalur/db';
import type { Clock } from '../clock.ts';

const USER_TTL_MS = 60_000;

export class UserNames {
  readonly #cache = new Map<string, { name: string; schoolId: string | null; at: number }>();
  constructor(private readonly db: JalurDb, private readonly clock: Clock) {}

  /** The cached `{ id, name }` without a query (name '' when not cached yet); for synchronous callers. */
  peek(schoolId: string, userId: string | null): { id: string; name: string } | null {
    if (userId === null) return null;
    const hit = this.#cache.get(userId);
    if (!hit) return { id: userId, name: '' };
    return hit.schoolId === schoolId ? { id: userId, name: hit.name } : null;
  }

  /** `{ id, name }` of a user of `schoolId`, or null when unknown or of another school. */
  async ref(schoolId: string, userId: string | null): Promise<{ id: string; name: string } | null> {
    if (userId === null) return null;
    const now = this.clock.now().getTime();
    let hit = this.#cache.get(userId);
    if (!hit || now - hit.at > USER_TTL_MS) {
      const user = await this.db.users.get(userId);
      if (!user) return null;
      hit = { name: user.name, schoolId: user.schoolId, at: now };
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(userId, hit);
    }
    return hit.schoolId === schoolId ? { id: userId, name: hit.name } : null;
  }
}
