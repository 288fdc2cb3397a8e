import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { defaultQueueMetadata, type QueueMetadata } from '../../src/metadata/queue-metadata.js';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import type { VoicemailStore } from '../../src/voicemail/voicemail.js';
import { BASE_URL, NOW, SAY, buildTestApp, freshStats, twiml } from '../support/test-app.js';

/*
 * Press 2 at the callback offer (docs/voicemail.md): the offer names it only when the queue
 * takes messages, the key asks for one and leaves the queue, and the Enqueue action that Twilio
 * requests next plays the Record.
 */

const CALLER = 'CA0123456789abcdef0123456789abcdef';
const PATH = '/api/queues/customers/metadata';
const turn = (params: Record<string, string>) => ({
  CallSid: CALLER,
  QueueSid: 'QU00000000000000000000000000000002',
  From: '+14155550123',
  ...params,
});

async function withVoicemail(
  changes: Partial<QueueMetadata>,
  options: { store?: VoicemailStore | null } = {},
) {
  const voicemails =
    options.store === null
      ? undefined
      : (options.store ?? (await FileVoicemailStore.open(undefined)));
  const app = buildTestApp({
    snapshot: freshStats,
    callbacks: await FileCallbackStore.open(undefined),
    ...(voicemails === undefined ? {} : { voicemails }),
  });
  const res = await app.apiPut(
    PATH,
    { ...defaultQueueMetadata('customers'), callbackOfferSeconds: 120, ...changes },
    '"1"',
  );
  expect(res.status).toBe(200);
  return { ...app, voicemails: voicemails as VoicemailStore };
}

const CALLBACK_OFFER =
  'To get a call back instead of holding, without losing your place in line, press 1.';
const wait = (post: ReturnType<typeof buildTestApp>['post']) =>
  post('/voice/wait?queue=customers', turn({ QueuePosition: '3', QueueTime: '120' }));

describe('the offer on a wait turn (POST /voice/wait)', () => {
  it('with voicemail on, names key 2 after key 1, in the same Gather', async () => {
    const { post } = await withVoicemail({ voicemailMaxSeconds: 90 });
    const res = await wait(post);
    expect(res.text).toBe(
      twiml(
        `<Gather numDigits="1" action="${BASE_URL}/voice/callback-offer?queue=customers&amp;entered=${NOW - 120_000}&amp;eta=180" method="POST" timeout="3">` +
          `${SAY}You are number 3 in line. Your estimated wait is about 3 minutes. ${CALLBACK_OFFER} To leave a message, press 2.</Say></Gather>` +
          `<Pause length="20"/><Redirect method="POST">${BASE_URL}/voice/wait?queue=customers&amp;position=3&amp;announced=120</Redirect>`,
      ),
    );
  });

  it('with voicemail off, or no store to keep messages, says nothing of key 2', async () => {
    const off = await withVoicemail({});
    const noStore = await withVoicemail({ voicemailMaxSeconds: 90 }, { store: null });
    for (const { post } of [off, noStore]) {
      const text = (await wait(post)).text;
      expect(text).toContain(`${CALLBACK_OFFER}</Say></Gather>`);
      expect(text).not.toContain('press 2');
    }
  });
});

const offerPath = `/voice/callback-offer?queue=customers&entered=${NOW - 120_000}&eta=180`;
const BACK_TO_HOLD = twiml(
  `<Redirect method="POST">${BASE_URL}/voice/wait?queue=customers</Redirect>`,
);

