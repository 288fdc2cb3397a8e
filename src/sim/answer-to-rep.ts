import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { SOLE_OWNER } from '../dialer/queue-service.js';
import { startEmulator, type QueueVisit } from '../emulator/emulator.js';
import { createLogger } from '../logger.js';
import { MemoryControlLog } from '../outbound/control-log.js';
import { EmbeddedCampaignStore } from '../outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../outbound/embedded-opt-out-list.js';
import { EmbeddedAbandonedNumbers } from '../outbound/embedded-abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../outbound/abandonment-recording-store.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import { MemoryRepPresence, type RepPresence } from '../reps/rep-presence.js';
import { startOutboundDialing } from '../runtime/outbound-dialing.js';
import { createMemoryPaces } from '../twilio-rest/rate-limiter.js';
import { scriptPeople } from './answer-to-rep-people.js';
import { tallyAnswerToRep, type AnswerToRepResult } from './answer-to-rep-tally.js';
import { startCampaignWebApp } from './campaign-web-app.js';
import { findFreePort } from './free-port.js';
import { restAccess } from './rest-access.js';

/**
 * One outbound campaign played end to end in real time, as Twilio drives the app: the emulator
 * rings reps into the rep loop and plays every TwiML answer (the callee's <Enqueue> and wait
 * URL, the rep's <Dial><Queue>), the queue service dials through the SDK, and the callee's
 * answer-to-rep time is read off the emulator's own record of each queue visit.
 */
export interface AnswerToRepScenario {
  readonly reps: number;
  readonly contacts: number;
  readonly callsPerSecond: number;
  readonly seed: number;
  /**
   * true: holdline's rep loop (reps with nothing to take wait on the campaign's queue);
   * false: the rep loop before campaigns (one-second dials, rests), with the dialer told of
   * every rep not on a call — one call per such rep, as a progressive dialer reading
   * TaskRouter's available workers would.
   */
  readonly parkReps: boolean;
  /** The campaign's pacing: progressive (the default), or predictive at the default target. */
  readonly pacing?: 'progressive' | 'predictive';
  /** The campaign's ring timeout (a no-answer rings this long); the campaign default if unset. */
  readonly ringTimeoutSeconds?: number;
  /** Who answers, as weights (the emulator's mix, drawn per contact: see scriptPeople). */
  readonly outcomes: {
    human: number;
    machine?: number;
    busy?: number;
    noAnswer?: number;
    failed?: number;
  };
  readonly ringMs: { minMs: number; maxMs: number };
  readonly talkMs: { minMs: number; maxMs: number };
  /** Gives up (and says so) after this long. */
  readonly timeoutMs: number;
  /** Told of the campaign's progress every few seconds (a long run's sign of life). */
  readonly onProgress?: (progress: string) => void;
}

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'answer-to-rep-auth-token-0123456789';
const API_TOKEN = 'answer-to-rep-api-token-0123456789';
const INBOUND_QUEUE = 'customers';
const CAMPAIGN_QUEUE = 'outbound-sales';
const REP_LINE = '+14155550199';
const CALLER_ID = '+15005550006';
const ALL_DAY = { start: '00:00', end: '24:00' };
const PROGRESS_EVERY_MS = 10_000;

