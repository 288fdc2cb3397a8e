import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createSeededRandom } from '../../src/lib/seeded-random.js';
import { createLogger } from '../../src/logger.js';
import { AbandonmentRecordingStore } from '../../src/outbound/abandonment-recording-store.js';
import { RedisAbandonedNumbers } from '../../src/outbound/redis-abandoned-numbers.js';
import { RedisCampaignStore } from '../../src/outbound/redis-campaign-store.js';
import { RedisControlLog } from '../../src/outbound/redis-control-log.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { startCampaignWebApp } from '../../src/sim/campaign-web-app.js';
import { startDialerProcess, type DialerProcess } from '../../src/sim/dialer-process.js';
import type { DialerSettings } from '../../src/sim/dialer-settings.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { progress } from './cli.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  doubleDials,
  QUEUE,
  scenarioCampaign,
  scenarioContacts,
  startFaultBursts,
  startScenarioEmulator,
  type Scenario,
  type Tally,
} from './campaign-scenario.js';

const CAMPAIGN = 'CE-faults';
const KILLS = 2;
/** Short periods, so that two crashes cost seconds: a lease outlives its dead owner by one. */
const DIALER: Omit<DialerSettings, 'consumer' | 'repsFree'> = {
  leaseMs: 1_000,
  runner: {
    tickMs: 50,
    graceMs: 1_500,
    liveLimitMs: 1_000,
    throttledMinMs: 100,
    throttledMaxMs: 1_000,
  },
  service: { adoptEveryMs: 250, claimAfterMs: 1_000 },
};

/**
 * holdline's dialer as Redis mode runs it: the dialing process (src/sim/dialer-cli.ts) killed
 * with SIGKILL at two seeded moments and started again at once under the same consumer name;
 * the web app (status callbacks) and the emulator in this process.
 */
export async function runHoldline(scenario: Scenario, redisUrl: string): Promise<Tally> {
  const prefix = `holdline-bench:${randomUUID()}:`;
  const redis = new Redis(redisUrl, failFastRedisOptions({ commandTimeoutMs: 10_000 }));
  redis.on('error', () => undefined);
  const reader = new Redis(redisUrl, { ...failFastRedisOptions(), commandTimeout: undefined });
  reader.on('error', () => undefined);
  const campaigns = new RedisCampaignStore({ redis, keyPrefix: prefix });
  const control = new RedisControlLog(redis, reader, prefix);
  const emulator = await startScenarioEmulator(scenario);
  const web = await startCampaignWebApp({
    port: await findFreePort(),
    authToken: AUTH_TOKEN,
    queues: [QUEUE],
    // As a web process's backend: the abandonments its webhooks end are recorded.
    campaigns: new AbandonmentRecordingStore(
      campaigns,
      new RedisAbandonedNumbers(redis, prefix),
      createLogger({ level: 'warn' }),
    ),
    control,
  });
  const env = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_API_BASE_URL: emulator.baseUrl,
    TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND: String(scenario.callsPerSecond * 10),
    PUBLIC_BASE_URL: web.baseUrl,
    QUEUES: QUEUE,
    OUTBOUND_ACCOUNT_CPS: String(scenario.callsPerSecond),
    OUTBOUND_CPS_SHARE_PERCENT: '100',
    LOG_LEVEL: process.env.DIALER_LOG_LEVEL ?? 'warn',
  };
  const settings: DialerSettings = { ...DIALER, consumer: 'dialer-1', repsFree: scenario.repsFree };
  let dialer: DialerProcess | undefined;
  try {
    const campaign = scenarioCampaign(CAMPAIGN);
    const contacts = scenarioContacts(scenario);
    await campaigns.create(campaign, contacts);
    dialer = await startDialerProcess(env, settings);
    // Two kills at seeded points of the run, counted in creates the emulator has seen.
    const random = createSeededRandom(scenario.seed);
    const killAt = [0.2 + random() * 0.25, 0.55 + random() * 0.25].map((share) =>
      Math.round(share * scenario.contacts),
    );
    const stopBursts = startFaultBursts(emulator, 5_000);
    const startedAt = performance.now();
    await control.append(CAMPAIGN, 'start');
    const deadline = Date.now() + ((scenario.contacts / scenario.callsPerSecond) * 5 + 30) * 1000;
    let kills = 0;
    while ((await campaigns.get(CAMPAIGN))?.status !== 'complete') {
      if (Date.now() > deadline) {
        throw new Error(`the campaign did not complete in time:\n${dialer.output()}`);
      }
      const creates = emulator.calls.stats().creates;
      if (kills < KILLS && creates >= killAt[kills]!) {
        progress(`SIGKILL to the dialing process (pid ${dialer.pid}) after ${creates} creates`);
        await dialer.kill();
        kills += 1;
        dialer = await startDialerProcess(env, settings);
      }
      await sleep(20);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    stopBursts();
    const record = await campaigns.get(CAMPAIGN);
    const finals = new Set(
      (await campaigns.dispositions(CAMPAIGN)).filter((d) => d.final).map((d) => d.contactId),
    );
    const events = await campaigns.queueEvents(CAMPAIGN);
    return {
      dialedTwice: doubleDials(emulator, campaign.settings.maxAttempts),
      lost: contacts.length - finals.size - (record?.counts.remaining ?? 0),
      cpsMaxVsLimit: emulator.calls.stats().maxCreatesPerSecond / scenario.callsPerSecond,
      completeEvents: events.filter((e) => e.event === 'complete').length,
      seconds,
    };
  } finally {
    await dialer?.stop();
    await web.stop();
    await emulator.close();
    await deleteKeys(redis, prefix);
    await control.close();
    redis.disconnect();
  }
}

/** This run's keys only (SCAN + UNLINK under its own prefix). */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
