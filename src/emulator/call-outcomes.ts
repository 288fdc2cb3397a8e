import { createSeededRandom, type Random } from '../lib/seeded-random.js';
import type { CallOptions, CallOutcome, OutcomeMix } from './call-options.js';
import type { CallerScript } from './caller-script.js';

const OUTCOMES: readonly CallOutcome[] = ['human', 'machine', 'busy', 'noAnswer', 'failed'];

/** What happens when a call is dialed, and how long each step takes. */
export interface CallScript {
  readonly outcome: CallOutcome;
  /** Overrides the ring-time distribution for this call. */
  readonly ringMs?: number;
  /** Overrides the talk-time distribution for this call. */
  readonly talkMs?: number;
  /** With `playTwiml`: the keys the callee presses and the messages they leave. */
  readonly caller?: CallerScript;
}

export interface CallDice {
  /** The script for `to` if one is set (used up once per call, in order), else the mix. */
  next(to: string): CallScript;
  ringMs(): number;
  talkMs(): number;
  amdMs(): number;
  /** A uniform number in [0, 1): the create faults' dice. */
  roll(): number;
  /** Queues outcomes for calls to one number; a scripted number is never left to the mix. */
  script(to: string, ...scripts: readonly (CallOutcome | CallScript)[]): void;
  clearScripts(): void;
}

/**
 * The outcome of each call: from per-number scripts (exact tests), else drawn from the seeded
 * weighted mix; durations drawn uniformly from the configured ranges. One seed, one run.
 */
export function createCallDice(options: CallOptions): CallDice {
  const random: Random = createSeededRandom(options.seed);
  const scripts = new Map<string, CallScript[]>();
  const between = (range: { minMs: number; maxMs: number }) =>
    Math.round(range.minMs + random() * (range.maxMs - range.minMs));
  return {
    next(to) {
      const queued = scripts.get(to);
      const scripted = queued?.shift();
      if (queued?.length === 0) scripts.delete(to);
      return scripted ?? { outcome: pick(options.outcomes, random()) };
    },
    ringMs: () => between(options.ringMs),
    talkMs: () => between(options.talkMs),
    amdMs: () => between(options.amdMs),
    roll: () => random(),
    script(to, ...entries) {
      const list = scripts.get(to) ?? [];
      for (const entry of entries) {
        list.push(typeof entry === 'string' ? { outcome: entry } : entry);
      }
      scripts.set(to, list);
    },
    clearScripts: () => scripts.clear(),
  };
}

function pick(mix: OutcomeMix, roll: number): CallOutcome {
  const total = OUTCOMES.reduce((sum, outcome) => sum + mix[outcome], 0);
  let edge = 0;
  for (const outcome of OUTCOMES) {
    edge += mix[outcome] / total;
    if (roll < edge) return outcome;
  }
  return 'noAnswer';
}
