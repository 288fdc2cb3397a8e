import type { Clock, Wait } from '../clock.js';
import { realWait } from '../clock.js';
import type { Logger } from '../logger.js';
import { ruleCounts, windowStart } from '../outbound/abandonment.js';
import type { Attempt } from '../outbound/attempt.js';
import type { AttemptEvents } from '../outbound/attempt-events.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import type { Contact } from '../outbound/contact.js';
import type { RepPresence } from '../reps/rep-presence.js';
import type { RateLimiter } from '../twilio-rest/rate-limiter.js';
import type { CallPlacer } from './call-placer.js';
import { dialAttempt, type DialResult } from './dial-attempt.js';
import { dialLevel, DialLevelReporter } from './dial-level.js';
import { MachineCalls } from './machine-calls.js';
import { PacingObserver } from './pacing-observer.js';
import { predictiveCapacity } from './predictive-capacity.js';
import type { OutboundUrls } from './outbound-urls.js';
import { progressiveCapacity } from './progressive-pacing.js';
import { reconcileAttempt, type ReconcileSettings } from './reconcile-attempt.js';

/** The most calls one turn starts (the account's pace spaces them out in any case). */
const MAX_NEW_CALLS_PER_TURN = 20;

/** Time for a call to be created, queued for the account's rate, and start ringing. */
const ANSWER_SLACK_SECONDS = 2;

/** Whether a contact may be dialed now: calling hours, the opt-out list. */
export type Screening =
  | { readonly kind: 'dial' }
  | { readonly kind: 'later'; readonly at: number }
  | {
      readonly kind: 'never';
      readonly outcome: 'do-not-call' | 'no-calling-hours';
      readonly reason: string;
    };

export interface RunnerDeps {
  readonly store: CampaignStore;
  /** Reps parked on campaigns' queues (the rep loop's parks). */
  readonly reps: Pick<RepPresence, 'parkedThrough'>;
  readonly placer: CallPlacer;
  readonly urls: OutboundUrls;
  readonly events: AttemptEvents;
  /** The account-wide calls-per-second share, shared by every process. */
  readonly callPace: RateLimiter;
  readonly screen: (
    campaign: CampaignExecution,
    contact: Contact,
    now: number,
  ) => Promise<Screening>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly wait?: Wait;
  readonly settings: RunnerSettings;
}

export interface RunnerSettings extends ReconcileSettings {
  /** The longest pause between two looks at the campaign. */
  readonly tickMs: number;
  /** After a 429: the first pause, doubled on each one in a row up to the maximum. */
  readonly throttledMinMs: number;
  readonly throttledMaxMs: number;
}

/**
 * Runs one campaign in this process while its status is `running`: each turn settles what is
 * unsure (reconciliation), works out how many calls the reps free can take (one each, or, for a
 * predictive campaign, more within its abandonment budget), claims that many
 * contacts, screens them, and dials each at the account-wide pace. It stops when the campaign
 * is paused, stopped or complete, or when `stop()` is called (a shutdown: attempts in flight are
 * left as they are, for the next owner to settle).
 */
