import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callbackQueueName } from '../../src/callbacks/callback.js';
import type { QueueVisit } from '../../src/emulator/emulator.js';
import { startCallbackJourney, QUEUE } from '../support/callback-journey.js';
import { eventually } from '../support/eventually.js';

const A = '+14155550101';
const B = '+14155550102';
const C = '+14155550103';
const OUR_NUMBER = '+14155550000';
const REP_LINE = '+14155550199';

/**
 * A caller who takes a callback, end to end: the app listening, the emulator playing its TwiML
 * on a manual clock, the callback dialing's own look and the queue service dialing into the
 * emulator. A enters, B enters and presses 1 at the offer, C enters after B; one rep rings in.
 * B keeps their place: dialed only once A is no longer waiting, exactly once, and taken by
 * the rep after A and before C.
 */
describe('a caller who takes a callback keeps their place', () => {
  jest.setTimeout(60_000);
  let dataDir: string;
  let journey: Awaited<ReturnType<typeof startCallbackJourney>>;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-callback-journey-'));
    journey = await startCallbackJourney(dataDir);
  });
  afterEach(async () => {
    await journey.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const callIn = (from: string, caller?: { keys: { digits: string; heard: string }[] }) =>
    journey.voice.callIn({
      url: `${journey.baseUrl}/voice/incoming`,
      from,
      to: OUR_NUMBER,
      ...(caller === undefined ? {} : { caller }),
    });
  const visitOf = (sid: string, queue = QUEUE): QueueVisit | undefined =>
    journey.voice.visits().find((v) => v.callSid === sid && v.queue === queue);
  const callsTo = (phone: string) =>
    journey.emulator.calls.list().filter((call) => call.request.to === phone);
  const callbackState = async () => (await journey.life.callbacks.list())[0]?.state;

  it.each([
    ['in one process life', 'never'],
    ['across a restart between the press and the dial', 'before-dial'],
    ['across a restart once its call is placed, before the answer', 'while-ringing'],
  ] as const)('%s', async (_title, restart) => {
    // B answers the callback after 4 s of ringing and talks 20 s with the rep.
    journey.emulator.calls.script(B, { outcome: 'human', ringMs: 4_000, talkMs: 20_000 });
    const a = callIn(A);
    await journey.advance(5_000);
    const b = callIn(B, { keys: [{ digits: '1', heard: 'press 1' }] });
    await journey.advance(5_000);
    const c = callIn(C);
    // B presses 1 during the offer on their first wait turn, hears when, and leaves.
    await advanceUntil(() => visitOf(b.sid)?.result === 'leave');
    const [requested] = await journey.life.callbacks.list();
    expect(requested).toMatchObject({ id: `cb-${b.sid}`, phone: B, state: 'waiting' });
    // Their place: when they entered the queue (whole seconds of QueueTime), not the press.
    expect(requested?.enteredAt).toBe(visitOf(b.sid)?.joinedAt);
    if (restart === 'before-dial') await journey.restart();

    // A still waits (every poll says so), so every look since the press left B waiting.
    await journey.advance(20_000);
    expect(visitOf(a.sid)?.takenAt).toBeUndefined();
    // The stats the due rule reads: polled after the press, A (older than B's place) and C.
    const polled = journey.life.app.stats.currentSnapshot()?.queues[0];
    expect(polled?.fetchedAt).toBeGreaterThan(requested?.requestedAt ?? Infinity);
    expect(polled?.waitingCallers).toBe(2);
    expect((polled?.longestWaitSeconds ?? 0) * 1000).toBeGreaterThan(
      (polled?.fetchedAt ?? 0) - (requested?.enteredAt ?? 0),
    );
    expect(await callbackState()).toBe('waiting');
    expect(callsTo(B)).toEqual([]);

    // One rep rings in: the callback queue is empty, so the rep takes A.
    const rep = journey.voice.callIn({
      url: `${journey.baseUrl}/rep-call-complete`,
      from: '+14155552000',
      to: REP_LINE,
    });
    await journey.advance(3_000);
    expect(visitOf(a.sid)?.dequeuedBy).toBe(rep.sid);
    const aTakenAt = visitOf(a.sid)?.takenAt as number;

    // The next poll shows only C, who entered after B: the next look dials B.
    await advanceUntil(async () => (await callbackState()) === 'dialing', 20_000);
    await eventually(() => expect(callsTo(B)).toHaveLength(1), { withinMs: 10_000 });
    const [call] = callsTo(B);
    if (restart === 'while-ringing') await journey.restart();
    expect(call?.createdAt).toBeGreaterThan(aTakenAt);

    // B answers and holds in the callback queue (its wait turns) while the rep is still with A.
    await advanceUntil(() => visitOf(call?.sid ?? '', callbackQueueName(QUEUE)) !== undefined);
    await journey.advance(10_000);
    expect(visitOf(call?.sid ?? '', callbackQueueName(QUEUE))?.takenAt).toBeUndefined();
    expect(visitOf(c.sid)?.takenAt).toBeUndefined();

    // A hangs up: the rep's next round takes B before C.
    a.hangUp();
    await advanceUntil(() => visitOf(c.sid)?.takenAt !== undefined, 300_000);
    const callee = visitOf(call?.sid ?? '', callbackQueueName(QUEUE));
    expect(callee?.dequeuedBy).toBe(rep.sid);
    expect(callee?.takenAt).toBeLessThan(visitOf(c.sid)?.takenAt as number);

    await journey.advance(4_000);
    expect(callsTo(B)).toHaveLength(1);
    const listed = await journey.life.app.api('/api/callbacks');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      callbacks: [{ id: `cb-${b.sid}`, phone: B, state: 'connected', attempts: 1 }],
    });
    expect(
      (listed.body as { callbacks: { history: { state: string }[] }[] }).callbacks[0]?.history.map(
        (h) => h.state,
      ),
    ).toEqual(['waiting', 'dialing', 'dialing', 'connected']); // the second: its call counted
    c.hangUp();
    rep.hangUp();
  });

  // Known limit (docs/callbacks.md): B is dialed only once A is no longer waiting, so a rep who
  // is free again before B's callee is in the callback queue (the next poll, the look, the ring,
  // the greeting: up to about a minute) takes C first. This pins that; a fix changes it.
  it('known limit: when A’s call ends before B is back in line, the rep takes C first', async () => {
    journey.emulator.calls.script(B, { outcome: 'human', ringMs: 4_000, talkMs: 20_000 });
    const a = callIn(A);
    await journey.advance(5_000);
    const b = callIn(B, { keys: [{ digits: '1', heard: 'press 1' }] });
    await journey.advance(5_000);
    const c = callIn(C);
    await advanceUntil(() => visitOf(b.sid)?.result === 'leave');
    const rep = journey.voice.callIn({
      url: `${journey.baseUrl}/rep-call-complete`,
      from: '+14155552000',
      to: REP_LINE,
    });
    await advanceUntil(() => visitOf(a.sid)?.takenAt !== undefined);
    a.hangUp();
    await advanceUntil(() => visitOf(c.sid)?.takenAt !== undefined);
    expect(visitOf(c.sid)?.dequeuedBy).toBe(rep.sid);
    // Nobody from B's callback was in line when the rep took C.
    expect(journey.voice.visits().filter((v) => v.queue === callbackQueueName(QUEUE))).toEqual([]);
    c.hangUp();

    // B is still dialed once (C no longer waits either) and served when the rep is free.
    await advanceUntil(async () => (await callbackState()) === 'dialing', 20_000);
    await eventually(() => expect(callsTo(B)).toHaveLength(1), { withinMs: 10_000 });
    await advanceUntil(async () => (await callbackState()) === 'connected', 120_000);
    expect(callsTo(B)).toHaveLength(1);
    rep.hangUp();
  });

  /** Advances 100 ms at a time until `done`, at most `withinMs` of the manual clock. */
  async function advanceUntil(
    done: () => boolean | Promise<boolean>,
    withinMs = 60_000,
  ): Promise<void> {
    for (let waited = 0; !(await done()); waited += 100) {
      if (waited >= withinMs) throw new Error(`not done within ${withinMs} ms`);
      await journey.advance(100);
    }
  }
});
