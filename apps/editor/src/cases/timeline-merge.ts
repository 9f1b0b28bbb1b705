/**
 * The case timeline's order: the case's events as the server lists them
 * (oldest first) with its group counselling sessions merged in by date. An
 * event's day is its instant in this device's calendar (the day the screen
 * shows); a session is held on a calendar day and comes after that day's
 * events (it is recorded once, on the group page, not at an instant), before
 * the next day's. Sessions of one day keep their order; so do the events.
 */
import { localIsoDate } from '../i18n/dates.ts';

export type TimelineEntry<E, S> = { kind: 'event'; day: string; item: E } | { kind: 'group'; day: string; item: S };

/** `events` (with their ISO instant `at`) and `sessions` (with their `heldOn` day) in one list, by day. */
export function mergeTimeline<E extends { at: string }, S extends { heldOn: string }>(events: readonly E[], sessions: readonly S[]): TimelineEntry<E, S>[] {
  const groups = sessions
    .map((item, i) => ({ item, i, day: item.heldOn.slice(0, 10) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.i - b.i));
  const out: TimelineEntry<E, S>[] = [];
  let g = 0;
  for (const item of events) {
    const at = new Date(item.at);
    const day = Number.isNaN(at.getTime()) ? '' : localIsoDate(at);
    // Sessions held before this event's day come first.
    while (g < groups.length && day !== '' && groups[g]!.day < day) {
      out.push({ kind: 'group', day: groups[g]!.day, item: groups[g]!.item });
      g++;
    }
    out.push({ kind: 'event', day, item });
  }
  for (; g < groups.length; g++) out.push({ kind: 'group', day: groups[g]!.day, item: groups[g]!.item });
  return out;
}
