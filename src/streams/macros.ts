import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

/**
 * Date macros for custom streams: `{now}`, `{now-N}`, `{now+N}` in a URL, query or body, resolved
 * once per sync (UTC) in a unit and a format the stream chooses.
 */
export const TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** 'iso8601' (an instant), 'unix' (seconds), 'unix_ms', or any dayjs format string such as YYYY-MM-DD. */
export type DateFormat = string;

const MACRO = /^now(?:([+-])(\d+))?$/;

export const isDateMacro = (name: string): boolean => MACRO.test(name);

export function formatDate(date: dayjs.Dayjs, format: DateFormat): string {
  if (format === 'iso8601') return date.toISOString();
  if (format === 'unix') return String(date.unix());
  if (format === 'unix_ms') return String(date.valueOf());
  return date.format(format);
}

/** The value of a date macro such as `now-7`, or undefined when `name` is not one. */
export function resolveDateMacro(name: string, now: Date, unit: TimeUnit, format: DateFormat): string | undefined {
  const match = MACRO.exec(name);
  if (!match) return undefined;
  const [, sign, amount] = match;
  let date = dayjs.utc(now);
  if (sign && amount) date = sign === '+' ? date.add(Number(amount), unit) : date.subtract(Number(amount), unit);
  return formatDate(date, format);
}

/** `{name}` placeholders in a template (names may hold `+`/`-` for date macros). */
export const PLACEHOLDER = /\{([a-zA-Z0-9_.+-]+)\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** Replaces date macros and leaves other placeholders (parent look-ups) for later. */
export function resolveDateMacros(template: string, now: Date, unit: TimeUnit, format: DateFormat): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => resolveDateMacro(name, now, unit, format) ?? whole);
}
