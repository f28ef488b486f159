import { ConfigError } from '../errors.ts';

/**
 * The sales team's working hours (SALES_HOURS in SALES_TIMEZONE): whether a
 * rep is there now, when one will be, and how far a reminder lands when only
 * working time counts. Wall-clock times come from Intl in the team's zone, so
 * a Madrid team still opens at 09:00 after the clocks change.
 */

export interface WorkingHours {
  /** IANA name, as Intl spells it */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday, ascending */
  days: number[];
  /** minutes after midnight */
  open: number;
  /** minutes after midnight, > open; 1440 for "24:00" */
  close: number;
  /** the text it was parsed from */
  spec: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MINUTES_PER_DAY = 24 * 60;
const ALWAYS_OPEN = '24/7';
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const EXAMPLE = 'write days and times like "mon-fri 09:00-18:00" or "24/7"';

export function parseWorkingHours(spec: string, timeZone: string): WorkingHours {
  const zone = checkTimeZone(timeZone);
  const given = spec.trim();
  // Dashes copied from describeHours ("Mon–Fri") and spaces around - and , are accepted.
  const text = given
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\s*([-,])\s*/g, '$1')
    .replace(/\s+/g, ' ');
  if (text === ALWAYS_OPEN)
    return { timeZone: zone, days: [0, 1, 2, 3, 4, 5, 6], open: 0, close: MINUTES_PER_DAY, spec: given };

  const [dayText, timeText, ...rest] = text.split(' ');
  if (!dayText || !timeText || rest.length > 0) throw invalidHours(spec, 'expected days, a space, then two times');
  const days = parseDays(dayText, spec);
  const times = timeText.split('-');
  if (times.length !== 2) throw invalidHours(spec, `"${timeText}" is not an opening and a closing time`);
  const [openText = '', closeText = ''] = times;
  const open = parseTime(openText, spec);
  const close = parseTime(closeText, spec);
  if (open === MINUTES_PER_DAY) throw invalidHours(spec, 'the team cannot open at 24:00');
  if (close <= open) {
    throw invalidHours(
      spec,
      `it closes at ${closeText} before it opens at ${openText}; hours past midnight are not supported`,
    );
  }
  return { timeZone: zone, days, open, close, spec: given };
}

export function isOpen(hours: WorkingHours, at: Date): boolean {
  const local = wallClock(hours.timeZone, at.getTime());
  return hours.days.includes(local.weekday) && local.minute >= hours.open && local.minute < hours.close;
}

/** `at` when the team is open; otherwise the moment it next opens. */
export function nextOpening(hours: WorkingHours, at: Date): Date {
  if (isOpen(hours, at)) return new Date(at.getTime());
  const today = wallClock(hours.timeZone, at.getTime());
  // Today's opening may be past, so look a whole week ahead.
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = addDays(today, ahead);
    if (!hours.days.includes(date.weekday)) continue;
    const opening = instantsAt(hours.timeZone, date, hours.open).find((t) => t > at.getTime());
    if (opening !== undefined) return new Date(opening);
  }
  throw new Error(`working hours "${hours.spec}" never open`);
}

/**
 * The moment `minutes` of working time after `from`. The answer is always a
 * moment the team is open: a reminder whose time runs out exactly at closing
 * fires at the next opening, when someone is there to read it.
 */
export function addWorkingMinutes(hours: WorkingHours, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`working minutes must be zero or more, got ${minutes}`);
  }
  if (isAlwaysOpen(hours)) return new Date(from.getTime() + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  let start = nextOpening(hours, from).getTime();
  for (;;) {
    const closing = closingAfter(hours, start);
    if (remaining < closing - start) return new Date(start + remaining);
    remaining -= closing - start;
    start = nextOpening(hours, new Date(closing)).getTime();
  }
}

/** "Mon–Fri 09:00–18:00" in the locale's weekday names; "24/7" as is. */
export function describeHours(hours: WorkingHours, locale: string): string {
  if (isAlwaysOpen(hours)) return ALWAYS_OPEN;
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday, so day d of the week is January 1 + d.
  const name = (day: number) => weekday.format(new Date(Date.UTC(2023, 0, 1 + day)));
  const runs = dayRuns(hours.days).map((run) => {
    const first = run[0] ?? 0;
    const last = run[run.length - 1] ?? first;
    return run.length >= 3 ? `${name(first)}–${name(last)}` : run.map(name).join(listSeparator(locale));
  });
  const days = runs.join(listSeparator(locale));
  return `${days} ${clockTime(hours.open, locale)}–${clockTime(hours.close, locale)}`;
}

/** A moment as the buyer reads it, on the team's clock: "Mon 09:00", "lun, 09:00", "周一09:00". */
export function describeMoment(at: Date, hours: WorkingHours, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: hours.timeZone,
  }).format(at);
}

/**
 * The team's zone in the buyer's language: "China Standard Time", "Central
 * European Time". The generic name holds all year, unlike "…Summer Time";
 * where ICU has none (UTC, Etc/GMT-3) it gives an offset, so the long name is
 * used instead ("Coordinated Universal Time", or "GMT+03:00" at worst).
 */
export function timeZoneLabel(hours: WorkingHours, locale: string): string {
  // A fixed instant: the label must not depend on when it is asked.
  const january = new Date(Date.UTC(2024, 0, 15));
  const name = (style: 'longGeneric' | 'longOffset' | 'long') =>
    new Intl.DateTimeFormat(locale, { timeZone: hours.timeZone, timeZoneName: style })
      .formatToParts(january)
      .find((part) => part.type === 'timeZoneName')?.value ?? hours.timeZone;
  const generic = name('longGeneric');
  return generic === name('longOffset') ? name('long') : generic;
}