describe('key 2 at the offer (POST /voice/callback-offer)', () => {
  it('asks for a message and leaves the queue', async () => {
    const { post, voicemails } = await withVoicemail({ voicemailMaxSeconds: 90 });
    const res = await post(offerPath, turn({ Digits: '2' }));

    expect(res.status).toBe(200);
    expect(res.text).toBe(twiml('<Leave/>'));
    expect(await voicemails.list()).toEqual([
      {
        id: `vm-${CALLER}`,
        queue: 'customers',
        callerCallSid: CALLER,
        from: '+14155550123',
        requestedAt: NOW,
        state: 'requested',
      },
    ]);
  });

  it('the same action again still makes one voicemail; a withheld number is not kept', async () => {
    const { post, voicemails } = await withVoicemail({ voicemailMaxSeconds: 90 });
    await post(offerPath, turn({ Digits: '2', From: 'anonymous' }));
    const again = await post(offerPath, turn({ Digits: '2', From: 'anonymous' }));

    expect(again.text).toBe(twiml('<Leave/>'));
    const kept = await voicemails.list();
    expect(kept).toHaveLength(1);
    expect(kept[0]).not.toHaveProperty('from');
  });

  it('with voicemail off, 2 is any other key: back to holding, nothing kept', async () => {
    const { post, voicemails } = await withVoicemail({});
    expect((await post(offerPath, turn({ Digits: '2' }))).text).toBe(BACK_TO_HOLD);
    expect(await voicemails.list()).toEqual([]);
  });

  it('a store that fails keeps the caller holding in their place', async () => {
    const store = await FileVoicemailStore.open(undefined);
    const failing: VoicemailStore = {
      request: () => Promise.reject(new Error('connect ECONNREFUSED')),
      saveRecording: (input) => store.saveRecording(input),
      saveTranscription: (id, t) => store.saveTranscription(id, t),
      markDone: (id, at) => store.markDone(id, at),
      get: (id) => store.get(id),
      list: (filter) => store.list(filter),
      close: () => store.close(),
    };
    const { post, logs } = await withVoicemail({ voicemailMaxSeconds: 90 }, { store: failing });
    const res = await post(offerPath, turn({ Digits: '2' }));

    expect(res.status).toBe(200);
    expect(res.text).toBe(
      twiml(
        `${SAY}Sorry, we cannot take a message right now. You keep your place in line.</Say>` +
          `<Redirect method="POST">${BASE_URL}/voice/wait?queue=customers</Redirect>`,
      ),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'could not request a voicemail; back to hold',
        callSid: CALLER,
      }),
    );
  });
});

const record = (maxLength: number, transcribe: string) =>
  twiml(
    `${SAY}Please leave your message after the tone. When you are done, press the pound key, or simply hang up.</Say>` +
      `<Record action="${BASE_URL}/voice/voicemail/recorded?queue=customers&amp;from=%2B14155550123" method="POST" maxLength="${maxLength}" finishOnKey="#" playBeep="true" timeout="5"` +
      ` recordingStatusCallback="${BASE_URL}/voice/voicemail/recording?queue=customers&amp;from=%2B14155550123" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"${transcribe}/>` +
      `${SAY}We did not get a message. Thank you for calling. Goodbye.</Say><Hangup/>`,
  );
const leave = (post: ReturnType<typeof buildTestApp>['post']) =>
  post('/voice/queue-result?queue=customers', turn({ QueueResult: 'leave', QueueTime: '121' }));

describe('leaving the queue for a message (POST /voice/queue-result)', () => {
  it('plays the Record, as long as the queue allows, and counts the caller as one who left', async () => {
    const { post, voicemails, events } = await withVoicemail({ voicemailMaxSeconds: 90 });
    await post(offerPath, turn({ Digits: '2' }));
    const res = await leave(post);

    expect(res.text).toBe(record(90, ''));
    expect(await events.since('customers', 0)).toEqual([
      { queue: 'customers', outcome: 'left', waitSeconds: 121, at: NOW, callSid: CALLER },
    ]);
    expect((await voicemails.get(`vm-${CALLER}`))?.state).toBe('requested');
  });

  it('with transcription on, asks Twilio for it on its own callback', async () => {
    const { post } = await withVoicemail({ voicemailMaxSeconds: 120, voicemailTranscribe: true });
    await post(offerPath, turn({ Digits: '2' }));
    expect((await leave(post)).text).toBe(
      record(
        120,
        ` transcribe="true" transcribeCallback="${BASE_URL}/voice/voicemail/transcription?queue=customers&amp;from=%2B14155550123"`,
      ),
    );
  });

  it('a leave without a message asked for, or after it was recorded, is a plain leave', async () => {
    const { post, voicemails } = await withVoicemail({ voicemailMaxSeconds: 90 });
    const goodbye = twiml(
      `${SAY}You have left the queue. Thank you for calling. Goodbye.</Say><Hangup/>`,
    );
    expect((await leave(post)).text).toBe(goodbye);

    await post(offerPath, turn({ Digits: '2' }));
    await voicemails.saveRecording({
      queue: 'customers',
      callerCallSid: CALLER,
      requestedAt: NOW,
      recording: {
        sid: 'RE1',
        url: 'https://api.twilio.test/RE1',
        durationSeconds: 7,
        receivedAt: NOW,
      },
    });
    expect((await leave(post)).text).toBe(goodbye);
  });

  it('a queue that stopped taking messages meanwhile still hears the caller out, for 120 s', async () => {
    const { post, apiPut } = await withVoicemail({ voicemailMaxSeconds: 300 });
    await post(offerPath, turn({ Digits: '2' }));
    const off = await apiPut(
      PATH,
      { ...defaultQueueMetadata('customers'), callbackOfferSeconds: 120 },
      '"2"',
    );
    expect(off.status).toBe(200);
    expect((await leave(post)).text).toBe(record(120, ''));
  });
});
