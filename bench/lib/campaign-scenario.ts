import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import type { Contact } from '../../src/outbound/contact.js';
import type { CampaignExecution } from '../../src/outbound/campaign.js';

/** What both dialers face in `bench:campaign-faults`: the same account, contacts and faults. */
export interface Scenario {
  readonly contacts: number;
  /** The account's CPS, all of it the campaigns' share: the limit the emulator's tally is held to. */
  readonly callsPerSecond: number;
  /** Reps free in the campaign's queue. */
  readonly repsFree: number;
  readonly seed: number;
}

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const QUEUE = 'outbound-sales';
const CALLER_ID = '+15005550006';
const CREATES = /\/Calls\.json$/;

/** Each contact its own number, so the emulator's calls tell who was dialed how often. */
export function scenarioContacts(scenario: Scenario): Contact[] {
  return Array.from({ length: scenario.contacts }, (_, i) => ({
    id: `c${i + 1}`,
    phone: `+1415${String(2_000_000 + i).padStart(7, '0')}`,
  }));
}

/** One attempt per contact: any second call to a number is a double dial. */
export function scenarioCampaign(id: string): CampaignExecution {
  return {
    id,
    name: 'campaign faults',
    createdAt: Date.now(),
    settings: {
      targetQueue: QUEUE,
      callerId: CALLER_ID,
      ringTimeoutSeconds: 20,
      maxAttempts: 1,
      retryDelaySeconds: 3600,
      callingWindow: { start: '00:00', end: '24:00' },
      defaultCountry: 'US',
      machineDetection: false,
      onMachine: 'message',
      message: 'This was Example Co. To stop these calls, press 9.',
      cancelRingingOnStop: true,
      dialVia: { kind: 'calls' },
    },
  };
}

/**
 * The emulator with the faults of the issue: about 10% of creates fail, half of them after the
 * call was made (the connection dropped: a blind retry dials twice), half before; short rings
 * and talks so that 10,000 calls fit in minutes.
 */
export function startScenarioEmulator(scenario: Scenario): Promise<Emulator> {
  return startEmulator({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    workspace: { queueNames: [QUEUE], seed: scenario.seed },
    requestLogLimit: 1_000,
    calls: {
      callsPerSecond: scenario.callsPerSecond,
      outcomes: { human: 0.3, busy: 0.2, noAnswer: 0.4, failed: 0.1 },
      ringMs: { minMs: 50, maxMs: 300 },
      talkMs: { minMs: 100, maxMs: 400 },
      noAnswerMs: 300,
      lostAnswerShare: 0.05,
      lostAnswerAs: 'drop',
      failBeforeCreateShare: 0.05,
      seed: scenario.seed,
    },
  });
}

/**
 * Every `everyMs`, a burst of three 429s (too many concurrent requests) on the creates, once the
 * last burst is used up (a dialer that backs off must not meet an endless queue of them), and
 * two lost answers as 500s; stops when the returned function is called.
 */
export function startFaultBursts(emulator: Emulator, everyMs: number): () => void {
  const timer = setInterval(() => {
    if (emulator.faults.pending.length === 0) {
      emulator.faults.script({ kind: 'rate-limited', match: CREATES, method: 'POST', times: 3 });
    }
    emulator.calls.faults.script({ kind: 'lost-answer', as: 'server-error', times: 2 });
  }, everyMs);
  return () => clearInterval(timer);
}

/** The figures of one dialer's run. */
export interface Tally {
  /** Contacts dialed more than once for one attempt, or more often than attempts allowed. */
  readonly dialedTwice: number;
  /** Contacts with no final outcome that are not waiting in the cache either. */
  readonly lost: number;
  readonly cpsMaxVsLimit: number;
  readonly completeEvents: number;
  readonly seconds: number;
}

/**
 * Counts double dials from the emulator's own calls: by the attempt named in each call's status
 * callback URL (two calls for one attempt), and by number (more calls than attempts allowed).
 */
export function doubleDials(emulator: Emulator, maxAttempts: number): number {
  const byAttempt = new Map<string, string[]>();
  const byNumber = new Map<string, number>();
  for (const call of emulator.calls.list()) {
    const to = call.request.to;
    byNumber.set(to, (byNumber.get(to) ?? 0) + 1);
    const callback = call.request.statusCallback;
    const attempt = callback === null ? null : new URL(callback).searchParams.get('attempt');
    if (attempt !== null) byAttempt.set(attempt, [...(byAttempt.get(attempt) ?? []), to]);
  }
  const twice = new Set<string>();
  for (const [to, count] of byNumber) if (count > maxAttempts) twice.add(to);
  for (const numbers of byAttempt.values()) if (numbers.length > 1) twice.add(numbers[0]!);
  return twice.size;
}

export function formatTally(name: string, tally: Tally): string {
  return [
    name,
    `dialed_twice=${tally.dialedTwice}`,
    `lost=${tally.lost}`,
    `cps_max_vs_limit=${tally.cpsMaxVsLimit.toFixed(2)}`,
    `complete_events=${tally.completeEvents}`,
    `seconds=${tally.seconds.toFixed(1)}`,
  ].join(' ');
}
