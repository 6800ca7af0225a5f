import { afterEach, describe, expect, it } from 'vitest';
import { duration, localTime, relative } from '../../src/text/time-format.js';

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe('time formatting for thread_owner expirations', () => {
  it('says durations as people do, rounded down', () => {
    expect(duration(45)).toBe('45 s');
    expect(duration(12 * 60 + 59)).toBe('12 min');
    expect(duration(3 * 3600 + 12 * 60 + 30)).toBe('3 h 12 min');
    expect(duration(3 * 3600)).toBe('3 h');
    expect(duration(2 * 86400 + 4 * 3600 + 59)).toBe('2 d 4 h');
    expect(relative(11520)).toBe('in 3 h 12 min');
    expect(relative(-300)).toBe('5 min ago');
  });

  it('prints local time with its UTC offset', () => {
    process.env.TZ = 'Asia/Kolkata';
    expect(localTime(new Date('2026-11-21T13:12:00Z'))).toBe('2026-11-21 18:42:00 UTC+05:30');
    process.env.TZ = 'America/New_York';
    expect(localTime(new Date('2026-11-21T13:12:00Z'))).toBe('2026-11-21 08:12:00 UTC-05:00');
  });
});
