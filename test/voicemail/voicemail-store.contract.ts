import type {
  NewVoicemail,
  VoicemailRecording,
  VoicemailStore,
} from '../../src/voicemail/voicemail.js';

export const T0 = Date.UTC(2026, 11, 7, 15, 0, 0);

export const aliceCall: NewVoicemail = {
  queue: 'support',
  callerCallSid: 'CA00000000000000000000000000000001',
  from: '+14155550101',
  requestedAt: T0,
};

const bobCall: NewVoicemail = {
  queue: 'support',
  callerCallSid: 'CA00000000000000000000000000000002',
  requestedAt: T0 + 1000,
};

export const aliceRecording: VoicemailRecording = {
  sid: 'RE00000000000000000000000000000001',
  url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE00000000000000000000000000000001',
  durationSeconds: 12,
  receivedAt: T0 + 20_000,
};

const ALICE = 'vm-CA00000000000000000000000000000001';
const BOB = 'vm-CA00000000000000000000000000000002';

/**
 * What every VoicemailStore does. Call inside a describe. `open` gives an empty store per test;
 * `reopen` opens the same data again, as a restart (embedded) or another connection (Redis).
 */
export function voicemailStoreContract(
  open: () => Promise<VoicemailStore>,
  reopen: () => Promise<VoicemailStore>,
): void {
  let store: VoicemailStore;

  beforeEach(async () => {
    store = await open();
  });

  describe('request', () => {
    it('makes a requested voicemail, nothing recorded', async () => {
      const { voicemail, created } = await store.request(aliceCall);

      expect(created).toBe(true);
      expect(voicemail).toEqual({
        id: ALICE,
        queue: 'support',
        callerCallSid: 'CA00000000000000000000000000000001',
        from: '+14155550101',
        requestedAt: T0,
        state: 'requested',
      });
      expect(await store.get(ALICE)).toEqual(voicemail);
    });

    it('again for the same call finds the first and makes no second', async () => {
      const first = await store.request(aliceCall);
      const again = await store.request({ ...aliceCall, queue: 'sales', requestedAt: T0 + 5 });

      expect(again).toEqual({ voicemail: first.voicemail, created: false });
      expect(await store.list()).toEqual([first.voicemail]);
    });

    it('requests arriving together make one voicemail', async () => {
      const answers = await Promise.all([store.request(aliceCall), store.request(aliceCall)]);

      expect(answers.map((a) => a.created).sort()).toEqual([false, true]);
      expect(await store.list()).toHaveLength(1);
    });
  });

  describe('saveRecording', () => {
    it('moves a requested voicemail to new with its recording', async () => {
      await store.request(aliceCall);
      const saved = await store.saveRecording({ ...aliceCall, recording: aliceRecording });

      expect(saved).toEqual({
        voicemail: {
          id: ALICE,
          queue: 'support',
          callerCallSid: 'CA00000000000000000000000000000001',
          from: '+14155550101',
          requestedAt: T0,
          state: 'new',
          recording: aliceRecording,
        },
        changed: true,
      });
      expect(await store.get(ALICE)).toEqual(saved.voicemail);
    });

    it('without a request kept, makes the voicemail from the recording (nothing is lost)', async () => {
      const saved = await store.saveRecording({
        ...bobCall,
        requestedAt: aliceRecording.receivedAt,
        recording: aliceRecording,
      });

      expect(saved.changed).toBe(true);
      expect(saved.voicemail).toEqual({
        id: BOB,
        queue: 'support',
        callerCallSid: 'CA00000000000000000000000000000002',
        requestedAt: aliceRecording.receivedAt,
        state: 'new',
        recording: aliceRecording,
      });
      expect(await store.get(BOB)).toEqual(saved.voicemail);
    });

    it('the same recording again changes nothing', async () => {
      await store.request(aliceCall);
      const first = await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const again = await store.saveRecording({
        ...aliceCall,
        recording: { ...aliceRecording, receivedAt: T0 + 99_000 },
      });

      expect(again).toEqual({ voicemail: first.voicemail, changed: false });
      expect(await store.get(ALICE)).toEqual(first.voicemail);
    });

    it('a different recording never replaces the one kept', async () => {
      const first = await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const other = await store.saveRecording({
        ...aliceCall,
        recording: { ...aliceRecording, sid: 'RE9', url: 'https://example.test/RE9' },
      });

      expect(other).toEqual({ voicemail: first.voicemail, changed: false });
      expect((await store.get(ALICE))?.recording?.sid).toBe('RE00000000000000000000000000000001');
    });

    it('a done voicemail stays done', async () => {
      await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const done = await store.markDone(ALICE, T0 + 60_000);
      const again = await store.saveRecording({ ...aliceCall, recording: aliceRecording });

      expect(again).toEqual({ voicemail: done, changed: false });
      expect((await store.get(ALICE))?.state).toBe('done');
    });

    it('one cleared before anything came is new again when its recording comes (nothing is lost)', async () => {
      await store.request(aliceCall);
      await store.markDone(ALICE, T0 + 60_000);
      const { voicemail, changed } = await store.saveRecording({
        ...aliceCall,
        recording: aliceRecording,
      });

      expect(changed).toBe(true);
      expect(voicemail).toMatchObject({ state: 'new', recording: aliceRecording });
      expect((await store.get(ALICE))?.state).toBe('new');
    });

    it('the same recording from two callers at once is kept once', async () => {
      await store.request(aliceCall);
      const answers = await Promise.all([
        store.saveRecording({ ...aliceCall, recording: aliceRecording }),
        store.saveRecording({
          ...aliceCall,
          recording: { ...aliceRecording, receivedAt: T0 + 21_000 },
        }),
      ]);

      expect(answers.map((a) => a.changed).sort()).toEqual([false, true]);
      const kept = answers.find((a) => a.changed)?.voicemail;
      expect(answers.find((a) => !a.changed)?.voicemail).toEqual(kept);
      expect(await store.get(ALICE)).toEqual(kept);
    });

    it('two recordings at once with no request kept: one voicemail, one recording', async () => {
      const answers = await Promise.all([
        store.saveRecording({ ...aliceCall, recording: aliceRecording }),
        store.saveRecording({ ...aliceCall, recording: { ...aliceRecording, sid: 'RE9' } }),
      ]);

      expect(answers.map((a) => a.changed).sort()).toEqual([false, true]);
      const kept = answers.find((a) => a.changed)?.voicemail;
      expect(await store.list()).toEqual([kept]);
    });

    it('a recording that would not read back (a NaN duration) is refused, and nothing kept', async () => {
      await store.request(aliceCall);
      await expect(
        store.saveRecording({
          ...aliceCall,
          recording: { ...aliceRecording, durationSeconds: Number.NaN },
        }),
      ).rejects.toThrow(/cannot be kept \(recording\.durationSeconds/);
      await expect(
        store.saveRecording({ ...bobCall, queue: '', recording: aliceRecording }),
      ).rejects.toThrow(/cannot be kept \(queue/);

      expect((await store.list()).map((v) => [v.id, v.state])).toEqual([[ALICE, 'requested']]);
      await store.close();
      store = await reopen();
      expect((await store.list()).map((v) => [v.id, v.state])).toEqual([[ALICE, 'requested']]);
    });
  });

  describe('saveTranscription', () => {
    const completed = {
      status: 'completed' as const,
      text: 'Please call me back',
      receivedAt: T0 + 40_000,
    };

    it('keeps the transcription on the voicemail', async () => {
      const { voicemail } = await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const saved = await store.saveTranscription(ALICE, completed);

      expect(saved).toEqual({ ...voicemail, transcription: completed });
      expect(await store.get(ALICE)).toEqual(saved);
    });

    it('a failed one is kept without text', async () => {
      await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const saved = await store.saveTranscription(ALICE, { status: 'failed', receivedAt: T0 + 1 });

      expect(saved?.transcription).toEqual({ status: 'failed', receivedAt: T0 + 1 });
    });

    it('a repeat changes nothing', async () => {
      await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const first = await store.saveTranscription(ALICE, completed);
      const again = await store.saveTranscription(ALICE, {
        ...completed,
        text: 'something else',
        receivedAt: T0 + 50_000,
      });

      expect(again).toEqual(first);
      expect(await store.get(ALICE)).toEqual(first);
    });

    it('for no such voicemail: undefined, and nothing is made', async () => {
      expect(await store.saveTranscription('vm-CAnobody', completed)).toBe(undefined);
      expect(await store.list()).toEqual([]);
    });
  });

  describe('markDone', () => {
    it('moves a new voicemail to done at the time given', async () => {
      const { voicemail } = await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const done = await store.markDone(ALICE, T0 + 60_000);

      expect(done).toEqual({ ...voicemail, state: 'done', doneAt: T0 + 60_000 });
      expect(await store.get(ALICE)).toEqual(done);
    });

    it('done again: returned as it is, the first time kept', async () => {
      await store.saveRecording({ ...aliceCall, recording: aliceRecording });
      const done = await store.markDone(ALICE, T0 + 60_000);

      expect(await store.markDone(ALICE, T0 + 90_000)).toEqual(done);
      expect((await store.get(ALICE))?.doneAt).toBe(T0 + 60_000);
    });

    it('clears a requested voicemail (a caller who left no message)', async () => {
      const { voicemail } = await store.request(aliceCall);

      expect(await store.markDone(ALICE, T0 + 60_000)).toEqual({
        ...voicemail,
        state: 'done',
        doneAt: T0 + 60_000,
      });
      expect((await store.get(ALICE))?.state).toBe('done');
    });

    it('no such voicemail: undefined', async () => {
      expect(await store.markDone('vm-CAnobody', T0)).toBe(undefined);
      expect(await store.get('vm-CAnobody')).toBe(undefined);
    });
  });

  it('lists newest first (ties by id), filtered by queue and state', async () => {
    await store.request(aliceCall);
    await store.request({ ...aliceCall, callerCallSid: 'CA0' });
    await store.saveRecording({ ...bobCall, recording: { ...aliceRecording, sid: 'RE2' } });
    await store.saveRecording({
      ...aliceCall,
      queue: 'sales',
      callerCallSid: 'CA3',
      requestedAt: T0 + 2000,
      recording: { ...aliceRecording, sid: 'RE3' },
    });
    await store.markDone('vm-CA3', T0 + 3000);

    expect((await store.list()).map((v) => v.id)).toEqual(['vm-CA3', BOB, 'vm-CA0', ALICE]);
    expect((await store.list({ queue: 'support' })).map((v) => v.id)).toEqual([
      BOB,
      'vm-CA0',
      ALICE,
    ]);
    expect((await store.list({ state: 'new' })).map((v) => v.id)).toEqual([BOB]);
    expect((await store.list({ queue: 'sales', state: 'done' })).map((v) => v.id)).toEqual([
      'vm-CA3',
    ]);
    expect(await store.list({ queue: 'sales', state: 'new' })).toEqual([]);
  });

  it('what resolved is there after a restart, and still idempotent', async () => {
    await store.request(aliceCall);
    await store.saveRecording({ ...aliceCall, recording: aliceRecording });
    await store.saveTranscription(ALICE, { status: 'failed', receivedAt: T0 + 30_000 });
    await store.markDone(ALICE, T0 + 60_000);
    await store.request(bobCall);
    const before = await store.list();
    await store.close();

    const restarted = await reopen();
    store = restarted;
    expect(await restarted.list()).toEqual(before);
    expect((await restarted.request(aliceCall)).created).toBe(false);
    expect(
      (await restarted.saveRecording({ ...aliceCall, recording: aliceRecording })).changed,
    ).toBe(false);
    expect((await restarted.get(ALICE))?.state).toBe('done');
  });
}
