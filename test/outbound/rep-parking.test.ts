import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { MemoryRepPresence } from '../../src/reps/rep-presence.js';
import { NOW, buildTestApp } from '../support/test-app.js';
import { contacts, execution, SETTINGS } from './campaign-fixtures.js';

const QUEUE = SETTINGS.targetQueue;
const ENV = { QUEUES: `premium-customers,customers,${QUEUE}` };
const REP = { CallSid: 'CArep', From: '+15550001111' };

/** The rep loop while a campaign runs: reps with nothing to take wait on the campaign's queue. */
describe('rep parking', () => {
  async function setUp(status: 'running' | 'paused') {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    await campaigns.create(execution('CE1'), contacts(1));
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    if (status === 'paused') await campaigns.setStatus('CE1', ['running'], 'paused', undefined);
    const presence = new MemoryRepPresence();
    const test = buildTestApp({
      env: ENV,
      outbound: { campaigns, control: new MemoryControlLog(), repPresence: presence },
    });
    return { ...test, presence };
  }

  it('after an empty round, parks the rep on the running campaign for its ring time and a margin', async () => {
    const { post, presence } = await setUp('running');

    const parked = await post(`/rep-call-complete?queue=${QUEUE}`, {
      ...REP,
      DequeueResult: 'queue-empty',
    });

    expect(parked.text).toContain(`<Dial timeout="${SETTINGS.ringTimeoutSeconds + 10}"`);
    expect(parked.text).toContain(`queue=${QUEUE}&amp;parked=${QUEUE}`);
    expect(parked.text).toContain(`>${QUEUE}</Queue>`);
    expect(
      await presence.parkedThrough(QUEUE, NOW + (SETTINGS.ringTimeoutSeconds + 10) * 1000),
    ).toBe(1);
    expect(
      await presence.parkedThrough(QUEUE, NOW + (SETTINGS.ringTimeoutSeconds + 11) * 1000),
    ).toBe(0);
  });

  it('after the park, the rep leaves it and starts a new round at the top', async () => {
    const { post, presence } = await setUp('running');
    await post(`/rep-call-complete?queue=${QUEUE}`, { ...REP, DequeueResult: 'queue-empty' });

    const next = await post(`/rep-call-complete?queue=${QUEUE}&parked=${QUEUE}`, {
      ...REP,
      DequeueResult: 'queue-empty',
    });

    expect(next.text).toContain('>premium-customers</Queue>');
    expect(await presence.parkedThrough(QUEUE, NOW)).toBe(0);
  });

  it('a parked rep who takes a callee is no longer counted free, long before the call ends', async () => {
    const { post, presence } = await setUp('running');
    await post(`/rep-call-complete?queue=${QUEUE}`, { ...REP, DequeueResult: 'queue-empty' });
    expect(await presence.parkedThrough(QUEUE, NOW)).toBe(1);

    // The <Queue url> of the park's dial, on the callee's leg, at the take.
    const taken = await post(`/voice/dequeued?queue=${QUEUE}`, {
      CallSid: 'CAcallee',
      QueueTime: '0',
      DequeingCallSid: REP.CallSid,
    });

    expect(taken.status).toBe(200);
    expect(await presence.parkedThrough(QUEUE, NOW)).toBe(0);
  });

  it('with no campaign running, the rep rests as before', async () => {
    const { post, presence } = await setUp('paused');
    const rest = await post(`/rep-call-complete?queue=${QUEUE}`, {
      ...REP,
      DequeueResult: 'queue-empty',
    });
    expect(rest.text).toContain('<Pause');
    expect(rest.text).not.toContain('<Dial');
    expect(await presence.parkedThrough(QUEUE, NOW)).toBe(0);
  });
});
