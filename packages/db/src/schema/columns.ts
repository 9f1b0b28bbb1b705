/**
 * Column helpers shared by every table, so each dialect maps the same
 * concepts (ids, instants, JSON) one way.
 */
import { integer, text } from 'drizzle-orm/sqlite-core';

/** Text primary key: a UUID made by the application (`newId()`). */
export const id = () => text('id').primaryKey();

/** An instant, stored as epoch milliseconds, read as a `Date`. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** A JSON value stored as text, typed by `$type<T>()` at the use site. */
export const json = (name: string) => text(name, { mode: 'json' });

/** A boolean stored as 0/1. */
export const flag = (name: string) => integer(name, { mode: 'boolean' });
