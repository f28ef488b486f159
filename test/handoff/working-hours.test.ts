import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import {
  addWorkingMinutes,
  describeHours,
  describeMoment,
  isOpen,
  nextOpening,
  parseWorkingHours,
  timeZoneLabel,
} from '../../src/handoff/working-hours.ts';

/**
 * The sales team's working hours, always at fixed instants. Shanghai keeps
 * one offset all year (UTC+8); Madrid changes its clocks on the last Sunday
 * of March (2026-03-29, 02:00 → 03:00) and of October (2026-10-25, 03:00 → 02:00).
 * Early March 2026: Monday the 2nd … Friday the 6th.
 */

const shanghai = parseWorkingHours('mon-fri 09:00-18:00', 'Asia/Shanghai');
const madrid = parseWorkingHours('mon-fri 09:00-18:00', 'Europe/Madrid');
const at = (iso: string) => new Date(iso);

describe('parseWorkingHours', () => {
  it('reads days, opening and closing time in minutes after midnight', () => {
    expect(parseWorkingHours('mon-fri 09:00-18:00', 'Asia/Shanghai')).toEqual({
      timeZone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      open: 540,
      close: 1080,
      spec: 'mon-fri 09:00-18:00',
    });
  });

  it('ignores case and reads half hours', () => {
    expect(parseWorkingHours('Mon-Sat 08:30-17:30', 'Europe/Madrid')).toMatchObject({
      days: [1, 2, 3, 4, 5, 6],
      open: 510,
      close: 1050,
    });
  });

  it('reads a list of days', () => {
    expect(parseWorkingHours('mon,wed,fri 10:00-16:00', 'Asia/Shanghai').days).toEqual([1, 3, 5]);
  });

  it('reads a Middle-East week from Sunday to Thursday', () => {
    expect(parseWorkingHours('sun-thu 09:00-17:00', 'Asia/Dubai').days).toEqual([0, 1, 2, 3, 4]);
  });

  it('wraps a range over the end of the week', () => {
    expect(parseWorkingHours('fri-mon 10:00-14:00', 'Asia/Dubai').days).toEqual([0, 1, 5, 6]);
  });

  it('reads 24/7 as every day, all day', () => {
    expect(parseWorkingHours('24/7', 'UTC')).toMatchObject({ days: [0, 1, 2, 3, 4, 5, 6], open: 0, close: 1440 });
  });

  it('reads what describeHours writes, en dashes and all', () => {
    expect(parseWorkingHours('Mon–Fri 09:00–18:00', 'Asia/Shanghai')).toMatchObject({
      days: [1, 2, 3, 4, 5],
      open: 540,
      close: 1080,
    });
  });

  it('accepts closing at 24:00', () => {
    expect(parseWorkingHours('sat,sun 12:00-24:00', 'Asia/Shanghai')).toMatchObject({ days: [0, 6], close: 1440 });
  });

  it('keeps the time zone as Intl spells it', () => {
    expect(parseWorkingHours('24/7', 'asia/shanghai').timeZone).toBe('Asia/Shanghai');
  });

  it('says what to write when the hours cannot be read', () => {
    expect(() => parseWorkingHours('weekdays 9-5', 'Asia/Shanghai')).toThrow(
      'SALES_HOURS "weekdays 9-5" is not working hours ("weekdays" is not a day): write days and times like "mon-fri 09:00-18:00" or "24/7"',
    );
  });

  it.each([
    ['', 'expected days, a space, then two times'],
    ['mon-fri', 'expected days, a space, then two times'],
    ['mon-fri 09:00-18:00 cet', 'expected days, a space, then two times'],
    ['mun-fri 09:00-18:00', '"mun" is not a day'],
    ['mon-wed-fri 09:00-18:00', '"mon-wed-fri" is not a day or a range of days'],
    ['mon-fri 9-18', '"9" is not a time like 09:00'],
    ['mon-fri 09:00', '"09:00" is not an opening and a closing time'],
    ['mon-fri 09:60-18:00', '"09:60" is not a time like 09:00'],
    ['mon-fri 09:00-24:30', '"24:30" is not a time like 09:00'],
    ['mon-fri 18:00-09:00', 'it closes at 09:00 before it opens at 18:00; hours past midnight are not supported'],
    ['mon-fri 24:00-24:00', 'the team cannot open at 24:00'],
  ])('rejects %j: %s', (spec, reason) => {
    let error: unknown;
    try {
      parseWorkingHours(spec, 'Asia/Shanghai');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toBe(
      `SALES_HOURS "${spec}" is not working hours (${reason}): write days and times like "mon-fri 09:00-18:00" or "24/7"`,
    );
  });

  it.each(['Mars/Base', '', 'Beijing'])('rejects the time zone %j with an example of an IANA name', (zone) => {
    expect(() => parseWorkingHours('mon-fri 09:00-18:00', zone)).toThrow(
      new ConfigError(
        'CONFIG_INVALID',
        `SALES_TIMEZONE "${zone}" is not a time zone: use an IANA name like Asia/Shanghai`,
      ),
    );
  });
});

describe('isOpen', () => {
  it('is open from the opening minute', () => {
    expect(isOpen(shanghai, at('2026-03-02T00:59:59Z'))).toBe(false); // Mon 08:59:59
    expect(isOpen(shanghai, at('2026-03-02T01:00:00Z'))).toBe(true); // Mon 09:00
  });

  it('is closed from the closing minute', () => {
    expect(isOpen(shanghai, at('2026-03-02T09:59:59.999Z'))).toBe(true); // Mon 17:59:59.999
    expect(isOpen(shanghai, at('2026-03-02T10:00:00Z'))).toBe(false); // Mon 18:00
  });

  it('reads the day on the team’s clock, not in UTC', () => {
    // Sunday 23:30 UTC is Monday 07:30 in Shanghai: a working day, before opening.
    expect(isOpen(parseWorkingHours('mon 07:00-08:00', 'Asia/Shanghai'), at('2026-03-01T23:30:00Z'))).toBe(true);
  });

  it('is closed at the weekend', () => {
    expect(isOpen(shanghai, at('2026-03-07T04:00:00Z'))).toBe(false); // Sat 12:00
  });

  it('is open on Sunday and closed on Friday in a Middle-East week', () => {
    const dubai = parseWorkingHours('sun-thu 09:00-17:00', 'Asia/Dubai');
    expect(isOpen(dubai, at('2026-03-01T06:00:00Z'))).toBe(true); // Sun 10:00
    expect(isOpen(dubai, at('2026-03-06T06:00:00Z'))).toBe(false); // Fri 10:00
  });

  it('is always open 24/7', () => {
    expect(isOpen(parseWorkingHours('24/7', 'Asia/Shanghai'), at('2026-03-07T16:00:00Z'))).toBe(true); // Sun 00:00
  });
});

describe('nextOpening', () => {
  it('is the moment itself when the team is open', () => {
    expect(nextOpening(shanghai, at('2026-03-02T03:21:00Z'))).toEqual(at('2026-03-02T03:21:00Z'));
  });

  it('is the same day’s opening before it', () => {
    expect(nextOpening(shanghai, at('2026-03-03T00:15:00Z'))).toEqual(at('2026-03-03T01:00:00Z')); // Tue 08:15 → 09:00
  });

  it('is the next morning after closing', () => {
    expect(nextOpening(shanghai, at('2026-03-03T10:00:00Z'))).toEqual(at('2026-03-04T01:00:00Z')); // Tue 18:00 → Wed 09:00
  });

  it('is Monday morning after a Friday evening', () => {
    expect(nextOpening(shanghai, at('2026-03-06T10:30:00Z'))).toEqual(at('2026-03-09T01:00:00Z')); // Fri 18:30 → Mon 09:00
  });

  it('is Sunday morning after a Thursday evening in a Middle-East week', () => {
    const dubai = parseWorkingHours('sun-thu 09:00-17:00', 'Asia/Dubai');
    expect(nextOpening(dubai, at('2026-03-05T14:00:00Z'))).toEqual(at('2026-03-08T05:00:00Z')); // Thu 18:00 → Sun 09:00
  });

  it('opens at 09:00 summer time after the clocks go forward in Madrid', () => {
    // Fri 27 March 18:00 CET (UTC+1) → Mon 30 March 09:00 CEST (UTC+2)
    expect(nextOpening(madrid, at('2026-03-27T17:00:00Z'))).toEqual(at('2026-03-30T07:00:00Z'));
  });

  it('opens at 09:00 winter time after the clocks go back in Madrid', () => {
    // Fri 23 October 18:00 CEST (UTC+2) → Mon 26 October 09:00 CET (UTC+1)
    expect(nextOpening(madrid, at('2026-10-23T16:00:00Z'))).toEqual(at('2026-10-26T08:00:00Z'));
  });

  it('opens when the clocks jump past an opening time that does not exist that day', () => {
    // 29 March in Madrid goes from 01:59:59 CET straight to 03:00 CEST, so 02:30 never comes.
    const early = parseWorkingHours('sun 02:30-05:00', 'Europe/Madrid');
    const opening = nextOpening(early, at('2026-03-28T12:00:00Z'));
    expect(opening).toEqual(at('2026-03-29T01:00:00Z'));
    expect(isOpen(early, opening)).toBe(true);
  });
});

describe('addWorkingMinutes', () => {
  it('adds minutes within the working day', () => {
    expect(addWorkingMinutes(shanghai, at('2026-03-02T02:00:00Z'), 90)).toEqual(at('2026-03-02T03:30:00Z')); // Mon 10:00 → 11:30
  });

  it('carries the rest over the night', () => {
    // Tue 17:30 + 60: 30 minutes on Tuesday, 30 on Wednesday morning.
    expect(addWorkingMinutes(shanghai, at('2026-03-03T09:30:00Z'), 60)).toEqual(at('2026-03-04T01:30:00Z'));
  });

  it('carries the rest over the weekend, and the clock change, to Monday', () => {
    // Fri 27 March 17:45 CET + 30: 15 minutes on Friday, 15 on Monday from 09:00 CEST.
    expect(addWorkingMinutes(madrid, at('2026-03-27T16:45:00Z'), 30)).toEqual(at('2026-03-30T07:15:00Z'));
  });

  it('counts from the next opening when asked outside working hours', () => {
    expect(addWorkingMinutes(shanghai, at('2026-03-07T04:00:00Z'), 45)).toEqual(at('2026-03-09T01:45:00Z')); // Sat → Mon 09:45
  });

  it('lands on the next opening, not on closing time, when the minutes run out as the team leaves', () => {
    expect(addWorkingMinutes(shanghai, at('2026-03-06T09:45:00Z'), 15)).toEqual(at('2026-03-09T01:00:00Z')); // Fri 17:45 → Mon 09:00
  });

  it('spans several working days', () => {
    // Mon 09:00 + three 9-hour days + 60 minutes → Thu 10:00
    expect(addWorkingMinutes(shanghai, at('2026-03-02T01:00:00Z'), 3 * 540 + 60)).toEqual(at('2026-03-05T02:00:00Z'));
  });

  it('counts real minutes on a day the clocks go forward', () => {
    // 01:00–04:00 on 29 March lasts two hours in Madrid; the last 30 minutes fall on the next day.
    const night = parseWorkingHours('sun,mon 01:00-04:00', 'Europe/Madrid');
    expect(addWorkingMinutes(night, at('2026-03-29T00:00:00Z'), 150)).toEqual(at('2026-03-29T23:30:00Z'));
  });

  it('adds plain minutes 24/7', () => {
    const always = parseWorkingHours('24/7', 'Europe/Madrid');
    expect(addWorkingMinutes(always, at('2026-03-28T23:30:00Z'), 24 * 60)).toEqual(at('2026-03-29T23:30:00Z'));
  });

  it('refuses a negative number of minutes', () => {
    expect(() => addWorkingMinutes(shanghai, at('2026-03-02T02:00:00Z'), -5)).toThrow(RangeError);
  });
});

describe('describeHours', () => {
  const listed = parseWorkingHours('mon,wed,fri 10:00-16:00', 'Asia/Shanghai');

  it.each([
    ['en', 'Mon–Fri 09:00–18:00', 'Mon, Wed, Fri 10:00–16:00'],
    ['es', 'lun–vie 09:00–18:00', 'lun, mié, vie 10:00–16:00'],
    ['zh', '周一–周五 09:00–18:00', '周一、周三、周五 10:00–16:00'],
    ['ar', 'الاثنين–الجمعة 09:00–18:00', 'الاثنين، الأربعاء، الجمعة 10:00–16:00'],
  ])('writes the days in %s', (locale, range, list) => {
    expect(describeHours(shanghai, locale)).toBe(range);
    expect(describeHours(listed, locale)).toBe(list);
  });

  it('starts a week that wraps at its first day', () => {
    expect(describeHours(parseWorkingHours('sun-thu 09:00-17:00', 'Asia/Dubai'), 'en')).toBe('Sun–Thu 09:00–17:00');
    expect(describeHours(parseWorkingHours('fri-mon 10:00-14:00', 'Asia/Dubai'), 'en')).toBe('Fri–Mon 10:00–14:00');
  });

  it('writes closing at midnight as 24:00', () => {
    expect(describeHours(parseWorkingHours('sat,sun 12:00-24:00', 'Asia/Shanghai'), 'en')).toBe('Sat, Sun 12:00–24:00');
  });

  it.each(['en', 'es', 'zh', 'ar'])('keeps 24/7 as is in %s', (locale) => {
    expect(describeHours(parseWorkingHours('24/7', 'Asia/Shanghai'), locale)).toBe('24/7');
  });
});

describe('describeMoment', () => {
  it.each([
    ['en', 'Mon 09:00'],
    ['es', 'lun, 09:00'],
    ['zh', '周一09:00'],
    ['ar', 'الاثنين 09:00'],
  ])('writes the opening on the team’s clock in %s', (locale, text) => {
    const opening = nextOpening(shanghai, at('2026-03-06T10:30:00Z')); // Mon 9 March 01:00 UTC
    expect(describeMoment(opening, shanghai, locale)).toBe(text);
  });

  it('follows Madrid’s clock change', () => {
    expect(describeMoment(at('2026-03-30T07:00:00Z'), madrid, 'en')).toBe('Mon 09:00');
    expect(describeMoment(at('2026-10-26T08:00:00Z'), madrid, 'en')).toBe('Mon 09:00');
  });
});

describe('timeZoneLabel', () => {
  it.each([
    ['en', 'China Standard Time'],
    ['es', 'hora estándar de China'],
    ['zh', '中国标准时间'],
    ['ar', 'توقيت الصين الرسمي'],
  ])('names the team’s zone in %s', (locale, label) => {
    expect(timeZoneLabel(shanghai, locale)).toBe(label);
  });

  it('names a zone with summer time by its all-year name', () => {
    expect(timeZoneLabel(madrid, 'en')).toBe('Central European Time');
  });

  it('names UTC rather than writing an offset', () => {
    expect(timeZoneLabel(parseWorkingHours('24/7', 'UTC'), 'en')).toBe('Coordinated Universal Time');
  });
});
