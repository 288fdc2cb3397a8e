import type { CallEvent, DialerView, Pacer } from '../pacer.js';
import {
  type AdaptiveSettings,
  VICIDIAL_DEFAULTS,
  callsToPlace,
  nextDialLevel,
} from './vicidial-dial-level.js';

const SAMPLE_MS = 1000; // the script's loop delay: one sample of agents and calls a second
const SAMPLES = 15; // `$stat_it`
const RECOMPUTE_MS = 15_000; // `$diff_ratio_updater >= 15`
const DROP_STATS_MS = 60_000; // `$drop_count_updater >= 60`
const AUTO_DIAL_MS = 2500; // AST_VDauto_dial.pl's default `$loop_delay`

interface Sample {
  readonly ready: number;
  readonly waiting: number;
  readonly total: number;
}

/**
 * A VICIdial-style adaptive dialer (ADAPT_HARD_LIMIT), as its scripts do it:
 * - every second, sample ready agents, calls answered and waiting, and logged-in agents;
 * - every minute, refresh the drop stats (drops ÷ answers today; calls and drops in the last minute);
 * - every 15 s, move the dial level by the averaged differential (nextDialLevel);
 * - every 2.5 s (the auto-dial loop), place round(level × active agents) minus the calls under way.
 * Agents wrapping up count as paused (VICIdial agents are paused while they disposition), so
 * they are in neither the ready nor the active count. It learns drops only as drops: a person
 * AMD hung up on is a machine to it.
 */
export class VicidialAdaptivePacer implements Pacer {
  readonly name = 'adaptive';
  level = 1;
  private readonly samples: Sample[] = [];
  private lastSampleAt = Number.NEGATIVE_INFINITY;
  private lastRecomputeAt = 0;
  private lastDropStatsAt = Number.NEGATIVE_INFINITY;
  private lastDialPassAt = Number.NEGATIVE_INFINITY;
  private readonly callTimes: number[] = [];
  private readonly dropTimes: number[] = [];
  private answers = 0;
  private dropStats = { callsToday: 0, dropsToday: 0, answersToday: 0, callsOne: 0, dropsOne: 0 };

  constructor(private readonly settings: AdaptiveSettings = VICIDIAL_DEFAULTS) {}

  observe(event: CallEvent): void {
    if (event.kind === 'started') this.callTimes.push(event.at);
    else if (event.kind === 'dropped') {
      this.dropTimes.push(event.at);
      this.answers++; // a DROP is a human-answered status in VICIdial
    } else if (event.kind === 'connected' && !event.machine) this.answers++;
  }

  decide(view: DialerView): number {
    const { now } = view;
    const wrapping = view.agents.busy.filter((a) => a.phase === 'wrap-up').length;
    if (now - this.lastSampleAt >= SAMPLE_MS) {
      this.lastSampleAt = now;
      this.samples.push({
        ready: view.agents.idle,
        waiting: view.waiting.length,
        total: view.agents.onShift,
      });
      if (this.samples.length > SAMPLES) this.samples.shift();
    }
    if (now - this.lastDropStatsAt >= DROP_STATS_MS) {
      this.lastDropStatsAt = now;
      this.dropStats = {
        callsToday: this.callTimes.length,
        dropsToday: this.dropTimes.length,
        answersToday: this.answers,
        callsOne: countSince(this.callTimes, now - 60_000),
        dropsOne: countSince(this.dropTimes, now - 60_000),
      };
    }
    if (now - this.lastRecomputeAt >= RECOMPUTE_MS) {
      this.lastRecomputeAt = now;
      this.recompute();
    }
    if (now - this.lastDialPassAt < AUTO_DIAL_MS) return 0; // the auto-dial pass has its own loop
    this.lastDialPassAt = now;
    const talking = view.agents.busy.length - wrapping;
    const active = talking + view.agents.idle;
    const existing =
      view.queuedDials + view.ringing.length + view.detecting + view.waiting.length + talking;
    return callsToPlace(this.level, active, existing);
  }

  private recompute(): void {
    const n = this.samples.length;
    if (n === 0) return;
    const avg = (pick: (s: Sample) => number) => this.samples.reduce((t, s) => t + pick(s), 0) / n;
    const agentsAverage = avg((s) => s.total);
    if (agentsAverage === 0) return; // the script skips campaigns with no agents
    const stats = this.dropStats;
    this.level = nextDialLevel(
      {
        level: this.level,
        differential: avg((s) => s.ready) - avg((s) => s.waiting),
        agentsAverage,
        callsOneMinute: stats.callsOne,
        dropsOneMinute: stats.dropsOne,
        callsToday: stats.callsToday,
        dropsToday: stats.dropsToday,
        answersToday: stats.answersToday,
      },
      this.settings,
    );
  }
}

/** How many of the ascending times are after `from` (searched from the end: recent ones are few). */
function countSince(times: readonly number[], from: number): number {
  let i = times.length;
  while (i > 0 && (times[i - 1] as number) > from) i--;
  return times.length - i;
}
