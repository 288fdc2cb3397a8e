import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/logger.js';
import { createTwilioRestClient } from '../../src/twilio-rest/rest-client.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  doubleDials,
  scenarioCampaign,
  scenarioContacts,
  startFaultBursts,
  startScenarioEmulator,
  type Scenario,
  type Tally,
} from './campaign-scenario.js';

/** The original design polls its pacing stats once a second. */
const TURN_MS = 1_000;
/** A failed create is sent again, up to this many times, a moment later. */
const RETRIES = 3;
const RETRY_AFTER_MS = 100;
const HANG_UP = '<Response><Hangup/></Response>';

/**
 * The original "queue service" design's dialing, as its description reads: each turn takes as
 * many records from the contact cache as reps are free and dials every fetched record at once,
 * with no account-wide pace and no memory of what was sent; a create that fails is sent again.
 * Against the same emulator, contacts and faults as holdline's run (its own emulator instance).
 */
export async function runOriginal(scenario: Scenario): Promise<Tally> {
  const emulator = await startScenarioEmulator(scenario);
  // The SDK as the app has it, minus its pace and retries: this dialer retries on its own.
  const client = createTwilioRestClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiBaseUrl: emulator.baseUrl,
    timeoutMs: 10_000,
    retry: { retryLimit: 0, minBackoffMs: 0, maxBackoffMs: 0 },
    maxRetryAfterMs: 0,
    maxRequestsPerSecond: 1_000_000,
    logger: createLogger({ level: 'silent' }),
  });
  const campaign = scenarioCampaign('CE-original');
  const cache = scenarioContacts(scenario);
  const stopBursts = startFaultBursts(emulator, 5_000);
  const startedAt = performance.now();
  const dial = async (phone: string) => {
    for (let attempt = 0; attempt <= RETRIES; attempt += 1) {
      try {
        await client.calls.create({ to: phone, from: campaign.settings.callerId, twiml: HANG_UP });
        return;
      } catch {
        await sleep(RETRY_AFTER_MS);
      }
    }
  };
  try {
    while (cache.length > 0) {
      const turn = sleep(TURN_MS);
      const fetched = cache.splice(0, scenario.repsFree);
      await Promise.all(fetched.map((contact) => dial(contact.phone)));
      await turn;
    }
    const seconds = (performance.now() - startedAt) / 1000;
    stopBursts();
    const called = new Set(emulator.calls.list().map((call) => call.request.to));
    return {
      dialedTwice: doubleDials(emulator, campaign.settings.maxAttempts),
      // Given up after its retries with no call made: never dialed, and gone from the cache.
      lost: scenario.contacts - called.size,
      cpsMaxVsLimit: emulator.calls.stats().maxCreatesPerSecond / scenario.callsPerSecond,
      // It publishes "complete" once its cache is empty, whatever became of the calls.
      completeEvents: 1,
      seconds,
    };
  } finally {
    stopBursts();
    await emulator.close();
  }
}
