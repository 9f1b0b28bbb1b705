import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../i18n/dates.ts';
import { mergeTimeline } from './timeline-merge.ts';

/** An instant at local noon of `day`, as the server sends it (ISO, UTC). */
const noon = (day: string, hour = 12) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!, hour).toISOString();
};
const order = (list: ReturnType<typeof mergeTimeline<{ at: string; n: string }, { heldOn: string; n: string }>>) => list.map((e) => e.item.n);

describe('mergeTimeline', () => {
  it('puts a group session among the events by day, not at the end', () => {
    const events = [{ at: noon('2026-01-05'), n: 'opened' }, { at: noon('2026-01-20'), n: 'assessed' }, { at: noon('2026-02-10'), n: 'visit' }];
    const merged = mergeTimeline(events, [{ heldOn: '2026-01-25', n: 'group' }]);
    expect(order(merged)).toEqual(['opened', 'assessed', 'group', 'visit']);
    expect(merged.map((e) => e.day)).toEqual(['2026-01-05', '2026-01-20', '2026-01-25', '2026-02-10']);
  });

  it('sessions before the first event lead, after the last trail, same day after that day\'s events; sessions sorted by day, ties kept', () => {
    const events = [{ at: noon('2026-03-02', 8), n: 'a' }, { at: noon('2026-03-02', 15), n: 'b' }, { at: noon('2026-03-04'), n: 'c' }];
    const sessions = [
      { heldOn: '2026-03-09', n: 'late' },
      { heldOn: '2026-03-02', n: 'same-1' },
      { heldOn: '2026-03-01', n: 'early' },
      { heldOn: '2026-03-02', n: 'same-2' },
    ];
    expect(order(mergeTimeline(events, sessions))).toEqual(['early', 'a', 'b', 'same-1', 'same-2', 'c', 'late']);
  });

  it('uses the device\'s calendar day of an instant (an event at 23:30 local is that day)', () => {
    const late = new Date(2026, 0, 10, 23, 30).toISOString();
    expect(localIsoDate(new Date(late))).toBe('2026-01-10');
    expect(order(mergeTimeline([{ at: late, n: 'e' }], [{ heldOn: '2026-01-11', n: 'g' }]))).toEqual(['e', 'g']);
    expect(order(mergeTimeline([{ at: late, n: 'e' }], [{ heldOn: '2026-01-10', n: 'g' }]))).toEqual(['e', 'g']);
    expect(order(mergeTimeline([{ at: late, n: 'e' }], [{ heldOn: '2026-01-09', n: 'g' }]))).toEqual(['g', 'e']);
  });

  it('nothing to merge', () => {
    expect(mergeTimeline([], [])).toEqual([]);
    expect(order(mergeTimeline([], [{ heldOn: '2026-01-01', n: 'g' }]))).toEqual(['g']);
    expect(order(mergeTimeline([{ at: noon('2026-01-01'), n: 'e' }], []))).toEqual(['e']);
  });
});
