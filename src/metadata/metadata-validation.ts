import { IANAZone } from 'luxon';
import { z } from 'zod';
import {
  WEEKDAYS,
  defaultQueueMetadata,
  minutesOf,
  MAX_QUEUE_SIZE_LIMIT,
  TRANSCRIPTION_MAX_SECONDS,
  VOICEMAIL_MAX_SECONDS,
  VOICEMAIL_MIN_SECONDS,
  type OpeningRange,
  type QueueMetadata,
  type SurveySettings,
  type Weekday,
} from './queue-metadata.js';
import { isTwilioVoiceName, TWILIO_VOICE_HINT } from './voice-name.js';

/*
 * Validation of queue metadata: a supervisor's edit strictly (every problem at once, unknown
 * fields by name), and what a store holds leniently (older and newer versions of holdline).
 */

const OPEN_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const rangeSchema = z
  .strictObject({
    open: z.string().regex(OPEN_TIME, 'open must be a time "HH:MM" from 00:00 to 23:59'),
    close: z.string().regex(CLOSE_TIME, 'close must be a time "HH:MM" from 00:00 to 24:00'),
  })
  // Runs even when a time was malformed; that time has its own problem already.
  .refine(
    (range) =>
      !OPEN_TIME.test(range.open) ||
      !CLOSE_TIME.test(range.close) ||
      minutesOf(range.open) < minutesOf(range.close),
    {
      message: 'close must be after open (split a range that runs past midnight in two)',
      path: ['close'],
    },
  );

const daySchema = z
  .array(rangeSchema)
  .max(12)
  .superRefine((ranges, context) => {
    const sorted = [...ranges].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
    for (let i = 1; i < sorted.length; i += 1) {
      const before = sorted[i - 1] as OpeningRange;
      const range = sorted[i] as OpeningRange;
      if (minutesOf(range.open) < minutesOf(before.close)) {
        context.addIssue({
          code: 'custom',
          message: `${before.open}–${before.close} and ${range.open}–${range.close} overlap`,
        });
      }
    }
  });

function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

const closureSchema = z.strictObject({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be "YYYY-MM-DD"')
    .refine(isCalendarDate, 'date is not a day of the calendar'),
  reason: z.string().trim().min(1).max(200).optional(),
});

const announcementsSchema = z.strictObject({
  positionCap: z.number().int().min(1).max(1000).optional(),
  minIntervalSeconds: z.number().int().min(0).max(3600).optional(),
  voice: z
    .string()
    .trim()
    .max(64)
    .refine(isTwilioVoiceName, `voice must be a Twilio voice: ${TWILIO_VOICE_HINT}`)
    .optional(),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'language must be a tag such as "en-US"')
    .optional(),
});

const surveySchema = z.strictObject({
  enabled: z.boolean(),
  wording: z.string().trim().min(1).max(320),
  delaySeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400),
  quietHours: z
    .strictObject({
      start: z.string().regex(OPEN_TIME, 'start must be a time "HH:MM" from 00:00 to 23:59'),
      end: z.string().regex(OPEN_TIME, 'end must be a time "HH:MM" from 00:00 to 23:59'),
    })
    .refine((hours) => hours.start !== hours.end, 'start and end must differ')
    .optional(),
});

const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, daySchema])) as Record<Weekday, typeof daySchema>,
);

const fields = {
  displayName: z.string().trim().min(1).max(100),
  timeZone: z
    .string()
    .refine(
      (zone) => IANAZone.isValidZone(zone),
      'timeZone must be an IANA time zone such as "Europe/Paris"',
    ),
  weeklyHours: weeklyHoursSchema,
  closures: z
    .array(closureSchema)
    .max(400)
    .refine(
      (closures) => new Set(closures.map((c) => c.date)).size === closures.length,
      'each date may be closed once',
    ),
  closedMessage: z.string().trim().min(1).max(1000),
  announcements: announcementsSchema,
  holdAudioUrl: z
    .url({ protocol: /^https?$/, error: 'holdAudioUrl must be an http(s) URL' })
    .max(2000)
    .optional(),
  maxQueueSize: z.number().int().min(1).max(MAX_QUEUE_SIZE_LIMIT).optional(),
  survey: surveySchema.optional(),
  // null as well as absent: an editor that clears the field turns the offer off.
  callbackOfferSeconds: z.number().int().min(0).max(7200).nullable().optional(),
  callbackMaxAttempts: z.number().int().min(1).max(10).nullable().optional(),
  callbackRetrySeconds: z.number().int().min(60).max(86_400).nullable().optional(),
  voicemailMaxSeconds: z
    .number()
    .int()
    .min(VOICEMAIL_MIN_SECONDS)
    .max(VOICEMAIL_MAX_SECONDS)
    .nullable()
    .optional(),
  voicemailTranscribe: z.boolean().nullable().optional(),
};

