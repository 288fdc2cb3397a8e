/**
 * Per-queue settings a supervisor manages: what callers hear when, and when the queue takes
 * callers at all. Times are wall-clock times in the queue's own time zone, so "09:00" stays
 * nine in the morning across daylight-saving changes.
 */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" to "HH:MM" on one day; `close` may be "24:00" (midnight at the day's end). */
export interface OpeningRange {
  readonly open: string;
  readonly close: string;
}

/** A whole day closed, by its date in the queue's time zone ("2026-12-25"). */
export interface Closure {
  readonly date: string;
  readonly reason?: string;
}

/** Per-queue overrides of the app's announcement settings; absent = the app's setting. */
export interface AnnouncementSettings {
  /** Positions above this are not spoken ("you are number 40" helps nobody). */
  readonly positionCap?: number;
  /** At least this long between two estimates to the same caller. */
  readonly minIntervalSeconds?: number;
  /** `<Say voice>` and `language`. */
  readonly voice?: string;
  readonly language?: string;
}

/**
 * The SMS survey sent after a caller of this queue was served (docs/feedback.md). Quiet hours
 * are wall-clock times in the queue's time zone; a survey falling inside them waits for their
 * end. `start` after `end` spans midnight ("21:00" to "09:00").
 */
export interface SurveySettings {
  readonly enabled: boolean;
  /** The question, as texted; the reply is a score from 1 to 5 or any words. */
  readonly wording: string;
  /** How long after the call ended the survey is sent. */
  readonly delaySeconds: number;
  readonly quietHours?: { readonly start: string; readonly end: string };
}

export interface QueueMetadata {
  readonly displayName: string;
  /** IANA time zone the hours and closures are in. */
  readonly timeZone: string;
  /** Opening ranges per weekday; a day without ranges is closed all day. */
  readonly weeklyHours: Readonly<Record<Weekday, readonly OpeningRange[]>>;
  readonly closures: readonly Closure[];
  /** Said to a caller outside opening hours, before hanging up. */
  readonly closedMessage: string;
  readonly announcements: AnnouncementSettings;
  /** Played between announcements instead of the app's hold music. */
  readonly holdAudioUrl?: string;
  /** Callers turned away (queue full) once this many wait. */
  readonly maxQueueSize?: number;
  /** Absent: no survey for this queue's callers. */
  readonly survey?: SurveySettings;
  /**
   * Callers whose estimated wait is above this many seconds are offered a callback that keeps
   * their place (docs/callbacks.md). Absent: no offer.
   */
  readonly callbackOfferSeconds?: number;
  /** Calls made for one callback before it is marked failed (absent: 3; read by the dialing). */
  readonly callbackMaxAttempts?: number;
  /** Seconds between two calls of one callback (absent: 300; read by the dialing). */
  readonly callbackRetrySeconds?: number;
  /**
   * Callers offered a callback may press 2 to leave a message instead, of at most this many
   * seconds (docs/voicemail.md). Absent: no voicemail.
   */
  readonly voicemailMaxSeconds?: number;
  /** Messages are transcribed too (Twilio transcribes only up to 120 s). Absent: not. */
  readonly voicemailTranscribe?: boolean;
}

export const DEFAULT_CLOSED_MESSAGE =
  'Thank you for calling. We are closed right now. Please call again during our opening hours. Goodbye.';
const ALL_DAY: readonly OpeningRange[] = Object.freeze([{ open: '00:00', close: '24:00' }]);
/** Open around the clock: a queue nobody configured must not turn callers away. */
export const ALWAYS_OPEN: QueueMetadata['weeklyHours'] = Object.freeze(
  Object.fromEntries(WEEKDAYS.map((day) => [day, ALL_DAY])) as Record<Weekday, OpeningRange[]>,
);

export function defaultQueueMetadata(name: string): QueueMetadata {
  return {
    displayName: name,
    timeZone: 'UTC',
    weeklyHours: ALWAYS_OPEN,
    closures: [],
    closedMessage: DEFAULT_CLOSED_MESSAGE,
    announcements: {},
  };
}

/** Twilio's limit on a Voice queue's max_size. */
export const MAX_QUEUE_SIZE_LIMIT = 5000;

/** Bounds of a message's length: shorter is no message, longer is a letter nobody listens to. */
export const VOICEMAIL_MIN_SECONDS = 5;
export const VOICEMAIL_MAX_SECONDS = 600;
/** Twilio transcribes recordings of up to this many seconds only. */
export const TRANSCRIPTION_MAX_SECONDS = 120;

/** Minutes since midnight of an "HH:MM" (24:00 allowed); the schema has checked the form. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
