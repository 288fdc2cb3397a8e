import { eventually } from '../support/eventually.js';
import { startDialingHarness, type DialingHarness } from './dialing-harness.js';

/**
 * A campaign end to end in real time on loopback: created and started through the API, dialed
 * by the queue service through the official SDK into the emulator, whose calls ring, answer or
 * fail and post their signed status callbacks to the app, as Twilio does.
 */
describe('dialing a campaign against the emulator', () => {
  let h: DialingHarness;
  jest.setTimeout(30_000);

  async function setUp(options: { lostAnswers?: number; noAnswerMs?: number } = {}) {
    h = await startDialingHarness({
      calls: {
        ...(options.noAnswerMs === undefined ? {} : { noAnswerMs: options.noAnswerMs }),
        ...(options.lostAnswers === undefined ? {} : { lostAnswerShare: options.lostAnswers }),
      },
    });
  }

  afterEach(() => h.close());

  it('calls each contact once, ends each attempt with one disposition, and completes once', async () => {
    await setUp();
    const numbers = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
    h.emulator.calls.script(numbers[0]!, 'human');
    h.emulator.calls.script(numbers[1]!, 'busy');
    h.emulator.calls.script(numbers[2]!, 'noAnswer');
    h.emulator.calls.script(numbers[3]!, 'failed');
    const id = await h.startCampaign('renewals', numbers);

    await eventually(async () => expect((await h.campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });
    const dispositions = await h.campaigns.dispositions(id);
    expect(Object.fromEntries(dispositions.map((d) => [d.phone, d.outcome]))).toEqual({
      [numbers[0]!]: 'abandoned', // answered, and no rep took them (the emulator has no reps)
      [numbers[1]!]: 'busy',
      [numbers[2]!]: 'no-answer',
      [numbers[3]!]: 'failed',
    });
    expect(
      h.emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([...numbers].sort());
    expect((await h.campaigns.queueEvents(id)).map((e) => e.event)).toEqual([
      'started',
      'complete',
    ]);
    const progress = (await h.api.get(`/api/campaigns/${id}`)).body as {
      progress: Record<string, number>;
    };
    expect(progress.progress).toMatchObject({
      total: 4,
      dialed: 4,
      active: 0,
      remaining: 0,
      finished: 4,
    });
  });

  it('a number on the opt-out list is never dialed: its attempt ends do-not-call', async () => {
    await setUp();
    const numbers = ['+14155550301', '+14155550302', '+14155550303'];
    for (const n of numbers) h.emulator.calls.script(n, 'busy');
    await h.optOuts.add(numbers[1]!, { source: 'keypress', at: Date.now() });
    const id = await h.startCampaign('with an opt-out', numbers);

    await eventually(async () => expect((await h.campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });
    const dispositions = await h.campaigns.dispositions(id);
    expect(
      Object.fromEntries(dispositions.map((d) => [d.phone, [d.outcome, d.reason, d.final]])),
    ).toEqual({
      [numbers[0]!]: ['busy', undefined, true],
      [numbers[1]!]: ['do-not-call', 'on the opt-out list', true],
      [numbers[2]!]: ['busy', undefined, true],
    });
    expect(
      h.emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([numbers[0], numbers[2]]);
  });

  it('a create whose answer is lost is reconciled, never sent twice', async () => {
    await setUp({ lostAnswers: 1 });
    const numbers = ['+14155550201', '+14155550202', '+14155550203'];
    for (const n of numbers) h.emulator.calls.script(n, 'busy');
    const id = await h.startCampaign('lost answers', numbers);

    await eventually(async () => expect((await h.campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });
    expect(h.emulator.calls.stats().lostAnswers).toBe(3);
    expect(
      h.emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([...numbers].sort());
    const dispositions = await h.campaigns.dispositions(id);
    expect(dispositions.map((d) => d.outcome)).toEqual(['busy', 'busy', 'busy']);
  });

  it('a pause while a batch is being dialed holds back the rest of the batch', async () => {
    await setUp();
    const numbers = ['+14155550301', '+14155550302', '+14155550303'];
    for (const n of numbers) h.emulator.calls.script(n, 'busy');
    const release = h.emulator.calls.faults.holdCreates();
    const id = await h.startCampaign('paused mid-batch', numbers);
    // The first create of the batch of three is in the emulator's hands; the others wait.
    await eventually(() => expect(h.emulator.calls.inFlight).toBe(1));

    expect((await h.api.post(`/api/campaigns/${id}/pause`)).status).toBe(202);
    await eventually(async () => expect((await h.campaigns.get(id))?.status).toBe('paused'));
    release();

    await eventually(async () => expect((await h.campaigns.get(id))?.counts.active).toBe(0));
    expect(h.emulator.calls.list().map((c) => c.request.to)).toEqual([numbers[0]]);
    expect((await h.campaigns.get(id))?.counts).toMatchObject({ remaining: 2, dialed: 1 });
  });

  it('stop cancels the calls still ringing and publishes "stopped"', async () => {
    // Calls that ring until canceled, however long the stop takes to come.
    await setUp({ noAnswerMs: 600_000 });
    const numbers = ['+14155550401', '+14155550402'];
    for (const n of numbers) h.emulator.calls.script(n, { outcome: 'busy', ringMs: 60_000 });
    const id = await h.startCampaign('stopped while ringing', numbers);
    await eventually(() =>
      expect(h.emulator.calls.list().filter((c) => c.status === 'ringing')).toHaveLength(2),
    );

    expect((await h.api.post(`/api/campaigns/${id}/stop`)).status).toBe(202);

    await eventually(() =>
      expect(h.emulator.calls.list().map((c) => c.status)).toEqual(['canceled', 'canceled']),
    );
    await eventually(async () => expect((await h.campaigns.get(id))?.counts.active).toBe(0));
    expect((await h.campaigns.queueEvents(id)).map((e) => e.event)).toEqual(['started', 'stopped']);
    expect((await h.campaigns.dispositions(id)).map((d) => d.outcome)).toEqual([
      'canceled',
      'canceled',
    ]);
  });

  it('a predictive campaign with nothing answered yet risks no abandon: one call per parked rep', async () => {
    await setUp({ noAnswerMs: 600_000 });
    const numbers = Array.from({ length: 6 }, (_, i) => `+1415555070${i}`);
    for (const n of numbers) h.emulator.calls.script(n, { outcome: 'busy', ringMs: 60_000 });
    const id = await h.startCampaign('predictive, cold start', numbers, {
      pacing: { mode: 'predictive', abandonTarget: 0.02 },
    });
    // The harness parks three reps: three calls, ringing through many of the runner's turns.
    await eventually(() =>
      expect(h.emulator.calls.list().filter((c) => c.status === 'ringing')).toHaveLength(3),
    );
    // Three calls for three reps: a dial level of 1, written by the runner for the API.
    await eventually(async () =>
      expect((await h.campaigns.get(id))?.pacingState?.dialLevel).toBe(1),
    );
    expect((await h.api.post(`/api/campaigns/${id}/stop`)).status).toBe(202);
    await eventually(async () => expect((await h.campaigns.get(id))?.counts.active).toBe(0));

    expect(h.emulator.calls.list()).toHaveLength(3);
    expect((await h.campaigns.get(id))?.counts.dialed).toBe(3);
  });
});

/**
 * Ofcom's rule across campaigns: a number whose call was abandoned is not called again within
 * 72 hours, by any campaign; its contact waits in the cache for the end of the 72 hours.
 */
describe('an abandoned number, dialed by the next campaign', () => {
  let h: DialingHarness;
  jest.setTimeout(30_000);

  beforeEach(async () => {
    h = await startDialingHarness();
  });
  afterEach(() => h.close());

  it('is held back for 72 hours while the other contacts are dialed', async () => {
    const abandonedNumber = '+14155550501';
    const others = ['+14155550502', '+14155550503'];
    // Answered by a person, and no rep takes them (the emulator has none): abandoned.
    h.emulator.calls.script(abandonedNumber, 'human');
    for (const n of others) h.emulator.calls.script(n, 'busy');
    const first = await h.startCampaign('first', [abandonedNumber]);
    await h.complete(first);
    const [abandonment] = await h.campaigns.dispositions(first);
    expect(abandonment).toMatchObject({ phone: abandonedNumber, outcome: 'abandoned' });

    const second = await h.startCampaign('second, right after', [abandonedNumber, ...others]);

    await eventually(async () =>
      expect((await h.campaigns.dispositions(second)).map((d) => d.phone).sort()).toEqual(others),
    );
    // The first campaign's call only.
    expect(
      h.emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([abandonedNumber, ...others]);
    await eventually(async () =>
      expect((await h.campaigns.get(second))?.counts).toMatchObject({
        remaining: 1,
        active: 0,
        dialed: 2,
      }),
    );
    expect((await h.campaigns.get(second))?.status).toBe('running');
    // The contact is back in the cache, due when the 72 hours end and not a millisecond before.
    await h.stopDialing();
    const dueAt = abandonment!.at + 72 * 3_600_000;
    expect(await h.campaigns.claim(second, 5, dueAt - 1)).toEqual([]);
    const due = await h.campaigns.claim(second, 5, dueAt);
    const phones = await Promise.all(due.map((a) => h.campaigns.contact(second, a.contactId)));
    expect(phones.map((c) => c?.phone)).toEqual([abandonedNumber]);
  });
});
