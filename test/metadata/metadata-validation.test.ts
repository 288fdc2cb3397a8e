import { parseQueueMetadata, readStoredMetadata } from '../../src/metadata/metadata-validation.js';
import {
  ALWAYS_OPEN,
  defaultQueueMetadata,
  type QueueMetadata,
} from '../../src/metadata/queue-metadata.js';

const valid: QueueMetadata = {
  ...defaultQueueMetadata('customers'),
  displayName: 'Customer service',
  timeZone: 'Europe/Paris',
  weeklyHours: {
    ...ALWAYS_OPEN,
    monday: [
      { open: '09:00', close: '12:30' },
      { open: '13:30', close: '18:00' },
    ],
    sunday: [],
  },
  closures: [{ date: '2026-12-25', reason: 'Christmas' }],
  announcements: { positionCap: 5, voice: 'Polly.Celine', language: 'fr-FR' },
  holdAudioUrl: 'https://example.com/hold.mp3',
  maxQueueSize: 50,
};

const problemsOf = (input: unknown) => {
  const parsed = parseQueueMetadata(input);
  return parsed.ok ? [] : parsed.problems;
};

describe('queue metadata validation', () => {
  it('takes a complete, valid edit as it is', () => {
    expect(parseQueueMetadata(valid)).toEqual({ ok: true, value: valid });
  });

  it('names every unknown field, nested ones by their path (a typo must not pass)', () => {
    expect(
      problemsOf({
        ...valid,
        closedMesage: 'typo',
        announcements: { ...valid.announcements, positonCap: 3 },
      }),
    ).toEqual([
      { field: 'announcements.positonCap', message: 'unknown field' },
      { field: 'closedMesage', message: 'unknown field' },
    ]);
  });

  it('lists every problem at once, each at its field', () => {
    const fields = problemsOf({
      ...valid,
      timeZone: 'Mars/Olympus',
      weeklyHours: {
        ...valid.weeklyHours,
        monday: [{ open: '9:00', close: '17:00' }],
        tuesday: [{ open: '17:00', close: '09:00' }],
        wednesday: [
          { open: '09:00', close: '13:00' },
          { open: '12:00', close: '17:00' },
        ],
      },
      closures: [{ date: '2026-02-30' }],
      maxQueueSize: 0,
      holdAudioUrl: 'ftp://example.com/x.mp3',
    }).map((p) => p.field);
    expect(fields).toEqual([
      'timeZone',
      'weeklyHours.monday.0.open',
      'weeklyHours.tuesday.0.close',
      'weeklyHours.wednesday',
      'closures.0.date',
      'holdAudioUrl',
      'maxQueueSize',
    ]);
  });

  it('takes the callback settings, and reads null as off (the field left out)', () => {
    const withCallbacks = {
      ...valid,
      callbackOfferSeconds: 300,
      callbackMaxAttempts: 2,
      callbackRetrySeconds: 600,
    };
    expect(parseQueueMetadata(withCallbacks)).toEqual({ ok: true, value: withCallbacks });
    expect(
      parseQueueMetadata({
        ...valid,
        callbackOfferSeconds: null,
        callbackMaxAttempts: null,
        callbackRetrySeconds: null,
      }),
    ).toEqual({ ok: true, value: valid });
    expect(
      problemsOf({
        ...valid,
        callbackOfferSeconds: -1,
        callbackMaxAttempts: 0,
        callbackRetrySeconds: 30,
      }).map((p) => p.field),
    ).toEqual(['callbackOfferSeconds', 'callbackMaxAttempts', 'callbackRetrySeconds']);
    expect(readStoredMetadata('customers', { ...valid, callbackOfferSeconds: 300 })).toEqual({
      ...valid,
      callbackOfferSeconds: 300,
    });
  });

  it('takes the voicemail settings; null reads as off, lengths outside 5–600 s are refused', () => {
    const withVoicemail = { ...valid, voicemailMaxSeconds: 90, voicemailTranscribe: true };
    expect(parseQueueMetadata(withVoicemail)).toEqual({ ok: true, value: withVoicemail });
    expect(
      parseQueueMetadata({ ...valid, voicemailMaxSeconds: null, voicemailTranscribe: null }),
    ).toEqual({ ok: true, value: valid });
    expect(problemsOf({ ...valid, voicemailMaxSeconds: 4 }).map((p) => p.field)).toEqual([
      'voicemailMaxSeconds',
    ]);
    expect(problemsOf({ ...valid, voicemailMaxSeconds: 601 }).map((p) => p.field)).toEqual([
      'voicemailMaxSeconds',
    ]);
    expect(problemsOf({ ...valid, voicemailTranscribe: 'yes' }).map((p) => p.field)).toEqual([
      'voicemailTranscribe',
    ]);
  });

  it('refuses a transcription of messages longer than Twilio transcribes (120 s), naming the field', () => {
    expect(
      parseQueueMetadata({ ...valid, voicemailMaxSeconds: 120, voicemailTranscribe: true }).ok,
    ).toBe(true);
    expect(problemsOf({ ...valid, voicemailMaxSeconds: 121, voicemailTranscribe: true })).toEqual([
      {
        field: 'voicemailTranscribe',
        message:
          'Twilio transcribes messages of up to 120 seconds: set voicemailMaxSeconds to 120 or less, or turn transcription off',
      },
    ]);
    // Long messages without a transcription are fine.
    expect(
      parseQueueMetadata({ ...valid, voicemailMaxSeconds: 600, voicemailTranscribe: false }),
    ).toEqual({
      ok: true,
      value: { ...valid, voicemailMaxSeconds: 600, voicemailTranscribe: false },
    });
  });

  it('accepts 24:00 as a close, never as an open; the same date closed twice is refused', () => {
    expect(
      problemsOf({
        ...valid,
        weeklyHours: { ...valid.weeklyHours, friday: [{ open: '24:00', close: '24:00' }] },
      }).map((p) => p.field),
    ).toEqual(['weeklyHours.friday.0.open']);
    expect(
      problemsOf({ ...valid, closures: [{ date: '2026-12-25' }, { date: '2026-12-25' }] }),
    ).toEqual([{ field: 'closures', message: 'each date may be closed once' }]);
  });

  it('refuses a body that is not an object, and one with a field missing', () => {
    expect(problemsOf(null)).toHaveLength(1);
    const missing: Record<string, unknown> = { ...valid };
    delete missing.closedMessage;
    expect(problemsOf(missing).map((p) => p.field)).toEqual(['closedMessage']);
  });
});

