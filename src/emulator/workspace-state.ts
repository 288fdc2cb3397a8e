import type { Clock } from '../clock.js';
import {
  fixtureQueueSchema,
  type FixtureQueue,
  type FixtureQueueInput,
  type LivePatch,
  type Traffic,
  type WorkerCounts,
  type WorkspaceFixture,
} from './fixture.js';
import { applyLivePatch } from './live-patch.js';
import {
  createLiveQueue,
  snapshotOf,
  step,
  type LiveQueue,
  type LiveSnapshot,
} from './live-queue.js';
import { createSeededRandom, seedFrom, type Random } from './seeded-random.js';
import { deriveSid } from './sids.js';
import { EmulatorInputError, parseWith } from './validation.js';

/** The demo's queueing walk moves every queue once per tick of the injected clock. */
const TICK_MS = 5_000;
/** After a longer gap (a paused demo) the walk skips ahead instead of replaying every tick. */
const MAX_CATCH_UP_TICKS = 720;
const DAY_MS = 86_400_000;

export interface Activity {
  readonly sid: string;
  readonly friendlyName: string;
  /** Workers in an available activity count in total_available_workers. */
  readonly available: boolean;
  readonly workers: keyof WorkerCounts;
}

/** One queue as the endpoints see it at one instant. */
export interface QueueSnapshot {
  /** Creation order; the lists are sorted by it and page tokens point into it. */
  readonly seq: number;
  readonly friendlyName: string;
  readonly taskQueueSid: string;
  readonly voiceQueueSid: string;
  readonly targetWorkers: string | null;
  readonly maxSize: number;
  /** Epoch ms. */
  readonly dateCreated: number;
  readonly traffic: Traffic;
  readonly live: LiveSnapshot;
}

/** What tests, the demo and the control endpoints may do to the workspace. */
export interface EmulatorWorkspace {
  readonly accountSid: string;
  readonly workspaceSid: string;
  /** Every queue, in creation order, with its numbers now. */
  list(): readonly QueueSnapshot[];
  /** By TaskQueue SID, Voice queue SID or friendly name. */
  get(sidOrName: string): QueueSnapshot | undefined;
  add(queue: FixtureQueueInput): QueueSnapshot;
  remove(sidOrName: string): boolean;
  /** Replaces the given live numbers; the walk goes on from there. */
  setLive(sidOrName: string, patch: LivePatch): QueueSnapshot;
}

export interface WorkspaceState extends EmulatorWorkspace {
  readonly friendlyName: string;
  readonly activities: readonly Activity[];
  /** The one TaskChannel the emulated tasks are on (`voice`). */
  readonly voiceChannelSid: string;
  now(): number;
}

interface QueueEntry {
  readonly seq: number;
  readonly definition: Omit<FixtureQueue, 'live' | 'dateCreated'> & {
    readonly taskQueueSid: string;
    readonly voiceQueueSid: string;
    readonly dateCreated: number;
  };
  live: LiveQueue;
  readonly random: Random;
  tick: number;
}

