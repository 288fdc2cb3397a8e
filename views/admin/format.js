/* How durations, counts and moments read in the queue table. '—' stands for "not known". */

const weekdayTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const clockTime = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes < 60) return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function formatCount(value) {
  return value === null || value === undefined ? '—' : String(value);
}

/** An opening or closing moment from the API (ISO 8601), as "Mon 09:00" in this browser. */
export function formatMoment(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : weekdayTime.format(date);
}

/**
 * An opening or closing moment as it reads in the queue's own time zone, which the queue's
 * hours are kept in ("Tue 24 Nov, 09:00 Europe/Paris"): a supervisor elsewhere sees the hours
 * they set. Without a usable zone, in this browser's.
 */
export function formatMomentIn(iso, timeZone) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  };
  try {
    const text = new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(date);
    return timeZone ? `${text} ${timeZone}` : text;
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/** The time of day of a Date, to the second ("last updated 10:00:05"). */
export function formatClock(date) {
  return clockTime.format(date);
}

/** An API reason code ("no-agents", "too_few_samples") as words. */
export function describeReason(reason) {
  return String(reason || '').replace(/[-_]/g, ' ');
}