describe('the survey block', () => {
  const survey = {
    enabled: true,
    wording: 'How did we do? Reply 1-5.',
    delaySeconds: 300,
    quietHours: { start: '21:00', end: '09:00' },
  };

  it('is optional, and taken as it is when valid', () => {
    expect(parseQueueMetadata({ ...valid, survey })).toEqual({
      ok: true,
      value: { ...valid, survey },
    });
    const noQuiet = { enabled: true, wording: survey.wording, delaySeconds: 300 };
    expect(parseQueueMetadata({ ...valid, survey: noQuiet })).toEqual({
      ok: true,
      value: { ...valid, survey: noQuiet },
    });
  });

  it('names each bad survey field', () => {
    expect(
      problemsOf({
        ...valid,
        survey: {
          enabled: 'yes',
          wording: '',
          delaySeconds: -1,
          quietHours: { start: '9pm', end: '25:00' },
        },
      }).map((p) => p.field),
    ).toEqual([
      'survey.enabled',
      'survey.wording',
      'survey.delaySeconds',
      'survey.quietHours.start',
      'survey.quietHours.end',
    ]);
    expect(
      problemsOf({ ...valid, survey: { ...survey, quietHours: { start: '09:00', end: '09:00' } } }),
    ).toEqual([{ field: 'survey.quietHours', message: 'start and end must differ' }]);
  });
});

describe('stored queue metadata', () => {
  it('an entry written before hours existed reads as its name plus the defaults', () => {
    expect(readStoredMetadata('vip', { displayName: 'VIP line' })).toEqual({
      ...defaultQueueMetadata('vip'),
      displayName: 'VIP line',
    });
  });

  it("drops a newer version's unknown top-level fields; refuses what cannot be read", () => {
    expect(readStoredMetadata('vip', { ...valid, futureField: 1 })).toEqual(valid);
    expect(readStoredMetadata('vip', { ...valid, timeZone: 42 })).toBeUndefined();
    expect(readStoredMetadata('vip', 'text')).toBeUndefined();
  });

  it('keeps a stored entry whose voice older versions took but Twilio would not: the voice only goes', () => {
    const stored = { ...valid, announcements: { ...valid.announcements, voice: 'Bob' } };
    expect(readStoredMetadata('vip', stored)).toEqual({
      ...valid,
      announcements: { positionCap: 5, language: 'fr-FR' },
    });
    expect(readStoredMetadata('vip', { ...stored, timeZone: 'Mars/Olympus' })).toBeUndefined();
  });
});
