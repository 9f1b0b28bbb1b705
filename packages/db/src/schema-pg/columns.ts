/**
 * Column helpers of the PostgreSQL schema: the same concepts as
 * `../schema/columns.ts`, mapped to native PostgreSQL types (timestamptz,
 * jsonb, boolean) so the inferred row types are identical.
 */
import { boolean, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

/** Text primary key: a UUID made by the application (`newId()`). */
export const id = () => text('id').primaryKey();

/** An instant, stored as `timestamptz` (millisecond precision), read as a `Date`. */
export const instant = (name: string) => timestamp(name, { mode: 'date', withTimezone: true, precision: 3 });

/** A JSON value stored as `jsonb`, typed by `$type<T>()` at the use site. */
export const json = (name: string) => jsonb(name);

/** A boolean. */
export const flag = (name: string) => boolean(name);
