import type { Server } from 'node:http';
import request from 'supertest';
import { SOLE_OWNER, type QueueService } from '../../src/dialer/queue-service.js';
import type { RunnerSettings } from '../../src/dialer/campaign-runner.js';
import {
  startEmulator,
  type CallOptionsInput,
  type Emulator,
  type StartEmulatorOptions,
} from '../../src/emulator/emulator.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import { EmbeddedAbandonedNumbers } from '../../src/outbound/embedded-abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../../src/outbound/abandonment-recording-store.js';
import type { CampaignStore } from '../../src/outbound/campaign-store.js';
import { startOutboundDialing } from '../../src/runtime/outbound-dialing.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { MemoryRepPresence } from '../../src/reps/rep-presence.js';
import { createMemoryPaces } from '../../src/twilio-rest/rate-limiter.js';
import { loadConfig } from '../../src/config.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { API_TOKEN, AUTH_TOKEN, buildTestApp } from '../support/test-app.js';
import { restAccess } from '../../src/sim/rest-access.js';

export const QUEUE = 'outbound-sales';
export const CALLER_ID = '+15005550006';
/** Calling hours are tested on their own; here the clock is real, so any hour must do. */
const ALL_DAY = { start: '00:00', end: '24:00' };
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';

export interface DialingHarness {
  readonly app: ReturnType<typeof buildTestApp>['app'];
  readonly emulator: Emulator;
  /** Records abandonments in `abandoned`, as a backend's store does. */
  readonly campaigns: CampaignStore;
  readonly optOuts: EmbeddedOptOutList;
  readonly abandoned: EmbeddedAbandonedNumbers;
  /** The control stream the queue service follows (callbacks start their campaigns on it). */
  readonly control: MemoryControlLog;
  readonly logs: ReturnType<typeof captureLogger>;
  readonly api: {
    post(path: string, body?: unknown): request.Test;
    get(path: string): request.Test;
  };
  /** Creates a campaign of `numbers` through the API (one attempt unless `settings` say) and starts it; its id. */
  startCampaign(
    name: string,
    numbers: readonly string[],
    settings?: Record<string, unknown>,
  ): Promise<string>;
  /** Resolves once the campaign is complete. */
  complete(id: string): Promise<void>;
  /** Stops the queue service (as a shutdown: campaigns stay as they are), the rest still up. */
  stopDialing(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A campaign end to end in real time on loopback: the app (API and webhooks) on a port, the
 * queue service dialing through the official SDK into the emulator, three reps parked on the
 * campaign's queue for the whole test (the rep loop's part), short periods.
 */
export async function startDialingHarness(
  options: {
    calls?: CallOptionsInput;
    studio?: StartEmulatorOptions['studio'];
    settings?: Partial<RunnerSettings>;
  } = {},
): Promise<DialingHarness> {
  const logs = captureLogger('debug');
  const port = await findFreePort();
  const emulator = await startEmulator({
    accountSid: ACCOUNT,
    authToken: AUTH_TOKEN,
    workspace: { queueNames: [QUEUE, 'customers'], seed: 1 },
    calls: {
      callsPerSecond: 20,
      ringMs: { minMs: 10, maxMs: 30 },
      talkMs: { minMs: 20, maxMs: 40 },
      noAnswerMs: 80,
      seed: 7,
      ...options.calls,
    },
    ...(options.studio === undefined ? {} : { studio: options.studio }),
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
  const abandoned = EmbeddedAbandonedNumbers.inMemory();
  const campaigns = new AbandonmentRecordingStore(
    await EmbeddedCampaignStore.open(undefined),
    abandoned,
    logs.logger,
  );
  const control = new MemoryControlLog();
  const optOuts = EmbeddedOptOutList.inMemory();
  const { app } = buildTestApp({
    env,
    clock: { now: () => Date.now() },
    outbound: { campaigns, control, repPresence, optOuts },
  });
  const server: Server = app.listen(port, '127.0.0.1');
  const service: QueueService = startOutboundDialing({
    config: loadConfig(env),
    logger: logs.logger,
    clock: { now: () => Date.now() },
    backend: {
      campaigns,
      control,
      campaignOwnership: SOLE_OWNER,
      paces: createMemoryPaces(),
      repPresence,
      optOuts,
      abandoned,
    },
    access: restAccess({
      accountSid: ACCOUNT,
      authToken: AUTH_TOKEN,
      apiBaseUrl: emulator.baseUrl,
    }),
    consumer: 'test',
    settings: {
      tickMs: 20,
      graceMs: 300,
      liveLimitMs: 300,
      throttledMinMs: 20,
      throttledMaxMs: 100,
      ...options.settings,
    },
  });
  const api = {
    post: (path: string, body?: unknown) =>
      request(app)
        .post(path)
        .set('Authorization', `Bearer ${API_TOKEN}`)
        .send(body as object),
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${API_TOKEN}`),
  };
  return {
    app,
    emulator,
    campaigns,
    optOuts,
    abandoned,
    control,
    logs,
    api,
    async startCampaign(name, numbers, settings = {}) {
      const created = await api.post('/api/campaigns', {
        name,
        settings: {
          targetQueue: QUEUE,
          callerId: CALLER_ID,
          message: 'This was Example Co.',
          maxAttempts: 1,
          callingWindow: ALL_DAY,
          ...settings,
        },
        csv: ['phone', ...numbers].join('\n'),
      });
      expect(created.status).toBe(201);
      const id = (created.body as { campaign: { id: string } }).campaign.id;
      expect((await api.post(`/api/campaigns/${id}/start`)).status).toBe(202);
      return id;
    },
    complete: (id) =>
      eventually(async () => expect((await campaigns.get(id))?.status).toBe('complete'), {
        withinMs: 15_000,
      }),
    stopDialing: () => service.stop(),
    async close() {
      await service.stop();
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    },
  };
}