export async function runAnswerToRep(scenario: AnswerToRepScenario): Promise<AnswerToRepResult> {
  const startedAt = Date.now();
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Inbound first, as a contact center orders them: reps check it at every round.
  const queues = [INBOUND_QUEUE, CAMPAIGN_QUEUE];
  const env = {
    PUBLIC_BASE_URL: baseUrl,
    QUEUES: queues.join(','),
    OUTBOUND_ACCOUNT_CPS: String(scenario.callsPerSecond),
  };
  const emulator = await startEmulator({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    workspace: { queueNames: queues, seed: scenario.seed },
    calls: {
      playTwiml: true,
      callsPerSecond: scenario.callsPerSecond,
      outcomes: { machine: 0, busy: 0, noAnswer: 0, ...scenario.outcomes },
      ringMs: scenario.ringMs,
      talkMs: scenario.talkMs,
      seed: scenario.seed,
    },
  });
  const logger = createLogger({ level: 'warn' });
  const abandoned = EmbeddedAbandonedNumbers.inMemory();
  const campaigns = new AbandonmentRecordingStore(
    await EmbeddedCampaignStore.open(undefined),
    abandoned,
    logger,
  );
  const control = new MemoryControlLog();
  const voice = emulator.voice;
  if (voice === undefined) throw new Error('the emulator plays TwiML in this run');
  const repSids: string[] = [];
  const presence: RepPresence = scenario.parkReps
    ? new MemoryRepPresence()
    : new RepsNotOnACall(repSids, () => voice.visits());
  const web = await startCampaignWebApp({
    port,
    authToken: AUTH_TOKEN,
    queues,
    campaigns,
    control,
    repPresence: presence,
    parkReps: scenario.parkReps,
    apiToken: API_TOKEN,
  });
  const dialing = startOutboundDialing({
    config: loadConfig(env),
    logger,
    clock: systemClock,
    backend: {
      campaigns,
      control,
      campaignOwnership: SOLE_OWNER,
      paces: createMemoryPaces(),
      repPresence: presence,
      optOuts: EmbeddedOptOutList.inMemory(),
      abandoned,
    },
    access: restAccess({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      apiBaseUrl: emulator.baseUrl,
    }),
    consumer: 'answer-to-rep',
  });
  const reps = Array.from({ length: scenario.reps }, (_, i) =>
    voice.callIn({
      url: `${baseUrl}/rep-call-complete`,
      from: `+1415555${String(2000 + i)}`,
      to: REP_LINE,
    }),
  );
  repSids.push(...reps.map((rep) => rep.sid));
  const phones = Array.from({ length: scenario.contacts }, (_, i) => `+1415555${String(1000 + i)}`);
  scriptPeople(emulator.calls, phones, scenario);
  try {
    const id = await startCampaign(baseUrl, phones, scenario);
    await untilComplete(campaigns, id, startedAt + scenario.timeoutMs, scenario.onProgress);
    await emulator.calls.settled();
    return tallyAnswerToRep({
      calls: emulator.calls.list(),
      visits: voice.visits(),
      ended: await campaigns.dispositions(id),
      reps: scenario.reps,
      startedAt,
      now: Date.now(),
    });
  } finally {
    for (const rep of reps) rep.hangUp();
    await dialing.stop();
    await web.stop();
    await emulator.close();
    await campaigns.close();
  }
}

/**
 * The baseline's free reps, as a progressive dialer reading TaskRouter's available workers sees
 * them: every rep logged in who is not on a call (by the emulator's record of bridges). The rep
 * loop itself parks no one in the baseline.
 */
class RepsNotOnACall implements RepPresence {
  constructor(
    private readonly reps: readonly string[],
    private readonly visits: () => readonly QueueVisit[],
  ) {}

  park(): Promise<void> {
    return Promise.resolve();
  }

  leave(): Promise<void> {
    return Promise.resolve();
  }

  parkedThrough(): Promise<number> {
    const onACall = new Set(
      this.visits()
        .filter((visit) => visit.bridgedAt !== undefined && visit.leftAt === undefined)
        .map((visit) => visit.dequeuedBy),
    );
    return Promise.resolve(this.reps.filter((rep) => !onACall.has(rep)).length);
  }
}

async function startCampaign(
  baseUrl: string,
  phones: readonly string[],
  scenario: Pick<AnswerToRepScenario, 'pacing' | 'ringTimeoutSeconds'>,
): Promise<string> {
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`POST /api${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { campaign?: { id: string } };
  };
  const created = await api('/campaigns', {
    name: 'answer-to-rep',
    settings: {
      targetQueue: CAMPAIGN_QUEUE,
      callerId: CALLER_ID,
      message: 'This was Example Co. calling about your order.',
      maxAttempts: 1,
      // The emulator's numbers have no hours; the run must not wait for a window.
      callingWindow: ALL_DAY,
      ...(scenario.ringTimeoutSeconds === undefined
        ? {}
        : { ringTimeoutSeconds: scenario.ringTimeoutSeconds }),
      // The default target (no abandonTarget given): what a campaign gets unless it says more.
      ...(scenario.pacing === 'predictive' ? { pacing: { mode: 'predictive' } } : {}),
    },
    csv: ['phone', ...phones].join('\n'),
  });
  const id = created.campaign?.id;
  if (id === undefined) throw new Error('the campaign was not created');
  await api(`/campaigns/${id}/start`);
  return id;
}

async function untilComplete(
  campaigns: CampaignStore,
  id: string,
  deadline: number,
  onProgress: ((progress: string) => void) | undefined,
): Promise<void> {
  let toldAt = Date.now();
  while ((await campaigns.get(id))?.status !== 'complete') {
    if (Date.now() > deadline) throw new Error(`campaign ${id} did not complete in time`);
    if (onProgress !== undefined && Date.now() - toldAt >= PROGRESS_EVERY_MS) {
      toldAt = Date.now();
      const active = await campaigns.active(id);
      const ended = await campaigns.dispositions(id);
      onProgress(`${ended.length} calls ended, ${active.length} in flight`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
