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
import { ACTIVITY_NAMES } from './fixture-workers.js';
import { applyLivePatch } from './live-patch.js';
import {
  createLiveQueue,
  snapshotOf,
  step,
  type LiveQueue,
  type LiveSnapshot,
} from './live-queue.js';
import { createSeededRandom, seedFrom, type Random } from '../lib/seeded-random.js';
import { deriveSid } from './sids.js';
import { EmulatorInputError, parseWith } from './validation.js';
import { createWorkerStore, type EmulatorWorkers, type WorkerStore } from './worker-store.js';
import type { WorkspaceEvent } from './workspace-events.js';

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
  /** Epoch ms: when target_workers last changed, else dateCreated. */
  readonly dateUpdated: number;
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
  /** Replaces a queue's target_workers expression (null: none); emits task-queue.expression.updated. */
  setTargetWorkers(sidOrName: string, targetWorkers: string | null): QueueSnapshot;
  /** The TaskRouter Worker resources. */
  readonly workers: EmulatorWorkers;
  /** TaskRouter's default activities (Offline, Idle, Busy, Reserved); only Idle is available. */
  readonly activities: readonly Activity[];
  /** The Workspace resource's own fields, as GET /v1/Workspaces/{WS} shows them. */
  readonly settings: WorkspaceSettings;
  /** Changes the Workspace's fields (as POST /v1/Workspaces/{WS} does); the rest stay. */
  configure(patch: WorkspaceSettingsPatch): WorkspaceSettings;
}

export interface WorkspaceSettings {
  readonly friendlyName: string;
  /** Where TaskRouter events go; null: nowhere. */
  readonly eventCallbackUrl: string | null;
  /** Only these event types are sent; null: all of them. */
  readonly eventsFilter: readonly string[] | null;
  readonly dateCreated: number;
  readonly dateUpdated: number;
}

export type WorkspaceSettingsPatch = Partial<
  Pick<WorkspaceSettings, 'friendlyName' | 'eventCallbackUrl' | 'eventsFilter'>
>;

export interface WorkspaceState extends EmulatorWorkspace {
  readonly workers: WorkerStore;
  /** The one TaskChannel the emulated tasks are on (`voice`). */
  readonly voiceChannelSid: string;
  now(): number;
}

interface QueueEntry {
  readonly seq: number;
  definition: Omit<FixtureQueue, 'live' | 'dateCreated'> & {
    readonly taskQueueSid: string;
    readonly voiceQueueSid: string;
    readonly dateCreated: number;
    readonly dateUpdated: number;
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
  /** Told of every change made after the start (queues, workers), for the event callbacks. */
  emit?: (event: WorkspaceEvent) => void;
  /** The Workspace's EventCallbackUrl at the start. */
  eventCallbackUrl?: string;
}): WorkspaceState {
  const { accountSid, workspaceSid, fixture, clock } = options;
  const emit = options.emit ?? (() => undefined);
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
  // The fixture's names and these must agree: workers take their activity by name.
  if (activities.map((a) => a.friendlyName).join() !== ACTIVITY_NAMES.join()) {
    throw new Error('activities and ACTIVITY_NAMES disagree');
  }

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
    const created = dateCreated === undefined ? defaultCreatedAt : Date.parse(dateCreated);
    const taskQueueSid =
      queue.taskQueueSid ?? deriveSid('WQ', workspaceSid, queue.friendlyName, seq);
    const entry: QueueEntry = {
      seq,
      definition: {
        ...rest,
        taskQueueSid,
        voiceQueueSid: queue.voiceQueueSid ?? deriveSid('QU', accountSid, queue.friendlyName, seq),
        dateCreated: created,
        dateUpdated: created,
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
  const workers = createWorkerStore({
    workspaceSid,
    activities,
    workers: fixture.workers ?? [],
    clock,
    createdAt: startedAt - 30 * DAY_MS,
    emit,
  });
  let settings: WorkspaceSettings = Object.freeze({
    friendlyName: fixture.friendlyName,
    eventCallbackUrl: options.eventCallbackUrl ?? null,
    eventsFilter: null,
    dateCreated: startedAt - 30 * DAY_MS,
    dateUpdated: startedAt - 30 * DAY_MS,
  });

  return {
    accountSid,
    workspaceSid,
    activities,
    workers,
    get settings() {
      return settings;
    },
    configure(patch) {
      settings = Object.freeze({
        ...settings,
        ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
        dateUpdated: Math.floor(clock.now() / 1000) * 1000,
      });
      return settings;
    },
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
      const added = snapshot(insert(queue, Math.floor(clock.now() / 1000) * 1000), clock.now());
      emit({ type: 'task-queue.created', queue: added });
      return added;
    },
    remove(sidOrName) {
      const entry = find(sidOrName);
      if (entry === undefined) return false;
      const last = snapshot(entry, clock.now());
      entries.splice(entries.indexOf(entry), 1);
      emit({ type: 'task-queue.deleted', queue: last });
      return true;
    },
    setTargetWorkers(sidOrName, targetWorkers) {
      const entry = find(sidOrName);
      if (entry === undefined) throw new EmulatorInputError('queue', [`no queue "${sidOrName}"`]);
      const checked = parseWith(
        fixtureQueueSchema.shape.targetWorkers,
        targetWorkers,
        'targetWorkers',
      );
      const dateUpdated = Math.max(
        entry.definition.dateCreated,
        Math.floor(clock.now() / 1000) * 1000,
      );
      entry.definition = { ...entry.definition, targetWorkers: checked, dateUpdated };
      const updated = snapshot(entry, clock.now());
      emit({ type: 'task-queue.expression.updated', queue: updated });
      return updated;
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
