/**
 * Column helpers of the PostgreSQL schema: the same concepts as
 * `../schema/columns.ts`, mapped to native PostgreSQL types (timestamptz,
 * json, boolean) so the inferred row types are identical.
 */
import { boolean, json as pgJson, text, timestamp } from 'drizzle-orm/pg-core';

/** Text primary key: a UUID made by the application (`newId()`). */
export const id = () => text('id').primaryKey();

/** An instant, stored as `timestamptz` (millisecond precision), read as a `Date`. */
export const instant = (name: string) => timestamp(name, { mode: 'date', withTimezone: true, precision: 3 });

/**
 * A JSON value stored as `json` (the text as written, like SQLite's), typed
 * by `$type<T>()` at the use site. Not `jsonb`: jsonb reorders object keys,
 * and key order is meaningful in pathway documents (the document order of
 * parallel regions and states) and visible in drafts and stored answers.
 */
export const json = (name: string) => pgJson(name);

/** A boolean. */
export const flag = (name: string) => boolean(name);