export class CampaignRunner {
  private readonly abort = new AbortController();
  private wake: AbortController | undefined;
  private throttledInARow = 0;
  /** Until when not to dial: after a 429, or while Twilio queues our calls (queue_time). */
  private holdUntil = 0;
  /** Attempts this process is dialing now: never reconciled from under itself. */
  private readonly inFlight = new Set<string>();
  private readonly lastChecked = new Map<string, number>();
  private done: Promise<void> | undefined;
  private readonly machines: MachineCalls;
  /** What a predictive campaign has learned of its calls (kept for progressive ones too). */
  private readonly pacing = new PacingObserver();
  private readonly dialLevel: DialLevelReporter;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly campaign: CampaignExecution,
  ) {
    this.machines = new MachineCalls(deps);
    this.dialLevel = new DialLevelReporter(deps.store, campaign.id);
  }

  start(): Promise<void> {
    this.done ??= this.loop();
    return this.done;
  }

  /** Something happened (a call ended, a command came): look again now. */
  poke(): void {
    this.wake?.abort();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.abort();
    await this.done;
  }

  private async loop(): Promise<void> {
    const { logger, settings } = this.deps;
    while (!this.abort.signal.aborted) {
      try {
        if (!(await this.turn())) return;
      } catch (error) {
        logger.warn(
          { err: error, campaign: this.campaign.id },
          'campaign turn failed; trying again',
        );
      }
      if (this.abort.signal.aborted) return;
      // One controller per pause, cut by poke() and by stop(): nothing listens on a signal that
      // lives as long as the runner (a listener per turn would pile up over a long campaign).
      this.wake = new AbortController();
      const pause = Math.max(settings.tickMs, this.holdUntil - this.deps.clock.now());
      await (this.deps.wait ?? realWait)(
        Math.min(pause, settings.tickMs * 10),
        this.wake.signal,
      ).catch(() => undefined);
    }
  }

  /** One look at the campaign; false once it no longer runs. */
  private async turn(): Promise<boolean> {
    const { store, clock } = this.deps;
    const id = this.campaign.id;
    const record = await store.get(id);
    if (record?.status !== 'running') return false;
    const active = await store.active(id);
    this.pacing.observe(active, clock.now());
    await this.reconcile(active);
    await this.machines.redirect(this.campaign, active);
    const { targetQueue, ringTimeoutSeconds, pacing } = this.campaign.settings;
    const parkedNow = await this.deps.reps.parkedThrough(targetQueue, clock.now());
    await this.dialLevel.report(dialLevel(active, parkedNow), clock.now());
    if (clock.now() >= this.holdUntil) {
      // Reps still parked when a call dialed now has rung its longest.
      const parked = await this.deps.reps.parkedThrough(
        targetQueue,
        clock.now() + (ringTimeoutSeconds + ANSWER_SLACK_SECONDS) * 1000,
      );
      const outstanding = await store.active(id);
      const capacity =
        this.campaign.settings.callback !== undefined
          ? callbackCapacity(outstanding)
          : pacing?.mode === 'predictive'
            ? predictiveCapacity({
                model: this.pacing.model,
                parkedReps: parked,
                active: outstanding,
                // The legal window's live answers and abandons, as the campaign's rule counts them.
                counts: ruleCounts(
                  this.campaign.settings,
                  await store.outcomesSince(id, windowStart(this.campaign.settings, clock.now())),
                ),
                abandonTarget: pacing.abandonTarget,
                maxNew: MAX_NEW_CALLS_PER_TURN,
                now: clock.now(),
              })
            : progressiveCapacity(parked, outstanding);
      if (capacity > 0) await this.dialUpTo(capacity);
    }
    return !(await store.completeIfDone(id, clock.now()));
  }

  private async reconcile(active: readonly Attempt[]): Promise<void> {
    const now = this.deps.clock.now();
    for (const attempt of active) {
      if (this.inFlight.has(attempt.id)) continue;
      if (
        attempt.state === 'live' &&
        now - (this.lastChecked.get(attempt.id) ?? 0) < this.deps.settings.liveLimitMs
      )
        continue;
      if (attempt.state === 'live') this.lastChecked.set(attempt.id, now);
      await reconcileAttempt(this.deps, this.campaign, attempt, this.deps.settings);
    }
  }

  private async dialUpTo(capacity: number): Promise<void> {
    const { store, clock } = this.deps;
    const claimed = await store.claim(this.campaign.id, capacity, clock.now());
    for (const attempt of claimed) this.inFlight.add(attempt.id);
    try {
      for (const [index, attempt] of claimed.entries()) {
        // A pause or stop that came while this batch was dialed holds back the rest of it.
        const stillRunning = (await store.get(this.campaign.id))?.status === 'running';
        const result = stillRunning ? await this.screenAndDial(attempt) : undefined;
        if (!stillRunning || result?.kind === 'throttled' || this.abort.signal.aborted) {
          // The rest go back unsent; a 429 means the account is busy right now.
          for (const rest of claimed.slice(stillRunning ? index + 1 : index)) {
            await store.release(this.campaign.id, rest.id, ['claimed'], clock.now());
          }
          return;
        }
      }
    } finally {
      for (const attempt of claimed) this.inFlight.delete(attempt.id);
    }
  }

  private async screenAndDial(attempt: Attempt): Promise<DialResult | undefined> {
    const { store, clock } = this.deps;
    const id = this.campaign.id;
    const contact = await store.contact(id, attempt.contactId);
    const screening =
      contact === undefined
        ? ({ kind: 'never', outcome: 'do-not-call', reason: 'contact missing' } as const)
        : await this.deps.screen(this.campaign, contact, clock.now());
    if (screening.kind === 'later') {
      await store.release(id, attempt.id, ['claimed'], screening.at);
      return undefined;
    }
    if (screening.kind === 'never') {
      await store.end(id, attempt.id, {
        outcome: screening.outcome,
        reason: screening.reason,
        at: clock.now(),
      });
      return undefined;
    }
    await this.deps.callPace.take(this.abort.signal);
    const result = await dialAttempt(this.deps, this.campaign, attempt, this.throttledDelay());
    if (result.kind === 'throttled') {
      this.throttledInARow += 1;
      this.holdUntil = clock.now() + this.throttledDelay();
    } else {
      this.throttledInARow = 0;
    }
    // Twilio holds calls created faster than the account's rate: wait that out before the next.
    const queueSeconds = result.kind === 'placed' ? (result.call?.queueSeconds ?? 0) : 0;
    if (queueSeconds > 1) {
      this.holdUntil = Math.max(this.holdUntil, clock.now() + queueSeconds * 1000);
    }
    return result;
  }

  private throttledDelay(): number {
    const { throttledMinMs, throttledMaxMs } = this.deps.settings;
    return Math.min(throttledMaxMs, throttledMinMs * 2 ** Math.max(0, this.throttledInARow - 1));
  }
}

/**
 * A callback's campaign dials its one caller once nothing of it is in flight: they asked to be
 * called, and once answered they hold in their queue's callback queue, taken before anyone who
 * entered after them. Waiting for a parked rep would let reps take those later callers first.
 */
function callbackCapacity(outstanding: readonly Attempt[]): number {
  return outstanding.length === 0 ? 1 : 0;
}
