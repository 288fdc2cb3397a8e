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
import { eventually } from '../support/eventually.js';
import { API_TOKEN, AUTH_TOKEN, buildTestApp } from '../support/test-app.js';

const QUEUE = 'outbound-sales';
/** Calling hours are tested on their own; here the clock is real, so any hour must do. */
const ALL_DAY = { start: '00:00', end: '24:00' };
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';

/**
 * A campaign end to end in real time on loopback: created and started through the API, dialed
 * by the queue service through the official SDK into the emulator, whose calls ring, answer or
 * fail and post their signed status callbacks to the app, as Twilio does.
 */
describe('dialing a campaign against the emulator', () => {
  let emulator: Emulator;
  let server: Server;
  let service: QueueService;
  let campaigns: EmbeddedCampaignStore;
  let optOuts: EmbeddedOptOutList;
  let outboundLog: ReturnType<typeof captureLogger>;
  jest.setTimeout(30_000);

  async function setUp(options: { lostAnswers?: number; noAnswerMs?: number } = {}) {
    outboundLog = captureLogger('debug');
    const port = await findFreePort();
    const publicBaseUrl = `http://127.0.0.1:${port}`;
    emulator = await startEmulator({
      accountSid: ACCOUNT,
      authToken: AUTH_TOKEN,
      workspace: { queueNames: [QUEUE, 'customers'], seed: 1 },
      calls: {
        callsPerSecond: 20,
        ringMs: { minMs: 10, maxMs: 30 },
        talkMs: { minMs: 20, maxMs: 40 },
        noAnswerMs: options.noAnswerMs ?? 80,
        seed: 7,
        ...(options.lostAnswers === undefined ? {} : { lostAnswerShare: options.lostAnswers }),
      },
    });
    const env = {
      PUBLIC_BASE_URL: publicBaseUrl,
      QUEUES: `${QUEUE},customers`,
      OUTBOUND_ACCOUNT_CPS: '20',
    };
    // Three reps parked on the campaign's queue for the whole test (the rep loop's part).
    const repPresence = new MemoryRepPresence();
    for (const rep of ['CArep1', 'CArep2', 'CArep3']) {
      await repPresence.park(rep, QUEUE, Date.now() + 3_600_000);
    }
    campaigns = await EmbeddedCampaignStore.open(undefined);
    const control = new MemoryControlLog();
    optOuts = EmbeddedOptOutList.inMemory();
    const test = buildTestApp({
      env,
      clock: { now: () => Date.now() },
      outbound: { campaigns, control, repPresence, optOuts },
    });
    server = test.app.listen(port, '127.0.0.1');
    service = startOutboundDialing({
      config: loadConfig(env),
      logger: outboundLog.logger,
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
        liveLimitMs: 300,
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

  const api = (app: Parameters<typeof request>[0]) => ({
    post: (path: string, body?: unknown) =>
      request(app)
        .post(path)
        .set('Authorization', `Bearer ${API_TOKEN}`)
        .send(body as object),
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${API_TOKEN}`),
  });

  /** Creates a one-attempt campaign of `numbers` through the API and starts it; its id. */
  async function startCampaign(
    app: Parameters<typeof request>[0],
    name: string,
    numbers: readonly string[],
  ) {
    const created = await api(app).post('/api/campaigns', {
      name,
      settings: {
        targetQueue: QUEUE,
        callerId: '+15005550006',
        message: 'This was Example Co.',
        maxAttempts: 1,
        callingWindow: ALL_DAY,
      },
      csv: ['phone', ...numbers].join('\n'),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { campaign: { id: string } }).campaign.id;
    expect((await api(app).post(`/api/campaigns/${id}/start`)).status).toBe(202);
    return id;
  }

  it('calls each contact once, ends each attempt with one disposition, and completes once', async () => {
    const { app } = await setUp();
    const numbers = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
    emulator.calls.script(numbers[0]!, 'human');
    emulator.calls.script(numbers[1]!, 'busy');
    emulator.calls.script(numbers[2]!, 'noAnswer');
    emulator.calls.script(numbers[3]!, 'failed');
    const id = await startCampaign(app, 'renewals', numbers);

    await eventually(async () => expect((await campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });
    const dispositions = await campaigns.dispositions(id);
    expect(Object.fromEntries(dispositions.map((d) => [d.phone, d.outcome]))).toEqual({
      [numbers[0]!]: 'abandoned', // answered, and no rep took them (the emulator has no reps)
      [numbers[1]!]: 'busy',
      [numbers[2]!]: 'no-answer',
      [numbers[3]!]: 'failed',
    });
    expect(
      emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([...numbers].sort());
    expect((await campaigns.queueEvents(id)).map((e) => e.event)).toEqual(['started', 'complete']);
    const progress = (await api(app).get(`/api/campaigns/${id}`)).body as {
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
    const { app } = await setUp();
    const numbers = ['+14155550301', '+14155550302', '+14155550303'];
    for (const n of numbers) emulator.calls.script(n, 'busy');
    await optOuts.add(numbers[1]!, { source: 'keypress', at: Date.now() });
    const id = await startCampaign(app, 'with an opt-out', numbers);

    await eventually(async () => expect((await campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });
    const dispositions = await campaigns.dispositions(id);
    expect(
      Object.fromEntries(dispositions.map((d) => [d.phone, [d.outcome, d.reason, d.final]])),
    ).toEqual({
      [numbers[0]!]: ['busy', undefined, true],
      [numbers[1]!]: ['do-not-call', 'on the opt-out list', true],
      [numbers[2]!]: ['busy', undefined, true],
    });
    expect(
      emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([numbers[0], numbers[2]]);
  });

  it('a create whose answer is lost is reconciled, never sent twice', async () => {
    const { app } = await setUp({ lostAnswers: 1 });
    const numbers = ['+14155550201', '+14155550202', '+14155550203'];
    for (const n of numbers) emulator.calls.script(n, 'busy');
    const id = await startCampaign(app, 'lost answers', numbers);

    await eventually(async () => expect((await campaigns.get(id))?.status).toBe('complete'), {
      withinMs: 15_000,
    });
    expect(emulator.calls.stats().lostAnswers).toBe(3);
    expect(
      emulator.calls
        .list()
        .map((c) => c.request.to)
        .sort(),
    ).toEqual([...numbers].sort());
    const dispositions = await campaigns.dispositions(id);
    expect(dispositions.map((d) => d.outcome)).toEqual(['busy', 'busy', 'busy']);
  });

  it('a pause while a batch is being dialed holds back the rest of the batch', async () => {
    const { app } = await setUp();
    const numbers = ['+14155550301', '+14155550302', '+14155550303'];
    for (const n of numbers) emulator.calls.script(n, 'busy');
    const release = emulator.calls.faults.holdCreates();
    const id = await startCampaign(app, 'paused mid-batch', numbers);
    // The first create of the batch of three is in the emulator's hands; the others wait.
    await eventually(() => expect(emulator.calls.inFlight).toBe(1));

    expect((await api(app).post(`/api/campaigns/${id}/pause`)).status).toBe(202);
    await eventually(async () => expect((await campaigns.get(id))?.status).toBe('paused'));
    release();

    await eventually(async () => expect((await campaigns.get(id))?.counts.active).toBe(0));
    expect(emulator.calls.list().map((c) => c.request.to)).toEqual([numbers[0]]);
    expect((await campaigns.get(id))?.counts).toMatchObject({ remaining: 2, dialed: 1 });
  });

  it('stop cancels the calls still ringing and publishes "stopped"', async () => {
    // Calls that ring until canceled, however long the stop takes to come.
    const { app } = await setUp({ noAnswerMs: 600_000 });
    const numbers = ['+14155550401', '+14155550402'];
    for (const n of numbers) emulator.calls.script(n, { outcome: 'busy', ringMs: 60_000 });
    const id = await startCampaign(app, 'stopped while ringing', numbers);
    await eventually(() =>
      expect(emulator.calls.list().filter((c) => c.status === 'ringing')).toHaveLength(2),
    );

    expect((await api(app).post(`/api/campaigns/${id}/stop`)).status).toBe(202);

    await eventually(() =>
      expect(emulator.calls.list().map((c) => c.status)).toEqual(['canceled', 'canceled']),
    );
    await eventually(async () => expect((await campaigns.get(id))?.counts.active).toBe(0));
    expect((await campaigns.queueEvents(id)).map((e) => e.event)).toEqual(['started', 'stopped']);
    expect((await campaigns.dispositions(id)).map((d) => d.outcome)).toEqual([
      'canceled',
      'canceled',
    ]);
  });
});
