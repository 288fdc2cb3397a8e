import { AUTH_TOKEN, API_TOKEN } from '../support/test-app.js';
import { sdkFor } from '../support/emulator-sdk.js';
import { eventually } from '../support/eventually.js';
import { CALLER_ID, startDialingHarness, type DialingHarness } from './dialing-harness.js';

const FLOW = 'FW0123456789abcdef0123456789abcdef';
const STUDIO = { dialVia: { kind: 'studio', flowSid: FLOW } };

/**
 * A campaign with `dialVia: studio` end to end in real time on loopback: the queue service
 * starts one execution of the flow per attempt through the official SDK; the emulated flow
 * places the call, sends the answered callee to our answer URL, and posts the call's end to
 * /callstatus with the API token, as the template flow in docs/outbound.md does.
 */
describe('dialing a campaign through a Studio Flow', () => {
  let h: DialingHarness;
  jest.setTimeout(30_000);

  /** `flowToken: null`: the flow's reports are refused (401), so only reconciliation settles. */
  async function setUp(options: { flowToken?: string | null; noAnswerMs?: number } = {}) {
    h = await startDialingHarness({
      ...(options.noAnswerMs === undefined ? {} : { calls: { noAnswerMs: options.noAnswerMs } }),
      studio: options.flowToken === null ? {} : { bearerToken: options.flowToken ?? API_TOKEN },
      settings: { liveLimitMs: 2_000 },
    });
  }

  afterEach(() => h.close());

  const startCampaign = (numbers: readonly string[], settings: Record<string, unknown> = {}) =>
    h.startCampaign('studio', numbers, { ...STUDIO, ...settings });

  it('starts one execution per contact and ends each attempt with one disposition', async () => {
    await setUp();
    const numbers = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
    h.emulator.calls.script(numbers[0]!, 'human');
    h.emulator.calls.script(numbers[1]!, 'busy');
    h.emulator.calls.script(numbers[2]!, 'noAnswer');
    h.emulator.calls.script(numbers[3]!, 'failed');
    const id = await startCampaign(numbers);

    await h.complete(id);
    const dispositions = await h.campaigns.dispositions(id);
    expect(Object.fromEntries(dispositions.map((d) => [d.phone, d.outcome]))).toEqual({
      [numbers[0]!]: 'abandoned', // answered through the flow's redirect; no rep took them
      [numbers[1]!]: 'busy',
      [numbers[2]!]: 'no-answer',
      [numbers[3]!]: 'failed',
    });
    // The call SIDs reached the attempts: the flow's calls, one per contact.
    const calls = h.emulator.calls.list();
    expect(calls.map((c) => c.request.to).sort()).toEqual([...numbers].sort());
    expect(dispositions.map((d) => d.callSid).sort()).toEqual(calls.map((c) => c.sid).sort());
    const executions = h.emulator.studio.list();
    expect(executions.map((e) => [e.flowSid, e.from]).sort()).toEqual(
      numbers.map(() => [FLOW, CALLER_ID]),
    );
    expect(executions.map((e) => e.to).sort()).toEqual([...numbers].sort());
    // Parameters carry the execution (campaign), the contact and the attempt.
    for (const execution of executions) {
      const disposition = dispositions.find((d) => d.phone === execution.to)!;
      expect(execution.parameters).toMatchObject({
        execution: id,
        contact: disposition.contactId,
        attempt: disposition.attemptId,
      });
    }
    // The answered call fetched our answer URL (the redirect), signed, and was enqueued.
    const answered = calls.find((c) => c.request.to === numbers[0])!;
    expect(answered.webhooks.find((w) => w.kind === 'url')?.body).toContain('<Enqueue');
    await h.emulator.studio.settled();
    expect(h.emulator.studio.list().every((e) => e.status === 'ended')).toBe(true);
    expect(h.emulator.studio.list().flatMap((e) => e.reports.map((r) => r.status))).toEqual([
      202, 202, 202, 202,
    ]);
  });

  it('an execution create whose answer is lost is never sent again: the flow’s report settles it', async () => {
    await setUp();
    h.emulator.studio.faults.script({ kind: 'lost-answer', times: 2 });
    const numbers = ['+14155550201', '+14155550202', '+14155550203'];
    for (const n of numbers) h.emulator.calls.script(n, 'busy');
    const id = await startCampaign(numbers);

    await h.complete(id);
    expect(
      h.emulator.studio
        .list()
        .map((e) => e.to)
        .sort(),
    ).toEqual([...numbers].sort());
    expect(h.emulator.calls.list()).toHaveLength(3);
    const dispositions = await h.campaigns.dispositions(id);
    expect(dispositions.map((d) => d.outcome)).toEqual(['busy', 'busy', 'busy']);
  });

  it('a create that failed before anything was made puts the contact back; it is dialed once', async () => {
    await setUp();
    h.emulator.studio.faults.script({ kind: 'fail-before-create' });
    const numbers = ['+14155550301'];
    h.emulator.calls.script(numbers[0]!, 'busy');
    const id = await startCampaign(numbers);

    await h.complete(id);
    expect(h.emulator.studio.list()).toHaveLength(1);
    expect((await h.campaigns.dispositions(id)).map((d) => d.outcome)).toEqual(['busy']);
  });

  it('with the flow unheard, a lost create is found by its attempt in an execution Context', async () => {
    await setUp({ flowToken: null });
    h.emulator.studio.faults.script({ kind: 'lost-answer', as: 'drop' });
    const numbers = ['+14155550401'];
    h.emulator.calls.script(numbers[0]!, 'busy');
    const id = await startCampaign(numbers);

    await h.complete(id);
    expect(h.emulator.studio.list()).toHaveLength(1);
    expect(h.emulator.studio.list()[0]!.reports.map((r) => r.status)).toEqual([401]);
    expect(h.emulator.requests.count(/\/Executions\/FN[0-9a-f]{32}\/Context$/)).toBeGreaterThan(0);
    const [disposition] = await h.campaigns.dispositions(id);
    expect(disposition).toMatchObject({
      outcome: 'busy',
      callSid: h.emulator.calls.list()[0]!.sid,
    });
  });

  it('a placed execution whose flow never reports: the live check reads the call from its Context', async () => {
    await setUp({ flowToken: null });
    const numbers = ['+14155550501'];
    h.emulator.calls.script(numbers[0]!, 'noAnswer');
    const id = await startCampaign(numbers);

    await h.complete(id);
    expect(h.emulator.studio.list()).toHaveLength(1);
    const [disposition] = await h.campaigns.dispositions(id);
    expect(disposition).toMatchObject({
      outcome: 'no-answer',
      callSid: h.emulator.calls.list()[0]!.sid,
    });
  });

  it('a contact already in an execution of the flow is not dialed again: busy, retried later', async () => {
    // The harness rings calls out after 80 ms; the other execution must outlast our create.
    await setUp({ noAnswerMs: 120_000 });
    const numbers = ['+14155550601'];
    // Someone else's execution for the contact, still active (its call rings a minute).
    h.emulator.calls.script(numbers[0]!, { outcome: 'busy', ringMs: 60_000 });
    const { client } = sdkFor(h.emulator, { authToken: AUTH_TOKEN });
    await client.studio.v2.flows(FLOW).executions.create({ to: numbers[0]!, from: CALLER_ID });
    const id = await startCampaign(numbers, { maxAttempts: 2, retryDelaySeconds: 60 });

    await eventually(async () =>
      expect((await h.campaigns.dispositions(id)).map((d) => [d.outcome, d.final])).toEqual([
        ['busy', false],
      ]),
    );
    expect((await h.campaigns.dispositions(id))[0]!.reason).toMatch(/^20409: /);
    expect(h.emulator.studio.list()).toHaveLength(1);
  });

  it('stop cancels the flow’s calls still ringing, though the flow has not named them yet', async () => {
    await setUp({ noAnswerMs: 600_000 });
    const numbers = ['+14155550701', '+14155550702'];
    for (const n of numbers) h.emulator.calls.script(n, { outcome: 'busy', ringMs: 60_000 });
    const id = await startCampaign(numbers);
    await eventually(() =>
      expect(h.emulator.calls.list().filter((c) => c.status === 'ringing')).toHaveLength(2),
    );
    expect((await h.campaigns.active(id)).map((a) => a.callSid)).toEqual([undefined, undefined]);

    expect((await h.api.post(`/api/campaigns/${id}/stop`)).status).toBe(202);

    await eventually(() =>
      expect(h.emulator.calls.list().map((c) => c.status)).toEqual(['canceled', 'canceled']),
    );
    // The flows report the canceled calls, which ends the attempts.
    await eventually(async () => expect((await h.campaigns.get(id))?.counts.active).toBe(0));
    expect((await h.campaigns.dispositions(id)).map((d) => d.outcome)).toEqual([
      'canceled',
      'canceled',
    ]);
  });
});
