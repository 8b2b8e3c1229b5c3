/*
 * Copyright 2026 The Partner Governance Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { DateTime, Settings } from 'luxon';
import { addDays, daysBetween, startOfDay, toDayNumber } from './dates';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('toDayNumber', () => {
  it('counts whole days since the epoch', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2026-11-28')).toBe(Date.UTC(2026, 10, 28) / DAY_MS);
  });

  it('takes the calendar day written in a timestamp, whatever its offset', () => {
    const day = toDayNumber('2026-03-01');
    expect(toDayNumber('2026-03-01T00:00:00Z')).toBe(day);
    expect(toDayNumber('2026-03-01T23:30:00-05:00')).toBe(day);
    expect(toDayNumber('2026-03-01T00:30:00+14:00')).toBe(day);
    expect(toDayNumber('2026-03-01T10:00:00.123456Z')).toBe(day);
    expect(toDayNumber('2026-03-01T10:00Z')).toBe(day);
    expect(toDayNumber('2026-03-01t10:00:00z')).toBe(day);
    expect(toDayNumber('2026-03-01 10:00')).toBe(day);
    expect(toDayNumber('2026-03-01T10:00:00+0100')).toBe(day);
  });

  it('accepts an hour-only offset, which ISO-8601 and the kinds allow', () => {
    const day = toDayNumber('2026-03-01');
    expect(toDayNumber('2026-03-01T10:00:00+01')).toBe(day);
    expect(toDayNumber('2026-03-01T23:00-05')).toBe(day);
    expect(toDayNumber('2026-03-01T23:00:00.5-05')).toBe(day);
  });

  it('knows leap days', () => {
    expect(toDayNumber('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / DAY_MS);
    expect(toDayNumber('2000-02-29')).toBeDefined();
    expect(toDayNumber('2026-02-29')).toBeUndefined();
    expect(toDayNumber('1900-02-29')).toBeUndefined();
    expect(toDayNumber('2100-02-29T10:00:00Z')).toBeUndefined();
  });

  it('reads a plain date as it reads a timestamp of that day, on any day', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    for (const year of [0, 4, 100, 1600, 1899, 1900, 1970, 2000, 2024, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
          expect([date, toDayNumber(date)]).toEqual([
            date,
            toDayNumber(`${date}T12:00:00Z`),
          ]);
        }
      }
    }
  });

  it('counts the day as written whatever the zone of the machine', () => {
    const zone = Settings.defaultZone;
    // Samoa skipped 2011-12-30: in that zone the day has no midnight.
    Settings.defaultZone = 'Pacific/Apia';
    try {
      expect(daysBetween('2011-12-29', '2011-12-30 12:00')).toBe(1);
      expect(daysBetween('2011-12-30T01:00', '2011-12-31')).toBe(1);
      expect(toDayNumber('2011-12-30T10:00')).toBe(
        Date.UTC(2011, 11, 30) / DAY_MS,
      );
    } finally {
      Settings.defaultZone = zone;
    }
  });

  it('reads a timestamp of the common shape as luxon reads it', () => {
    // the fast path for distinct timestamps against luxon's own reading
    for (const value of [
      '2026-11-30T23:59:59Z',
      '2026-11-30t00:00:00z',
      '2026-11-30 12:00',
      '2026-11-30T23:30:00.5-05:00',
      '2026-11-30T00:30:00+1400',
      '2026-11-30T10:00:60Z',
      '2026-11-30T10:00:00.1234Z',
      '2026-11-30T10:00:00+15:00',
    ]) {
      const luxon = DateTime.fromISO(value.replace(' ', 'T').toUpperCase(), {
        zone: 'utc',
        setZone: true,
      });
      const expected = luxon.isValid
        ? toDayNumber(luxon.toISODate()!)
        : undefined;
      expect([value, toDayNumber(value)]).toEqual([value, expected]);
    }
  });

  it('returns undefined for anything that is not a real calendar date', () => {
    for (const value of [
      '',
      'yesterday',
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '26-01-01',
      '2026/01/01',
      '01-02-2026',
      '2026-01-01T25:00:00Z',
      '2026-01-01T10:61:00Z',
      // timestamps of the common shape whose date is not real
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00:00.123+01:00',
      '2026-01-01Tnoon',
      '2026-01-01abc',
    ]) {
      expect([value, toDayNumber(value)]).toEqual([value, undefined]);
    }
  });

  it('takes the UTC day of a Date', () => {
    expect(toDayNumber(new Date('2026-03-01T23:59:59.999Z'))).toBe(
      toDayNumber('2026-03-01'),
    );
    expect(toDayNumber(new Date('2026-03-02T00:00:00Z'))).toBe(
      toDayNumber('2026-03-02'),
    );
    expect(toDayNumber(new Date('1969-12-31T12:00:00Z'))).toBe(-1);
    expect(toDayNumber(new Date('not a date'))).toBeUndefined();
  });
});

describe('daysBetween', () => {
  it('counts whole days, negative when the second is earlier', () => {
    expect(daysBetween('2026-11-28', '2026-11-28')).toBe(0);
    expect(daysBetween('2026-11-27', '2026-11-28')).toBe(1);
    expect(daysBetween('2026-11-28', '2026-11-27')).toBe(-1);
    expect(daysBetween('2025-11-28', '2026-11-28')).toBe(365);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('counts the leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('compares the calendar days written in timestamps with offsets', () => {
    // In UTC the first is later than the second; written days are a day apart.
    expect(
      daysBetween('2026-03-01T23:30:00-05:00', '2026-03-02T00:10:00+01:00'),
    ).toBe(1);
    expect(daysBetween('2026-03-01T00:00:00Z', '2026-03-01T23:59:59Z')).toBe(0);
    expect(daysBetween('2026-03-01T10:00:00+01', '2026-03-31')).toBe(30);
  });

  it('mixes Dates and strings', () => {
    expect(daysBetween('2026-11-01', new Date('2026-11-28T18:00:00Z'))).toBe(
      27,
    );
    expect(daysBetween(new Date('2026-11-28T00:00:00Z'), '2026-12-28')).toBe(
      30,
    );
  });

  it('is undefined when either side is not a date', () => {
    expect(daysBetween('2026-02-30', '2026-03-01')).toBeUndefined();
    expect(daysBetween('2026-03-01', 'soon')).toBeUndefined();
    expect(daysBetween(new Date(NaN), '2026-03-01')).toBeUndefined();
  });
});

describe('addDays', () => {
  it('adds whole days to an instant and answers in UTC', () => {
    expect(addDays('2026-11-28T10:15:00.000Z', 30)).toBe(
      '2026-12-28T10:15:00.000Z',
    );
    expect(addDays('2026-11-28T10:15:00+02:00', 1)).toBe(
      '2026-11-29T08:15:00.000Z',
    );
    expect(addDays(new Date('2024-02-28T00:00:00Z'), 1)).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    expect(addDays('2026-01-01T00:00:00.000Z', -1)).toBe(
      '2025-12-31T00:00:00.000Z',
    );
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('soon', 1)).toThrow('Not a date: soon');
    expect(() => addDays(new Date(NaN), 1)).toThrow(TypeError);
  });
});

describe('startOfDay', () => {
  it('is midnight UTC of the day toDayNumber numbers', () => {
    expect(startOfDay(0)).toBe('1970-01-01T00:00:00.000Z');
    const day = toDayNumber('2026-03-01T23:30:00-05:00')!;
    expect(startOfDay(day)).toBe('2026-03-01T00:00:00.000Z');
    expect(toDayNumber(startOfDay(day))).toBe(day);
  });
});
