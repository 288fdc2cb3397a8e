import { realWait } from '../clock.js';
import {
  newRestTally,
  runWithRestContext,
  type RestTally,
} from '../twilio-rest/rest-call-context.js';
import { buildSnapshot, listingsComplete, type CycleReadings } from './build-snapshot.js';
import { cycleLogLine, keepMetadataInStep, readTwilio, recordCycle } from './poller-cycle.js';
import type { StatsPoller, StatsPollerOptions } from './poller.js';
import type { StatsSnapshot } from './queue-stats.js';

/**
 * The poller's state between cycles: the last snapshot it wrote, the cycle in flight, the
 * schedule and the wait that refreshSoon() cuts short. Each cycle's own work is in
 * poller-cycle.ts.
 */
export class StatsPollLoop implements StatsPoller {
  private last: StatsSnapshot | undefined;
  private lastLoaded = false;
  private running: AbortController | undefined;
  private loop: Promise<void> | undefined;
  /** Aborted by stop(): ends the loop's schedule. */
  private schedule: AbortController | undefined;
  /** Aborted by refreshSoon(): ends the wait between two cycles early. */
  private wake: AbortController | undefined;
  private refreshWanted = false;

  constructor(private readonly options: StatsPollerOptions) {}

  async runCycle(): Promise<StatsSnapshot> {
    const { options } = this;
    const startedAt = options.clock.now();
    const started = performance.now();
    const controller = new AbortController();
    this.running = controller;
    const deadline = setTimeout(
      () => controller.abort(new Error(`cycle deadline of ${options.cycleTimeoutMs} ms passed`)),
      options.cycleTimeoutMs,
    );
    const tally = newRestTally();
    let outcome: 'complete' | 'incomplete' | 'failed' = 'failed';
    try {
      const previous = await this.previousSnapshot();
      const readings = await runWithRestContext({ signal: controller.signal, tally }, () =>
        readTwilio(options, controller.signal),
      );
      const metadata = await keepMetadataInStep(options, readings, previous);
      const snapshot = buildSnapshot({
        previous,
        readings,
        metadata,
        now: options.clock.now(),
        refreshSeconds: options.refreshSeconds,
        cycle: {
          startedAt,
          durationMs: Math.round(performance.now() - started),
          requests: tally.requests,
          retries: tally.retries,
          complete: listingsComplete(readings) && readings.statisticsErrors.size === 0,
        },
      });
      await this.writeSnapshot(snapshot);
      this.tellListener(snapshot);
      this.logCycle(snapshot, tally, readings, controller.signal);
      outcome = snapshot.cycle?.complete === true ? 'complete' : 'incomplete';
      options.metrics?.staleQueues.set(snapshot.queues.filter((q) => q.stale === true).length);
      return snapshot;
    } finally {
      recordCycle(options.metrics, outcome, (performance.now() - started) / 1000, tally);
      clearTimeout(deadline);
      if (this.running === controller) this.running = undefined;
    }
  }

  start(): void {
    if (this.schedule !== undefined && !this.schedule.signal.aborted) return; // already running
    // A new term (say, re-elected after another poller ran meanwhile) merges over what is
    // stored now, not over what this process wrote before.
    this.lastLoaded = false;
    const controller = new AbortController();
    this.schedule = controller;
    // A loop still winding down from stop() (its cut-off cycle writing) finishes first:
    // deposed and re-elected within one cycle must end with one loop running, not none.
    const previous = this.loop;
    this.loop = (async () => {
      await previous;
      await this.cycleUntil(controller.signal);
    })();
  }

  refreshSoon(): void {
    this.refreshWanted = true;
    this.wake?.abort();
  }

  async stop(): Promise<void> {
    this.schedule?.abort(new Error('poller stopping'));
    this.wake?.abort();
    this.running?.abort(new Error('poller stopping'));
    const current = this.loop;
    await current;
    if (this.loop === current) this.loop = undefined;
  }

  /** Cycles back to back at the refresh period until the schedule is aborted. */
  private async cycleUntil(stopped: AbortSignal): Promise<void> {
    const { clock, refreshSeconds } = this.options;
    while (!stopped.aborted) {
      const began = clock.now();
      this.refreshWanted = false;
      try {
        await this.runCycle();
      } catch (error) {
        this.options.logger.error({ err: error }, 'stats poller: cycle failed');
      }
      if (this.refreshWanted) continue;
      const wait = Math.max(0, began + refreshSeconds * 1000 - clock.now());
      // One controller per wait, cut by refreshSoon() and by stop(): nothing listens on the
      // schedule's signal, which lives as long as the poller (a listener per cycle would pile up).
      this.wake = new AbortController();
      if (stopped.aborted) return;
      await (this.options.wait ?? realWait)(wait, this.wake.signal).catch(() => undefined);
    }
  }

  /** A restarted poller (or a new leader) carries on from the stored snapshot's good data. */
  private async previousSnapshot(): Promise<StatsSnapshot | undefined> {
    if (!this.lastLoaded) {
      try {
        this.last = (await this.options.store.readSnapshot()) ?? this.last;
        this.lastLoaded = true;
      } catch (error) {
        this.options.logger.warn(
          { err: error },
          'stats poller: could not read the last snapshot; starting fresh',
        );
      }
    }
    return this.last ?? this.options.store.currentSnapshot();
  }

  private async writeSnapshot(snapshot: StatsSnapshot): Promise<void> {
    try {
      await this.options.store.writeSnapshot(snapshot);
      this.last = snapshot;
    } catch (error) {
      // The next cycle merges over the last snapshot that was written, and tries again.
      this.options.logger.error({ err: error }, 'stats poller: could not write the snapshot');
    }
  }

  private tellListener(snapshot: StatsSnapshot): void {
    try {
      this.options.onSnapshot?.(snapshot);
    } catch (error) {
      this.options.logger.error({ err: error }, 'stats poller: a snapshot listener failed');
    }
  }

  private logCycle(
    snapshot: StatsSnapshot,
    tally: RestTally,
    readings: CycleReadings,
    signal: AbortSignal,
  ): void {
    const line = cycleLogLine(snapshot, tally, readings, signal);
    const { logger } = this.options;
    if (snapshot.cycle?.complete === true) logger.info(line, 'stats cycle');
    else logger.warn(line, 'stats cycle incomplete: kept the last good numbers where reads failed');
  }
}
