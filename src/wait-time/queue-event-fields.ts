import type { QueueEntry, QueueSizeObservation } from './queue-activity.js';
import type { QueueEvent, QueueOutcome } from './queue-events.js';

/**
 * One queue event as the flat field list of a Redis stream entry, and back. The one place that
 * knows the format: the stream writes and applies it, the log reads departures back from it.
 */
export type SharedQueueEvent =
  | ({ readonly kind: 'entered' } & QueueEntry)
  | {
      readonly kind: 'dropped';
      readonly queue: string;
      readonly at: number;
      readonly callSid: string | undefined;
    }
  | ({ readonly kind: 'left' } & QueueEvent)
  | ({ readonly kind: 'observed' } & QueueSizeObservation);

export function toFields(event: SharedQueueEvent): string[] {
  const fields = ['k', event.kind, 'q', event.queue, 'a', String(event.at)];
  if (event.kind === 'observed') fields.push('n', String(event.size));
  else fields.push('c', event.callSid ?? '');
  if (event.kind === 'entered' && event.announcedSeconds !== undefined) {
    fields.push('e', String(event.announcedSeconds));
  }
  if (event.kind === 'left') {
    fields.push('o', event.outcome, 'w', String(event.waitSeconds));
    if (event.reportedAfterCall === true) fields.push('l', '1');
  }
  return fields;
}

const OUTCOMES: ReadonlySet<string> = new Set<QueueOutcome>([
  'served',
  'abandoned',
  'left',
  'callback',
  'callback-taken',
]);

/** undefined for an entry that cannot be read (written by something else, or damaged). */
export function fromFields(fields: readonly string[]): SharedQueueEvent | undefined {
  const value = (name: string) => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  const kind = value('k');
  const queue = value('q');
  const at = Number(value('a'));
  const callSid = value('c') || undefined;
  if (queue === undefined || queue === '' || !Number.isFinite(at)) return undefined;
  if (kind === 'entered') {
    const announcedSeconds = Number(value('e') ?? Number.NaN);
    return Number.isFinite(announcedSeconds) && announcedSeconds >= 0
      ? { kind, queue, at, callSid, announcedSeconds }
      : { kind, queue, at, callSid };
  }
  if (kind === 'dropped') return { kind, queue, at, callSid };
  if (kind === 'observed') {
    const size = Number(value('n'));
    return Number.isInteger(size) && size >= 0 ? { kind, queue, at, size } : undefined;
  }
  if (kind !== 'left') return undefined;
  const outcome = value('o') ?? '';
  const waitSeconds = Number(value('w'));
  if (!OUTCOMES.has(outcome) || !Number.isFinite(waitSeconds)) return undefined;
  const left = { kind, queue, at, callSid, outcome: outcome as QueueOutcome, waitSeconds } as const;
  return value('l') === '1' ? { ...left, reportedAfterCall: true } : left;
}
