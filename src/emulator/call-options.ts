import { z } from 'zod';
import type { CallScheduler } from './call-scheduler.js';

/**
 * How the emulated outbound calls behave (StartEmulatorOptions.calls): the account's CPS, the
 * concurrency limit on creates, who answers, how long things take, and the create faults.
 * Checked once at start; durations are milliseconds of the call scheduler.
 */

const range = z
  .object({ minMs: z.number().min(0), maxMs: z.number().min(0) })
  .strict()
  .refine((r) => r.maxMs >= r.minMs, 'maxMs must be at least minMs');

const share = z.number().min(0).max(1);

export const outcomeMixSchema = z
  .object({
    human: z.number().min(0).default(0),
    machine: z.number().min(0).default(0),
    busy: z.number().min(0).default(0),
    noAnswer: z.number().min(0).default(0),
    failed: z.number().min(0).default(0),
  })
  .strict()
  .refine((m) => m.human + m.machine + m.busy + m.noAnswer + m.failed > 0, 'weights sum to 0');

export type OutcomeMix = z.output<typeof outcomeMixSchema>;
export type CallOutcome = keyof OutcomeMix;

export const callOptionsSchema = z
  .object({
    /** Calls leaving the queue (starting to dial) per second: Twilio's CPS, 1 by default. */
    callsPerSecond: z.number().positive().max(1000).default(1),
    /** Creates in flight at once; one more is a 429 (code 20429). */
    maxConcurrentCreates: z.number().int().positive().default(10),
    /** Weights, not shares: they are normalised. */
    outcomes: outcomeMixSchema.default({
      human: 0.3,
      machine: 0.1,
      busy: 0.1,
      noAnswer: 0.45,
      failed: 0.05,
    }),
    /** How long the phone rings before it is answered, busy or failed. */
    ringMs: range.default({ minMs: 3_000, maxMs: 15_000 }),
    /** How long an answered call lasts unless the app ends it. */
    talkMs: range.default({ minMs: 20_000, maxMs: 180_000 }),
    /** How long answering machine detection takes after the answer. */
    amdMs: range.default({ minMs: 1_500, maxMs: 4_000 }),
    /** How long a no-answer call rings; by default the call's own Timeout (seconds). */
    noAnswerMs: z.number().min(0).optional(),
    /** How long each admitted create is held before it is answered (keeps it in flight). */
    createLatencyMs: z.number().min(0).default(0),
    /** Creates whose answer is lost although the call was created. */
    lostAnswerShare: share.default(0),
    /** How a lost answer looks: a 500 (code 20500) or a connection closed without an answer. */
    lostAnswerAs: z.enum(['server-error', 'drop']).default('server-error'),
    /** Creates that fail (500) before anything is created. */
    failBeforeCreateShare: share.default(0),
    /**
     * Plays the TwiML an answered call gets (queues, waits, pauses, hang-ups), as Twilio's voice
     * engine does, instead of ending the call after its talk time: the demo and the
     * answer-to-rep measurement need it; tests of the Calls API alone leave it off.
     */
    playTwiml: z.boolean().default(false),
    seed: z.number().int().default(1),
  })
  .strict();

export type CallOptionsInput = z.input<typeof callOptionsSchema> & {
  /** Time for the calls; real time by default. */
  readonly scheduler?: CallScheduler;
};
export type CallOptions = z.output<typeof callOptionsSchema>;
