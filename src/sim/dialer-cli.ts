import { Redis } from 'ioredis';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { RedisCampaignOwnership } from '../dialer/redis-campaign-ownership.js';
import { createLogger } from '../logger.js';
import { RedisCampaignStore } from '../outbound/redis-campaign-store.js';
import { RedisControlLog } from '../outbound/redis-control-log.js';
import { failFastRedisOptions } from '../redis/client-options.js';
import { startOutboundDialing } from '../runtime/outbound-dialing.js';
import { RedisOptOutList } from '../outbound/redis-opt-out-list.js';
import { RedisAbandonedNumbers } from '../outbound/redis-abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../outbound/abandonment-recording-store.js';
import { RedisRepPresence } from '../reps/redis-rep-presence.js';
import { createRedisPaces } from '../twilio-rest/redis-rate-limiter.js';
import { DIALER_READY, dialerSettingsFromEnv } from './dialer-settings.js';
import { restAccess } from './rest-access.js';

/**
 * A dialing process on its own, as a Redis-mode worker runs it (the campaign store, control
 * stream, campaign leases and the account-wide call pace all in Redis), with short periods and
 * a fixed number of reps free: what the crash tests and `bench:campaign-faults` kill with
 * SIGKILL and start again. Everything comes from the environment (the app's variables, and the
 * DIALER_* ones in dialer-settings.ts). It says DIALER_READY on stdout once it follows the
 * control stream, and stops on SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const settings = dialerSettingsFromEnv(process.env);
  const logger = createLogger({ level: config.logLevel });
  if (config.redis === undefined) throw new Error('the dialing process needs REDIS_URL');
  const { url, keyPrefix } = config.redis;
  const redis = new Redis(url, failFastRedisOptions());
  redis.on('error', () => undefined);
  const reader = new Redis(url, { ...failFastRedisOptions(), commandTimeout: undefined });
  reader.on('error', () => undefined);
  const queue = config.queues[0]!;
  // Reps parked never change here: pacing is the runner's own business, the crash is the test.
  const repPresence = new RedisRepPresence(redis, keyPrefix);
  for (let rep = 1; rep <= settings.repsFree; rep += 1) {
    await repPresence.park(`CArep${rep}`, queue, Date.now() + 24 * 3_600_000);
  }
  const control = new RedisControlLog(redis, reader, keyPrefix);
  const abandoned = new RedisAbandonedNumbers(redis, keyPrefix);
  const service = startOutboundDialing({
    config,
    logger,
    clock: systemClock,
    backend: {
      campaigns: new AbandonmentRecordingStore(
        new RedisCampaignStore({ redis, keyPrefix }),
        abandoned,
        logger,
      ),
      control,
      campaignOwnership: new RedisCampaignOwnership(redis, keyPrefix, settings.leaseMs),
      paces: createRedisPaces({ redis, keyPrefix, fallbackProcesses: 1, logger }),
      repPresence,
      optOuts: new RedisOptOutList(redis, keyPrefix),
      abandoned,
    },
    access: restAccess(config.twilio),
    consumer: settings.consumer,
    settings: settings.runner,
    service: settings.service,
  });
  process.stdout.write(`${DIALER_READY}\n`);
  process.once('SIGTERM', () => {
    void service.stop().finally(() => {
      void control.close();
      redis.disconnect();
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`dialing process failed: ${String(error)}\n`);
  process.exit(1);
});
