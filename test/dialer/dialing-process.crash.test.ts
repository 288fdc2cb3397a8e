import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { RedisCampaignOwnership } from '../../src/dialer/redis-campaign-ownership.js';
import type { QueueService } from '../../src/dialer/queue-service.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import type { Contact } from '../../src/outbound/contact.js';
import { RedisCampaignStore } from '../../src/outbound/redis-campaign-store.js';
import { CONTROL_GROUP, RedisControlLog } from '../../src/outbound/redis-control-log.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { startOutboundDialing } from '../../src/runtime/outbound-dialing.js';
import { startCampaignWebApp, type CampaignWebApp } from '../../src/sim/campaign-web-app.js';
import { startDialerProcess, type DialerProcess } from '../../src/sim/dialer-process.js';
import type { DialerSettings } from '../../src/sim/dialer-settings.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { RedisOptOutList } from '../../src/outbound/redis-opt-out-list.js';
import { RedisAbandonedNumbers } from '../../src/outbound/redis-abandoned-numbers.js';
import { RedisRepPresence } from '../../src/reps/redis-rep-presence.js';
import { createRedisPaces } from '../../src/twilio-rest/redis-rate-limiter.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';
import { AUTH_TOKEN } from '../support/test-app.js';
import { execution } from '../outbound/campaign-fixtures.js';
import { restAccess } from '../../src/sim/rest-access.js';

const QUEUE = 'outbound-sales';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const ALL_DAY = { start: '00:00', end: '24:00' };
const RUNNER = {
  tickMs: 20,
  graceMs: 500,
  liveLimitMs: 2_000,
  throttledMinMs: 20,
  throttledMaxMs: 100,
};

function contactsOf(prefix: string, n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `k${i + 1}`,
    phone: `+1415${prefix}${String(i).padStart(4, '0')}`,
  }));
}

/**
 * The dialing process as a Redis-mode worker runs it, killed with SIGKILL and started again:
 * whatever it was doing, no contact is dialed twice and the campaign completes once. The app
 * (status callbacks) and the emulator run in this process; the dialer in its own.
 */
