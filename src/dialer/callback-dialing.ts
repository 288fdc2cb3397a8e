import type { Callback, CallbackStore } from '../callbacks/callback.js';
import { callbackQueueName } from '../callbacks/callback.js';
import { dueCallbacks } from '../callbacks/due.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { QueueMetadata } from '../metadata/queue-metadata.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import type { ControlLog } from '../outbound/control-log.js';
import type { StatsSnapshot } from '../stats/queue-stats.js';

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_SECONDS = 300;

export interface CallbackDialingDeps {
  readonly callbacks: CallbackStore;
  readonly campaigns: Pick<CampaignStore, 'create' | 'get'>;
  readonly control: Pick<ControlLog, 'append'>;
  readonly snapshot: () => StatsSnapshot | undefined;
  /** The queue's settings (its retry policy, its name as callers hear it). */
  readonly metadata: (queue: string) => Promise<QueueMetadata | undefined>;
  readonly callerId: string;
  readonly refreshSeconds: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The campaign that dials one callback: its id is the callback's, so it is made once. */
export const callbackCampaignId = (callback: Pick<Callback, 'id'>): string =>
  `callback-${callback.id}`;

/**
 * One look at the callbacks (every process that dials may make it at the same time): each due
 * callback gets its campaign, made once by id, and started (a second start does nothing); each
 * one being dialed follows its campaign: connected once a rep took the callee, failed once the
 * campaign is over without that. Idempotent, so a crash between two steps is settled next time.
 */
export async function settleCallbacks(deps: CallbackDialingDeps): Promise<void> {
  const all = await deps.callbacks.holdingPlace();
  const now = deps.clock.now();
  const snapshot = deps.snapshot();
  const queues = new Set(all.filter((c) => c.state === 'waiting').map((c) => c.queue));
  for (const queue of queues) {
    const due = dueCallbacks({
      callbacks: all,
      queue,
      snapshot,
      now,
      refreshSeconds: deps.refreshSeconds,
    });
    for (const callback of due) await dial(deps, callback, now);
  }
  for (const callback of all) if (callback.state === 'dialing') await follow(deps, callback);
}

/**
 * Moves the callback to `dialing` first, then makes and starts its campaign: the move is the
 * compare-and-set that a cancel races against, so a canceled callback is never dialed. A crash
 * between the two leaves a callback `dialing` with no campaign, which `follow` makes.
 */
async function dial(deps: CallbackDialingDeps, callback: Callback, now: number): Promise<void> {
  const moved = await deps.callbacks.move(callback.id, ['waiting'], { state: 'dialing', at: now });
  if (moved === undefined) return; // canceled, or another process took it meanwhile
  const created = await startCampaign(deps, moved, now);
  deps.logger.info(
    { callback: callback.id, campaign: callbackCampaignId(callback), created },
    'callback due: dialing',
  );
}

/** Made once by id and started (a second start does nothing): safe to repeat. */
async function startCampaign(
  deps: CallbackDialingDeps,
  callback: Callback,
  now: number,
): Promise<boolean> {
  const metadata = await deps.metadata(callback.queue);
  const created = await deps.campaigns.create(callbackCampaign(deps, callback, metadata, now), [
    { id: 'caller', phone: callback.phone },
  ]);
  await deps.control.append(callbackCampaignId(callback), 'start');
  return created;
}

async function follow(deps: CallbackDialingDeps, callback: Callback): Promise<void> {
  const record = await deps.campaigns.get(callbackCampaignId(callback));
  const at = deps.clock.now();
  if (record === undefined) {
    deps.logger.warn({ callback: callback.id }, 'callback dialing without its campaign: making it');
    await startCampaign(deps, callback, at);
    return;
  }
  const { connected, dialed } = record.counts;
  if (connected > 0) {
    await deps.callbacks.move(callback.id, ['dialing'], {
      state: 'connected',
      at,
      attempts: dialed,
    });
  } else if (record.status === 'complete' || record.status === 'stopped') {
    const note = `not reached after ${dialed} ${dialed === 1 ? 'call' : 'calls'}`;
    await deps.callbacks.move(callback.id, ['dialing'], {
      state: 'failed',
      at,
      note,
      attempts: dialed,
    });
  } else if (dialed !== callback.attempts) {
    await deps.callbacks.move(callback.id, ['dialing'], { state: 'dialing', at, attempts: dialed });
  }
}

function callbackCampaign(
  deps: CallbackDialingDeps,
  callback: Callback,
  metadata: QueueMetadata | undefined,
  now: number,
): CampaignExecution {
  const who = metadata?.displayName ?? callback.queue;
  return {
    id: callbackCampaignId(callback),
    name: `Callback for ${callback.queue}`,
    createdAt: now,
    settings: {
      targetQueue: callbackQueueName(callback.queue),
      callerId: deps.callerId,
      ringTimeoutSeconds: 25,
      maxAttempts: metadata?.callbackMaxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryDelaySeconds: metadata?.callbackRetrySeconds ?? DEFAULT_RETRY_SECONDS,
      // The caller asked to be called, and is due only while their queue is being served.
      callingWindow: { start: '00:00', end: '24:00' },
      defaultCountry: 'US',
      machineDetection: false,
      onMachine: 'message',
      message: `This is the call back you asked for from ${who}. Please hold: you keep your place in line.`,
      cancelRingingOnStop: true,
      dialVia: { kind: 'calls' },
      // The caller asked for this call: a callee who hung up in the callback queue may be
      // tried again at once, not after Ofcom's 72 hours for unsolicited calls.
      abandonedCooldownHours: 0,
      pacing: { mode: 'progressive', abandonTarget: 0, abandonRule: 'us' },
      callback: { queue: callback.queue, callbackId: callback.id },
    },
  };
}