export function createWorkspaceState(options: {
  accountSid: string;
  workspaceSid: string;
  fixture: WorkspaceFixture;
  clock: Clock;
}): WorkspaceState {
  const { accountSid, workspaceSid, fixture, clock } = options;
  const entries: QueueEntry[] = [];
  let nextSeq = 1;
  // TaskRouter's default activities; only Idle is available.
  const activities: Activity[] = (
    [
      { friendlyName: 'Offline', available: false, workers: 'offline' },
      { friendlyName: 'Idle', available: true, workers: 'idle' },
      { friendlyName: 'Busy', available: false, workers: 'busy' },
      { friendlyName: 'Reserved', available: false, workers: 'reserved' },
    ] as const
  ).map((activity) => ({ ...activity, sid: deriveSid('WA', workspaceSid, activity.friendlyName) }));

  const advance = (entry: QueueEntry, now: number) => {
    const target = Math.floor(now / TICK_MS);
    if (target - entry.tick > MAX_CATCH_UP_TICKS) entry.tick = target - MAX_CATCH_UP_TICKS;
    for (; entry.tick < target;) {
      entry.tick += 1;
      step(entry.live, entry.definition.traffic, entry.random, entry.tick * TICK_MS, TICK_MS);
    }
  };

  const snapshot = (entry: QueueEntry, now: number): QueueSnapshot => {
    advance(entry, now);
    return { seq: entry.seq, ...entry.definition, live: snapshotOf(entry.live, now) };
  };

  const find = (sidOrName: string) =>
    entries.find(
      ({ definition: d }) =>
        d.taskQueueSid === sidOrName ||
        d.voiceQueueSid === sidOrName ||
        d.friendlyName === sidOrName,
    );

  const insert = (queue: FixtureQueue, defaultCreatedAt: number): QueueEntry => {
    const problems = [
      ...(find(queue.friendlyName) === undefined
        ? []
        : [`friendlyName: a queue named "${queue.friendlyName}" exists`]),
      ...(queue.taskQueueSid !== undefined && find(queue.taskQueueSid) !== undefined
        ? [`taskQueueSid: ${queue.taskQueueSid} is taken`]
        : []),
      ...(queue.voiceQueueSid !== undefined && find(queue.voiceQueueSid) !== undefined
        ? [`voiceQueueSid: ${queue.voiceQueueSid} is taken`]
        : []),
    ];
    if (problems.length > 0) throw new EmulatorInputError('queue', problems);
    const seq = nextSeq++;
    const now = clock.now();
    const { live, dateCreated, ...rest } = queue;
    const taskQueueSid =
      queue.taskQueueSid ?? deriveSid('WQ', workspaceSid, queue.friendlyName, seq);
    const entry: QueueEntry = {
      seq,
      definition: {
        ...rest,
        taskQueueSid,
        voiceQueueSid: queue.voiceQueueSid ?? deriveSid('QU', accountSid, queue.friendlyName, seq),
        dateCreated: dateCreated === undefined ? defaultCreatedAt : Date.parse(dateCreated),
      },
      live: createLiveQueue(live, now),
      random: createSeededRandom(seedFrom(fixture.seed, taskQueueSid)),
      tick: Math.floor(now / TICK_MS),
    };
    entries.push(entry);
    return entry;
  };

  // Fixture queues have a history: a month, so any statistics window Twilio allows is covered.
  const startedAt = Math.floor(clock.now() / 1000) * 1000;
  for (const queue of fixture.queues) insert(queue, startedAt - 30 * DAY_MS);

  return {
    accountSid,
    workspaceSid,
    friendlyName: fixture.friendlyName,
    activities,
    voiceChannelSid: deriveSid('TC', workspaceSid, 'voice'),
    now: () => clock.now(),
    list() {
      const now = clock.now();
      return entries.map((entry) => snapshot(entry, now));
    },
    get(sidOrName) {
      const entry = find(sidOrName);
      return entry === undefined ? undefined : snapshot(entry, clock.now());
    },
    add(input) {
      const queue = parseWith(fixtureQueueSchema, input, 'queue');
      // A queue added while running starts with no history.
      return snapshot(insert(queue, Math.floor(clock.now() / 1000) * 1000), clock.now());
    },
    remove(sidOrName) {
      const entry = find(sidOrName);
      if (entry === undefined) return false;
      entries.splice(entries.indexOf(entry), 1);
      return true;
    },
    setLive(sidOrName, input) {
      const entry = find(sidOrName);
      if (entry === undefined) throw new EmulatorInputError('queue', [`no queue "${sidOrName}"`]);
      const now = clock.now();
      const merged = applyLivePatch(snapshot(entry, now).live, input);
      entry.live = createLiveQueue(merged, now);
      return snapshot(entry, now);
    },
  };
}
