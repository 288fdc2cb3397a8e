import type { Server } from 'node:http';
import request from 'supertest';
import { SOLE_OWNER, type QueueService } from '../../src/dialer/queue-service.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import { startOutboundDialing } from '../../src/runtime/outbound-dialing.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { MemoryRepPresence } from '../../src/reps/rep-presence.js';
import { createMemoryPaces } from '../../src/twilio-rest/rate-limiter.js';
import { loadConfig } from '../../src/config.js';
import { captureLogger } from '../support/capture-logger.js';
import { sdkFor } from '../support/emulator-sdk.js';
import { eventually } from '../support/eventually.js';
import { API_TOKEN, AUTH_TOKEN, buildTestApp } from '../support/test-app.js';

const QUEUE = 'outbound-sales';
const ALL_DAY = { start: '00:00', end: '24:00' };
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const FLOW = 'FW0123456789abcdef0123456789abcdef';
const CALLER_ID = '+15005550006';

/**
 * A campaign with `dialVia: studio` end to end in real time on loopback: the queue service
 * starts one execution of the flow per attempt through the official SDK; the emulated flow
 * places the call, sends the answered callee to our answer URL, and posts the call's end to
 * /callstatus with the API token, as the template flow in docs/outbound.md does.
 */
describe('dialing a campaign through a Studio Flow', () => {
  let emulator: Emulator;
  let server: Server;
  let service: QueueService;
  let campaigns: EmbeddedCampaignStore;
  jest.setTimeout(30_000);

  /** `flowToken: null`: the flow's reports are refused (401), so only reconciliation settles. */
  async function setUp(options: { flowToken?: string | null } = {}) {
    const port = await findFreePort();
    emulator = await startEmulator({
      accountSid: ACCOUNT,
      authToken: AUTH_TOKEN,
      workspace: { queueNames: [QUEUE, 'customers'], seed: 1 },
      calls: {
        callsPerSecond: 20,
        ringMs: { minMs: 10, maxMs: 30 },
        talkMs: { minMs: 20, maxMs: 40 },
        noAnswerMs: 80,
        seed: 7,
      },
      studio: options.flowToken === null ? {} : { bearerToken: options.flowToken ?? API_TOKEN },
    });
    const env = {
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      QUEUES: `${QUEUE},customers`,
      OUTBOUND_ACCOUNT_CPS: '20',
    };
    const repPresence = new MemoryRepPresence();
    for (const rep of ['CArep1', 'CArep2', 'CArep3']) {
      await repPresence.park(rep, QUEUE, Date.now() + 3_600_000);
    }
    campaigns = await EmbeddedCampaignStore.open(undefined);
    const control = new MemoryControlLog();
    const optOuts = EmbeddedOptOutList.inMemory();
    const test = buildTestApp({
      env,
      clock: { now: () => Date.now() },
      outbound: { campaigns, control, repPresence, optOuts },
    });
    server = test.app.listen(port, '127.0.0.1');
    service = startOutboundDialing({
      config: loadConfig(env),
      logger: captureLogger('debug').logger,
      clock: { now: () => Date.now() },
      backend: {
        campaigns,
        control,
        campaignOwnership: SOLE_OWNER,
        paces: createMemoryPaces(),
        repPresence,
        optOuts,
      },
      access: {
        accountSid: ACCOUNT,
        authToken: AUTH_TOKEN,
        apiBaseUrl: emulator.baseUrl,
        workspaceSid: undefined,
        close: () => Promise.resolve(),
      },
      consumer: 'test',
      settings: {
        tickMs: 20,
        graceMs: 300,
        liveLimitMs: 2_000,
        throttledMinMs: 20,
        throttledMaxMs: 100,
      },
    });
    return test;
  }

  afterEach(async () => {
    await service.stop();
    await new Promise((resolve) => server.close(resolve));
    await emulator.close();
  });

  async function startCampaign(
    app: Parameters<typeof request>[0],
    numbers: readonly string[],
    settings: Record<string, unknown> = {},
  ) {
    const created = await request(app)
      .post('/api/campaigns')
      .set('Authorization', `Bearer ${API_TOKEN}`)
      .send({
        name: 'studio',
        settings: {
          targetQueue: QUEUE,
          callerId: CALLER_ID,
          message: 'This was Example Co.',
          maxAttempts: 1,
          callingWindow: ALL_DAY,
          dialVia: { kind: 'studio', flowSid: FLOW },
          ...settings,
        },
        csv: ['phone', ...numbers].join('\n'),
      });
    expect(created.status).toBe(201);
    const id = (created.body as { campaign: { id: string } }).campaign.id;
    const started = await request(app)
      .post(`/api/campaigns/${id}/start`)
      .set('Authorization', `Bearer ${API_TOKEN}`);
    expect(started.status).toBe(202);
    return id;
  }

  const complete = async (id: string) =>
    eventually(async () => expect((await campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });

  it('starts one execution per contact and ends each attempt with one disposition', async () => {
    const { app } = await setUp();
    const numbers = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
    emulator.calls.script(numbers[0]!, 'human');
    emulator.calls.script(numbers[1]!, 'busy');
    emulator.calls.script(numbers[2]!, 'noAnswer');
    emulator.calls.script(numbers[3]!, 'failed');
    const id = await startCampaign(app, numbers);

    await complete(id);
    const dispositions = await campaigns.dispositions(id);
    expect(Object.fromEntries(dispositions.map((d) => [d.phone, d.outcome]))).toEqual({
      [numbers[0]!]: 'abandoned', // answered through the flow's redirect; no rep took them
      [numbers[1]!]: 'busy',
      [numbers[2]!]: 'no-answer',
      [numbers[3]!]: 'failed',
    });
    // The call SIDs reached the attempts: the flow's calls, one per contact.
    const calls = emulator.calls.list();
    expect(calls.map((c) => c.request.to).sort()).toEqual([...numbers].sort());
    expect(dispositions.map((d) => d.callSid).sort()).toEqual(calls.map((c) => c.sid).sort());
    const executions = emulator.studio.list();
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
    await emulator.studio.settled();
    expect(emulator.studio.list().every((e) => e.status === 'ended')).toBe(true);
    expect(emulator.studio.list().flatMap((e) => e.reports.map((r) => r.status))).toEqual([
      202, 202, 202, 202,
    ]);
  });

  it('an execution create whose answer is lost is never sent again: the flow’s report settles it', async () => {
    const { app } = await setUp();
    emulator.studio.faults.script({ kind: 'lost-answer', times: 2 });
    const numbers = ['+14155550201', '+14155550202', '+14155550203'];
    for (const n of numbers) emulator.calls.script(n, 'busy');
    const id = await startCampaign(app, numbers);

    await complete(id);
    expect(
      emulator.studio
        .list()
        .map((e) => e.to)
        .sort(),
    ).toEqual([...numbers].sort());
    expect(emulator.calls.list()).toHaveLength(3);
    const dispositions = await campaigns.dispositions(id);
    expect(dispositions.map((d) => d.outcome)).toEqual(['busy', 'busy', 'busy']);
  });

  it('a create that failed before anything was made puts the contact back; it is dialed once', async () => {
    const { app } = await setUp();
    emulator.studio.faults.script({ kind: 'fail-before-create' });
    const numbers = ['+14155550301'];
    emulator.calls.script(numbers[0]!, 'busy');
    const id = await startCampaign(app, numbers);

    await complete(id);
    expect(emulator.studio.list()).toHaveLength(1);
    expect((await campaigns.dispositions(id)).map((d) => d.outcome)).toEqual(['busy']);
  });

  it('with the flow unheard, a lost create is found by its attempt in an execution Context', async () => {
    const { app } = await setUp({ flowToken: null });
    emulator.studio.faults.script({ kind: 'lost-answer', as: 'drop' });
    const numbers = ['+14155550401'];
    emulator.calls.script(numbers[0]!, 'busy');
    const id = await startCampaign(app, numbers);

    await complete(id);
    expect(emulator.studio.list()).toHaveLength(1);
    expect(emulator.studio.list()[0]!.reports.map((r) => r.status)).toEqual([401]);
    expect(emulator.requests.count(/\/Executions\/FN[0-9a-f]{32}\/Context$/)).toBeGreaterThan(0);
    const [disposition] = await campaigns.dispositions(id);
    expect(disposition).toMatchObject({ outcome: 'busy', callSid: emulator.calls.list()[0]!.sid });
  });

  it('a placed execution whose flow never reports: the live check reads the call from its Context', async () => {
    const { app } = await setUp({ flowToken: null });
    const numbers = ['+14155550501'];
    emulator.calls.script(numbers[0]!, 'noAnswer');
    const id = await startCampaign(app, numbers);

    await complete(id);
    expect(emulator.studio.list()).toHaveLength(1);
    const [disposition] = await campaigns.dispositions(id);
    expect(disposition).toMatchObject({
      outcome: 'no-answer',
      callSid: emulator.calls.list()[0]!.sid,
    });
  });

  it('a contact already in an execution of the flow is not dialed again: busy, retried later', async () => {
    const { app } = await setUp();
    const numbers = ['+14155550601'];
    // Someone else's execution for the contact, still active (its call rings a minute).
    emulator.calls.script(numbers[0]!, { outcome: 'busy', ringMs: 60_000 });
    const { client } = sdkFor(emulator, { authToken: AUTH_TOKEN });
    await client.studio.v2.flows(FLOW).executions.create({ to: numbers[0]!, from: CALLER_ID });
    const id = await startCampaign(app, numbers, { maxAttempts: 2, retryDelaySeconds: 60 });

    await eventually(async () =>
      expect((await campaigns.dispositions(id)).map((d) => [d.outcome, d.final])).toEqual([
        ['busy', false],
      ]),
    );
    expect((await campaigns.dispositions(id))[0]!.reason).toMatch(/^20409: /);
    expect(emulator.studio.list()).toHaveLength(1);
  });
});