/** What a PUT must send: every setting spelled out, nothing unknown (a typo must not pass). */
const inputSchema = z.strictObject(fields).superRefine((metadata, context) => {
  // Twilio would record the message and silently send no transcription: refuse it up front.
  const max = metadata.voicemailMaxSeconds;
  if (metadata.voicemailTranscribe === true && typeof max === 'number') {
    if (max > TRANSCRIPTION_MAX_SECONDS) {
      context.addIssue({
        code: 'custom',
        path: ['voicemailTranscribe'],
        message: `Twilio transcribes messages of up to ${TRANSCRIPTION_MAX_SECONDS} seconds: set voicemailMaxSeconds to ${TRANSCRIPTION_MAX_SECONDS} or less, or turn transcription off`,
      });
    }
  }
});

export interface MetadataProblem {
  /** Dotted path of the field ("weeklyHours.monday.0.close"); "" for the whole body. */
  readonly field: string;
  readonly message: string;
}

export type MetadataParse =
  | { readonly ok: true; readonly value: QueueMetadata }
  | { readonly ok: false; readonly problems: readonly MetadataProblem[] };

/** Validates a supervisor's edit: every problem at once, unknown fields by name. */
export function parseQueueMetadata(input: unknown): MetadataParse {
  const result = inputSchema.safeParse(input);
  if (result.success) return { ok: true, value: withoutUndefined(result.data) };
  return {
    ok: false,
    problems: result.error.issues.flatMap((issue): MetadataProblem[] => {
      const at = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({
          field: at === '' ? key : `${at}.${key}`,
          message: 'unknown field',
        }));
      }
      return [{ field: at, message: issue.message }];
    }),
  };
}

/**
 * Metadata as stored by this or another version of holdline: what is missing takes its default
 * (entries written before a field existed), what is unknown is dropped (a newer version's).
 * undefined when it cannot be read at all.
 */
export function readStoredMetadata(name: string, stored: unknown): QueueMetadata | undefined {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return undefined;
  const known = Object.fromEntries(
    Object.entries(stored).filter(([key]) => Object.hasOwn(fields, key)),
  );
  const candidate = { ...defaultQueueMetadata(name), ...known };
  const parsed = parseQueueMetadata(candidate);
  if (parsed.ok) return parsed.value;
  // Older versions saved any short text as the voice: such an entry keeps everything else and
  // speaks in the app's voice, rather than losing its hours and messages.
  if (parsed.problems.some((p) => p.field === 'announcements.voice')) {
    const announcements: Record<string, unknown> = { ...candidate.announcements };
    delete announcements.voice;
    const retried = parseQueueMetadata({ ...candidate, announcements });
    return retried.ok ? retried.value : undefined;
  }
  return undefined;
}

type Parsed = z.infer<typeof inputSchema>;

/** Absent and null settings are left out: the stored and served form has no empty fields. */
function withoutUndefined(metadata: Parsed): QueueMetadata {
  const {
    holdAudioUrl,
    maxQueueSize,
    callbackOfferSeconds,
    callbackMaxAttempts,
    callbackRetrySeconds,
    voicemailMaxSeconds,
    voicemailTranscribe,
    survey,
    ...rest
  } = metadata;
  const present = (key: string, value: number | string | boolean | null | undefined) =>
    value === undefined || value === null ? {} : { [key]: value };
  return {
    ...rest,
    ...(survey === undefined ? {} : { survey: withoutUndefinedSurvey(survey) }),
    ...present('holdAudioUrl', holdAudioUrl),
    ...present('maxQueueSize', maxQueueSize),
    ...present('callbackOfferSeconds', callbackOfferSeconds),
    ...present('callbackMaxAttempts', callbackMaxAttempts),
    ...present('callbackRetrySeconds', callbackRetrySeconds),
    ...present('voicemailMaxSeconds', voicemailMaxSeconds),
    ...present('voicemailTranscribe', voicemailTranscribe),
  };
}

function withoutUndefinedSurvey(survey: SurveySettings): SurveySettings {
  const { quietHours, ...rest } = survey;
  return quietHours === undefined ? rest : { ...rest, quietHours };
}

/** readStoredMetadata as a schema, for readers that parse whole stored values with zod. */
export function storedMetadataSchema(name: string): z.ZodType<QueueMetadata, unknown> {
  return z.unknown().transform((stored, context) => {
    const metadata = readStoredMetadata(name, stored);
    if (metadata === undefined) {
      context.addIssue({ code: 'custom', message: 'not valid queue metadata' });
      return z.NEVER;
    }
    return metadata;
  });
}
