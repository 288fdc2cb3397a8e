import type { CallingWindow } from './campaign.js';

const START = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const END = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * Every problem with a calling window, none when it is valid: `HH:MM` times, `end` may be 24:00
 * (midnight at the day's end), and `start` before `end` — the window is one stretch of one
 * local day, so it never wraps past midnight (callees are not called at night).
 */
export function validateCallingWindow(window: CallingWindow): string[] {
  const problems: string[] = [];
  if (!START.test(window.start)) problems.push('start must be a time "HH:MM" from 00:00 to 23:59');
  if (!END.test(window.end)) problems.push('end must be a time "HH:MM" from 00:00 to 24:00');
  if (problems.length === 0 && minutesOf(window.start) >= minutesOf(window.end)) {
    problems.push('end must be after start');
  }
  return problems;
}

/** Minutes since local midnight of a time validateCallingWindow accepted. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
