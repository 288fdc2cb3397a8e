import { zoneClock, type Span, type ZoneClock } from '../metadata/zoned-time.js';
import { calleeZones } from './callee-zones.js';
import type { CallingWindow } from './campaign.js';
import { minutesOf, validateCallingWindow } from './calling-window.js';
import type { Contact } from './contact.js';

export { validateCallingWindow } from './calling-window.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/**
 * Days of wall clock read per zone, widened only when the nearer days hold no calling time. The
 * last covers a year: each zone's clock changes repeat yearly, so a window that is empty all year
 * (too narrow for the country's spread of zones) stays empty.
 */
const HORIZONS_DAYS = [3, 35, 368] as const;

/**
 * The first instant (epoch ms) from `now` on at which a contact may be called: `now` itself
 * when the window is open now; undefined when it never opens within a year, which the caller
 * reports as "no calling hours". `window.end` is exclusive.
 *
 * The window is the callee's local time, and a contact without a zone of its own may be in any
 * zone of its number's country (calleeZones). It is callable only while EVERY such zone is
 * inside the window: calling hours are a limit at the callee's end (the US rule counts the
 * called party's local time), and the number alone cannot tell New York from Honolulu, so the one reading that
 * never calls anyone outside their hours is the intersection. The price: a window narrower
 * than the country's spread of zones never opens — 08:00–10:00 for a US number, whose zones
 * span five or six hours — and a wide one opens late and closes early in the east and west.
 * Giving contacts a time zone in the list lifts it.
 *
 * Daylight saving is the zones' own: 09:00 is nine on the callee's clock on either side of a
 * change; a start inside a spring-forward gap opens when the clock jumps past it, and in a
 * repeated hour the window holds whenever the clock reads inside it (zoned-time.ts).
 *
 * Throws (RangeError) for an invalid window or an unknown zone: calling settings and contact
 * zones are validated before they get here.
 */
export function nextCallableAt(
  contact: Contact,
  window: CallingWindow,
  defaultCountry: string,
  now: number,
): number | undefined {
  return nextCallableInZones(calleeZones(contact, defaultCountry), window, now);
}

/**
 * nextCallableAt for a callee who may be in any of `zones`. The answer depends on nothing else,
 * so a caller scheduling many contacts can work it out once per set of zones (calleeZones).
 */
export function nextCallableInZones(
  zones: readonly string[],
  window: CallingWindow,
  now: number,
): number | undefined {
  const problems = validateCallingWindow(window);
  if (problems.length > 0) throw new RangeError(`Calling window: ${problems.join('; ')}`);
  const start = minutesOf(window.start) * MINUTE_MS;
  const end = minutesOf(window.end) * MINUTE_MS;
  const windows = zones.map((zone) => new ZoneWindow(zoneClock(zone), now, start, end));

  for (const days of HORIZONS_DAYS) {
    let callable: readonly Span[] | undefined;
    for (const zone of windows) {
      callable =
        callable === undefined ? zone.spansUntil(days) : intersect(callable, zone.spansUntil(days));
    }
    const first = callable?.find(([, spanEnd]) => spanEnd > now);
    // Wall clocks and UTC are under a day apart, and a zone's offset moves by hours at most
    // within a year: every zone's days up to `days` cover the instants before this bound.
    if (first !== undefined && Math.max(first[0], now) < now + (days - 1) * DAY_MS) {
      return Math.max(first[0], now);
    }
  }
  return undefined;
}

/** One zone's window, day after day from the day before `now`'s, extended on demand. */
class ZoneWindow {
  private spans: Span[] = [];
  private readonly today: number;
  private nextDay: number;

  constructor(
    private readonly clock: ZoneClock,
    now: number,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.today = Math.floor(clock.wallTimeAt(now) / DAY_MS);
    this.nextDay = this.today - 1;
  }

  /** The window's instants through local day today + `days`: in order, apart, merged where they touch. */
  spansUntil(days: number): readonly Span[] {
    if (this.nextDay > this.today + days) return this.spans;
    for (; this.nextDay <= this.today + days; this.nextDay += 1) {
      const midnight = this.nextDay * DAY_MS;
      this.spans.push(...this.clock.instantsBetween(midnight + this.start, midnight + this.end));
    }
    // Where a clock falls back across midnight, a day's window ends after the next one starts.
    this.spans = merged(this.spans);
    return this.spans;
  }
}

/** The instants in both lists; each is in order and its spans do not overlap. */
function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const both: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i] as Span;
    const [bStart, bEnd] = b[j] as Span;
    const start = Math.max(aStart, bStart);
    const end = Math.min(aEnd, bEnd);
    if (start < end) both.push([start, end]);
    if (aEnd < bEnd) i += 1;
    else j += 1;
  }
  return both;
}

function merged(spans: readonly Span[]): Span[] {
  const out: [number, number][] = [];
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
