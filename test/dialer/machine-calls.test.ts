import { eventually } from '../support/eventually.js';
import { startDialingHarness, type DialingHarness } from './dialing-harness.js';

/**
 * Asynchronous answering-machine detection against the emulator, which plays the calls' TwiML:
 * an answered call goes into the campaign's queue at once, and when detection says a machine
 * took it the dialer redirects it to what the campaign does with machines.
 */
describe('a machine found out after the call went into the queue', () => {
  let h: DialingHarness;
  jest.setTimeout(30_000);
  afterEach(() => h.close());

  async function machineCampaign(onMachine: 'message' | 'retry', number: string) {
    h = await startDialingHarness({
      calls: { playTwiml: true, amdMs: { minMs: 300, maxMs: 300 } },
    });
    h.emulator.calls.script(number, { outcome: 'machine', talkMs: 20_000 }, 'busy');
    return h.startCampaign(`machines: ${onMachine}`, [number], {
      machineDetection: true,
      onMachine,
      maxAttempts: 2,
      retryDelaySeconds: 60,
    });
  }
  const machineRequests = (sid: string | undefined) =>
    h.emulator.calls.get(sid ?? '')?.webhooks.filter((w) => w.url.includes('/outbound/machine')) ??
    [];

  it('message: the call is taken out of the queue and hears the message, waiting for the beep', async () => {
    const id = await machineCampaign('message', '+14155550601');
    await eventually(() => expect(h.emulator.calls.list()).toHaveLength(1));
    const call = h.emulator.calls.list()[0];
    expect(call?.request.machineDetection).toBe('DetectMessageEnd');

    await eventually(() => expect(machineRequests(call?.sid)).toHaveLength(1));
    const redirected = h.emulator.calls.get(call?.sid ?? '');
    expect(redirected?.twiml).toContain('<Say');
    expect(redirected?.twiml).not.toContain('<Gather'); // a machine cannot press a key
    // It had gone into the queue first, as every answered call does, and left it for the redirect.
    expect(h.emulator.voice?.visits()[0]).toMatchObject({ callSid: call?.sid });
    await eventually(async () => expect((await h.campaigns.get(id))?.status).toBe('complete'));
    expect((await h.campaigns.dispositions(id)).map((d) => d.outcome)).toEqual(['machine']);
    expect(h.emulator.calls.list()).toHaveLength(1); // a message left is not a retry
  });

  it('retry: the call is hung up and the contact is called again later', async () => {
    const id = await machineCampaign('retry', '+14155550602');
    await eventually(() => expect(h.emulator.calls.list()).toHaveLength(1));
    const call = h.emulator.calls.list()[0];
    expect(call?.request.machineDetection).toBe('Enable');

    await eventually(() => expect(machineRequests(call?.sid)).toHaveLength(1));
    await eventually(() => expect(h.emulator.calls.get(call?.sid ?? '')?.status).toBe('completed'));
    expect(h.emulator.calls.get(call?.sid ?? '')?.twiml).toContain('<Hangup');
    await eventually(async () =>
      expect((await h.campaigns.dispositions(id)).map((d) => [d.outcome, d.final])).toEqual([
        ['machine', false], // the contact is due again after the retry delay
      ]),
    );
    expect((await h.campaigns.get(id))?.status).toBe('running');
  });
});
