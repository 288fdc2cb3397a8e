import type { CallRequest } from '../../src/dialer/call-placer.js';
import { createSdkCallPlacer } from '../../src/dialer/call-placer.js';
import { createStudioPlacer } from '../../src/dialer/studio-placer.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, sdkFor } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';

const FLOW = 'FW0123456789abcdef0123456789abcdef';
const NOW = Date.parse('2026-11-23T10:00:00Z');
const WINDOW = { from: NOW - 5_000, to: NOW + 5_000 };

function requestFor(to: string, attemptId = `c-${to}#1`): CallRequest {
  return {
    to,
    from: '+15005550006',
    answerUrl: `https://holdline.example/outbound/answer?campaign=camp&attempt=${attemptId}`,
    statusCallbackUrl: 'https://holdline.example/outbound/status',
    ringTimeoutSeconds: 25,
    campaignId: 'camp',
    contactId: `c-${to}`,
    attemptId,
    flowStatusUrl: 'https://holdline.example/callstatus',
  };
}

/**
 * The studio placer through the official SDK against the emulator: what each answer to an
 * execution create means, and how a lost one is found again.
 */
describe('the Studio placer', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let placer: ReturnType<typeof createStudioPlacer>;

  beforeEach(async () => {
    scheduler = createManualScheduler(NOW);
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler },
    });
    const creates = sdkFor(emulator, { retryLimit: 0 }).client;
    const reads = sdkFor(emulator).client;
    placer = createStudioPlacer({
      creates,
      reads,
      flowSid: FLOW,
      calls: createSdkCallPlacer({ creates, reads }),
    });
  });
  afterEach(() => emulator.close());

  it('placed: the execution started, with the attempt in its parameters; no call SID yet', async () => {
    const outcome = await placer.create(requestFor('+14155550101'));

    const [execution] = emulator.studio.list();
    expect(outcome).toEqual({ kind: 'placed', executionSid: execution!.sid });
    expect(execution).toMatchObject({ flowSid: FLOW, to: '+14155550101', from: '+15005550006' });
    expect(execution!.parameters).toEqual({
      execution: 'camp',
      contact: 'c-+14155550101',
      attempt: 'c-+14155550101#1',
      answer_url: requestFor('+14155550101').answerUrl,
      status_url: 'https://holdline.example/callstatus',
      ring_timeout: 25,
    });
  });

  it('engaged: a 409 (20409) while the contact has an active execution of the flow', async () => {
    await placer.create(requestFor('+14155550101', 'a#1'));

    const outcome = await placer.create(requestFor('+14155550101', 'a#2'));

    expect(outcome).toMatchObject({ kind: 'engaged', code: 20409 });
    expect(emulator.studio.list()).toHaveLength(1);
  });

  it('throttled: a 429, not retried by the creates client', async () => {
    emulator.faults.script({ kind: 'rate-limited', match: '/Executions$', method: 'POST' });

    expect(await placer.create(requestFor('+14155550101'))).toMatchObject({ kind: 'throttled' });
    expect(emulator.studio.list()).toHaveLength(0);
  });

  it('refused: another 4xx, with Twilio’s code', async () => {
    const outcome = await placer.create({ ...requestFor('+14155550101'), to: 'not a number' });

    expect(outcome).toMatchObject({ kind: 'refused', code: 20001 });
  });

  it.each(['server-error', 'drop'] as const)(
    'lost: the execution exists but the answer is a %s; findCreated finds it by its attempt',
    async (as) => {
      await placer.create(requestFor('+14155550102', 'other#1'));
      emulator.studio.faults.script({ kind: 'lost-answer', as });
      const mine = requestFor('+14155550101', 'mine#1');

      expect(await placer.create(mine)).toMatchObject({ kind: 'lost' });

      const execution = emulator.studio.list().find((e) => e.to === mine.to)!;
      expect(await placer.findCreated(mine, WINDOW, () => Promise.resolve(false))).toEqual({
        kind: 'call',
        call: expect.objectContaining({
          sid: execution.widgets.call?.CallSid,
          to: mine.to,
          status: 'queued',
        }) as unknown,
      });
      const later = { ...mine, attemptId: 'mine#2' };
      expect(await placer.findCreated(later, WINDOW, () => Promise.resolve(false))).toBe(undefined);
    },
  );

  it('findCreated: nothing outside the window, and nothing for another attempt of the contact', async () => {
    const first = requestFor('+14155550101', 'c#1');
    await placer.create(first);

    expect(
      await placer.findCreated(first, { from: NOW + 1_000, to: NOW + 60_000 }, () =>
        Promise.resolve(false),
      ),
    ).toBe(undefined);
    expect(
      await placer.findCreated(requestFor('+14155550101', 'c#2'), WINDOW, () =>
        Promise.resolve(false),
      ),
    ).toBe(undefined);
  });
});
