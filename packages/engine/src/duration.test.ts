import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationLabel, durationParts, isDuration, parseDuration, tryParseDuration } from './duration.ts';

const DAY = 86_400_000;

describe('parseDuration', () => {
  it('reads days, weeks, hours, minutes and seconds as milliseconds', () => {
    expect(parseDuration('P7D')).toBe(7 * DAY);
    expect(parseDuration('P1W')).toBe(7 * DAY);
    expect(parseDuration('PT12H')).toBe(12 * 3_600_000);
    expect(parseDuration('P2DT3H')).toBe(2 * DAY + 3 * 3_600_000);
    expect(parseDuration('PT30M')).toBe(30 * 60_000);
    expect(parseDuration('PT45S')).toBe(45_000);
    expect(parseDuration('P1W2DT1H1M1S')).toBe(9 * DAY + 3_661_000);
  });

  it('rejects text that is not an accepted duration', () => {
    for (const bad of ['', 'P', 'PT', 'P7', '7', 'P7d', 'P1M', 'P1Y', '7 hari', 'P1.5D', 'PT', 'P-1D', 'xP7D']) {
      expect(isDuration(bad), bad).toBe(false);
      expect(tryParseDuration(bad), bad).toBeUndefined();
      expect(() => parseDuration(bad), bad).toThrow(RangeError);
    }
  });

  it('adds up any combination of parts', () => {
    fc.assert(
      fc.property(fc.nat(9), fc.nat(30), fc.nat(48), fc.nat(90), fc.nat(90), (w, d, h, m, sec) => {
        const time = (h ? `${h}H` : '') + (m ? `${m}M` : '') + (sec ? `${sec}S` : '');
        const text = `P${w ? `${w}W` : ''}${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
        if (text === 'P') return;
        expect(parseDuration(text)).toBe((((w * 7 + d) * 24 + h) * 60 + m) * 60_000 + sec * 1000);
      }),
    );
  });

  it('splits a duration into its parts', () => {
    expect(durationParts('P2DT3H')).toEqual({ weeks: 0, days: 2, hours: 3, minutes: 0, seconds: 0 });
  });
});

describe('durationLabel', () => {
  it('says a duration in Indonesian by default', () => {
    expect(durationLabel('P7D')).toBe('7 hari');
    expect(durationLabel('P7D', 'id')).toBe('7 hari');
    expect(durationLabel('P1W', 'id')).toBe('1 minggu');
    expect(durationLabel('PT12H', 'id')).toBe('12 jam');
    expect(durationLabel('P2DT3H', 'id')).toBe('2 hari 3 jam');
  });

  it('says it in English with plurals', () => {
    expect(durationLabel('P1D', 'en')).toBe('1 day');
    expect(durationLabel('P7D', 'en')).toBe('7 days');
    expect(durationLabel('P2DT3H', 'en')).toBe('2 days 3 hours');
    expect(durationLabel('P1W', 'en')).toBe('1 week');
  });

  it('gives back what was written when it is not a duration, and names zero', () => {
    expect(durationLabel('seminggu')).toBe('seminggu');
    expect(durationLabel('P0D')).toBe('0 detik');
    expect(durationLabel('P0D', 'en')).toBe('0 seconds');
  });
});