function isAlwaysOpen(hours: WorkingHours): boolean {
  return hours.days.length === 7 && hours.open === 0 && hours.close >= MINUTES_PER_DAY;
}

function checkTimeZone(timeZone: string): string {
  try {
    if (timeZone.trim() === '') throw new RangeError('empty time zone');
    return new Intl.DateTimeFormat('en-US', { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
  } catch (cause) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `SALES_TIMEZONE "${timeZone}" is not a time zone: use an IANA name like Asia/Shanghai`,
      { cause },
    );
  }
}

function invalidHours(spec: string, reason: string): ConfigError {
  return new ConfigError('CONFIG_INVALID', `SALES_HOURS "${spec}" is not working hours (${reason}): ${EXAMPLE}`);
}

/** "mon-fri", "mon,wed,fri", "sun-thu", "fri-mon" (wraps over the weekend). */
function parseDays(text: string, spec: string): number[] {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const ends = item.split('-');
    if (ends.length > 2) throw invalidHours(spec, `"${item}" is not a day or a range of days`);
    const [first, last = first] = ends.map((end) => dayNumber(end, spec));
    if (first === undefined || last === undefined) throw invalidHours(spec, `"${item}" is not a day`);
    for (let day = first; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** "mon", "tues", "thursday": three letters or more of the English name. */
function dayNumber(text: string, spec: string): number {
  const day = text.length >= 3 ? DAY_NAMES.findIndex((name) => name.startsWith(text)) : -1;
  if (day < 0) throw invalidHours(spec, `"${text}" is not a day`);
  return day;
}

/** "09:00", "9:30", "24:00" (closing at midnight) → minutes after midnight. */
function parseTime(text: string, spec: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > MINUTES_PER_DAY) {
    throw invalidHours(spec, `"${text}" is not a time like 09:00`);
  }
  return minutes;
}

/** Days grouped into runs of consecutive days, wrapping over the week's end, so "fri-mon" reads as one run. */
function dayRuns(days: number[]): number[][] {
  const has = (day: number) => days.includes((day + 7) % 7);
  const firstStart = [0, 1, 2, 3, 4, 5, 6].find((day) => has(day) && !has(day - 1));
  if (firstStart === undefined) return [[1, 2, 3, 4, 5, 6, 0]];
  const runs: number[][] = [];
  for (let offset = 0; offset < 7; offset++) {
    const day = (firstStart + offset) % 7;
    if (!has(day)) continue;
    if (has(day - 1) && runs.length > 0) runs[runs.length - 1]?.push(day);
    else runs.push([day]);
  }
  return runs;
}

function listSeparator(locale: string): string {
  const language = new Intl.Locale(locale).language;
  if (language === 'zh' || language === 'ja') return '、';
  if (language === 'ar' || language === 'fa' || language === 'ur') return '، ';
  return ', ';
}

/** "09:00" in the locale's digits; 1440 reads "24:00", not "00:00". */
function clockTime(minutes: number, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  const parts = format.formatToParts(new Date(Date.UTC(2023, 0, 1, 0, minutes % MINUTES_PER_DAY)));
  const hour24 = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 }).format(24);
  return parts.map((part) => (part.type === 'hour' && minutes === MINUTES_PER_DAY ? hour24 : part.value)).join('');
}

interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
}

interface WallClock extends LocalDate {
  /** whole minutes after midnight */
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat is slow; one per zone is reused.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, at: number): WallClock {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const read = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const year = read('year');
  const month = read('month');
  const day = read('day');
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    minute: (read('hour') % 24) * 60 + read('minute'),
    second: read('second'),
  };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
    weekday: moved.getUTCDay(),
  };
}

/** How far the zone's clocks are ahead of UTC at an instant, in ms. */
function offsetAt(timeZone: string, at: number): number {
  const local = wallClock(timeZone, at);
  const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minute, local.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instants at which the zone's clocks read `minutes` past midnight on a
 * date, earliest first: usually one; two when the clocks are turned back over
 * that time; and when they jump forward over it, the jump itself (the first
 * moment the clocks read that time or later, as isOpen sees it).
 */
function instantsAt(timeZone: string, date: LocalDate, minutes: number): number[] {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const offsetBefore = offsetAt(timeZone, wall - DAY);
  const offsetAfter = offsetAt(timeZone, wall + DAY);
  const found = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wall - offset)
    .filter((t) => t + offsetAt(timeZone, t) === wall)
    .sort((a, b) => a - b);
  if (found.length > 0) return found;
  // Skipped by a jump forward: the clocks read earlier at `early`, later at `late`; find the jump.
  let early = wall - offsetAfter;
  let late = wall - offsetBefore;
  while (late - early > MINUTE) {
    const middle = early + Math.max(1, Math.floor((late - early) / 2 / MINUTE)) * MINUTE;
    if (middle + offsetAt(timeZone, middle) < wall) early = middle;
    else late = middle;
  }
  return [late];
}

/** When the working day that `start` (an open moment) belongs to closes. */
function closingAfter(hours: WorkingHours, start: number): number {
  const today = wallClock(hours.timeZone, start);
  const closing = instantsAt(hours.timeZone, today, hours.close).find((t) => t > start);
  return closing ?? start + (hours.close - today.minute) * MINUTE;
}