describeWithRedis('a dialing process that dies', () => {
  const redisContext = useRedis();
  let emulator: Emulator;
  let web: CampaignWebApp;
  let redis: Redis;
  let campaigns: RedisCampaignStore;
  let control: RedisControlLog;
  let prefix: string;
  let env: Record<string, string>;
  let webOptions: Parameters<typeof startCampaignWebApp>[0];
  const dialers: DialerProcess[] = [];
  let service: QueueService | undefined;
  jest.setTimeout(60_000);

  beforeEach(async () => {
    prefix = redisContext.freshPrefix();
    redis = redisContext.connect(failFastRedisOptions());
    campaigns = new RedisCampaignStore({ redis, keyPrefix: prefix });
    control = new RedisControlLog(
      redis,
      redisContext.connect({ ...failFastRedisOptions(), commandTimeout: undefined }),
      prefix,
    );
    const port = await findFreePort();
    emulator = await startEmulator({
      accountSid: ACCOUNT,
      authToken: AUTH_TOKEN,
      workspace: { queueNames: [QUEUE], seed: 1 },
      calls: {
        callsPerSecond: 50,
        outcomes: { busy: 1 },
        ringMs: { minMs: 10, maxMs: 30 },
        seed: 3,
      },
    });
    webOptions = { port, authToken: AUTH_TOKEN, queues: [QUEUE], campaigns, control };
    web = await startCampaignWebApp(webOptions);
    env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: emulator.baseUrl,
      TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND: '100',
      PUBLIC_BASE_URL: web.baseUrl,
      QUEUES: QUEUE,
      OUTBOUND_ACCOUNT_CPS: '50',
      LOG_LEVEL: 'info',
    };
  });

  afterEach(async () => {
    await Promise.all(dialers.splice(0).map((d) => d.kill()));
    await service?.stop();
    service = undefined;
    await web.stop();
    await emulator.close();
  });

  const settings = (consumer: string): DialerSettings => ({
    consumer,
    repsFree: 3,
    leaseMs: 1_000,
    runner: RUNNER,
    service: { adoptEveryMs: 200, claimAfterMs: 500 },
  });

  async function dialer(consumer: string): Promise<DialerProcess> {
    const started = await startDialerProcess(env, settings(consumer));
    dialers.push(started);
    return started;
  }

  /** Every call the emulator was asked to create, by number. */
  const callsByNumber = () => {
    const counts = new Map<string, number>();
    for (const call of emulator.calls.list()) {
      counts.set(call.request.to, (counts.get(call.request.to) ?? 0) + 1);
    }
    return counts;
  };

  it('killed while a create is in flight, the restarted process reconciles it: each contact called once, complete once', async () => {
    const contacts = contactsOf('666', 6);
    await campaigns.create(
      execution('CE-crash', { maxAttempts: 1, callingWindow: ALL_DAY }),
      contacts,
    );
    const release = emulator.calls.faults.holdCreates();
    const first = await dialer('dialer-1');
    await control.append('CE-crash', 'start');

    // The first create is in the emulator's hands, its attempt durably `dialing`: then the crash.
    await eventually(async () => {
      expect(emulator.calls.inFlight).toBe(1);
      expect((await campaigns.active('CE-crash')).map((a) => a.state)).toContain('dialing');
    });
    await first.kill();
    // Twilio goes on with a create whose client is gone: the call exists, its answer is lost,
    // and with the web process down too its callbacks are lost: only reconciliation can tell.
    await web.stop();
    release();
    await eventually(() => expect(emulator.calls.list()).toHaveLength(1));
    // initiated, ringing, busy: each posted to nobody.
    await eventually(() => expect(emulator.calls.list()[0]!.webhooks).toHaveLength(3), {
      withinMs: 10_000,
    });
    web = await startCampaignWebApp(webOptions);

    await dialer('dialer-1');
    await eventually(
      async () => expect((await campaigns.get('CE-crash'))?.status).toBe('complete'),
      { withinMs: 30_000 },
    );

    expect([...callsByNumber().entries()].sort()).toEqual(contacts.map((c) => [c.phone, 1]).sort());
    const dispositions = await campaigns.dispositions('CE-crash');
    expect(dispositions.map((d) => d.contactId).sort()).toEqual(contacts.map((c) => c.id).sort());
    expect(dispositions.every((d) => d.outcome === 'busy' && d.final)).toBe(true);
    expect((await campaigns.queueEvents('CE-crash')).map((e) => e.event)).toEqual([
      'started',
      'complete',
    ]);
  });

  it('a start command its consumer read and died with is claimed by another (XAUTOCLAIM) and applied once', async () => {
    const contacts = contactsOf('777', 3);
    await campaigns.create(
      execution('CE-claim', { maxAttempts: 1, callingWindow: ALL_DAY }),
      contacts,
    );
    await control.append('CE-claim', 'start');
    // Consumer A takes the entry and dies before acting on it: it stays pending, A's.
    const taken = await control.read('dialer-a', 100);
    expect(taken.map((e) => e.command)).toEqual(['start']);
    expect((await campaigns.get('CE-claim'))?.status).toBe('ready');

    // Consumer B, in this process: its first read finds nothing new; the claim finds A's entry.
    const { logger } = captureLogger('debug');
    const config = loadConfig(env);
    service = startOutboundDialing({
      config,
      logger,
      clock: { now: () => Date.now() },
      backend: {
        campaigns,
        control,
        campaignOwnership: new RedisCampaignOwnership(redis, prefix, 1_000),
        paces: createRedisPaces({ redis, keyPrefix: prefix, fallbackProcesses: 1, logger }),
        repPresence: await parkedReps(redis, prefix, 3),
        optOuts: new RedisOptOutList(redis, prefix),
        abandoned: new RedisAbandonedNumbers(redis, prefix),
      },
      access: restAccess({
        accountSid: ACCOUNT,
        authToken: AUTH_TOKEN,
        apiBaseUrl: emulator.baseUrl,
      }),
      consumer: 'dialer-b',
      settings: RUNNER,
      service: { adoptEveryMs: 100, claimAfterMs: 300 },
    });

    await eventually(
      async () => expect((await campaigns.get('CE-claim'))?.status).toBe('complete'),
      { withinMs: 20_000 },
    );
    expect((await campaigns.queueEvents('CE-claim')).map((e) => e.event)).toEqual([
      'started',
      'complete',
    ]);
    // Acknowledged by B once applied: nothing is pending in the group any more.
    const [pending] = (await redis.xpending(`${prefix}queue_control_stream`, CONTROL_GROUP)) as [
      number,
    ];
    expect(pending).toBe(0);
    expect([...callsByNumber().values()]).toEqual([1, 1, 1]);
  });
});

/** `count` reps parked on the campaign's queue for the whole test (the rep loop's part). */
async function parkedReps(redis: Redis, prefix: string, count: number): Promise<RedisRepPresence> {
  const presence = new RedisRepPresence(redis, prefix);
  for (let rep = 1; rep <= count; rep += 1) {
    await presence.park(`CArep${rep}`, QUEUE, Date.now() + 3_600_000);
  }
  return presence;
}
