import { minutesOf, type SurveySettings } from '../metadata/queue-metadata.js';
import { zoneClock } from '../metadata/zoned-time.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The first instant from `at` outside the quiet hours, read on the queue's wall clock: `at`
 * itself when it is outside them, else when they end ("21:00"–"09:00" at 23:30 → 09:00 the next
 * morning, local time, daylight saving included).
 */
export function afterQuietHours(
  at: number,
  quiet: SurveySettings['quietHours'],
  timeZone: string,
): number {
  if (quiet === undefined) return at;
  const clock = zoneClock(timeZone);
  const wall = clock.wallTimeAt(at);
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  const minute = (wall - midnight) / MINUTE_MS;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const spansMidnight = start > end;
  const inside = spansMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return at;
  // The end falls today when we are before it (after midnight), else tomorrow.
  const endDay = spansMidnight && minute >= start ? midnight + DAY_MS : midnight;
  const endWall = endDay + end * MINUTE_MS;
  const spans = clock.instantsBetween(endWall, Infinity);
  return Math.max(at, spans[0]?.[0] ?? at);
}
