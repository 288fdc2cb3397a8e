import type { Clock } from '../clock.js';
import {
  fixtureWorkerSchema,
  workerPatchSchema,
  type FixtureWorker,
  type FixtureWorkerInput,
  type WorkerPatchInput,
} from './fixture-workers.js';
import { deriveSid } from './sids.js';
import { EmulatorInputError, parseWith } from './validation.js';
import { attributesText } from './worker-attributes.js';
import type { WorkspaceEvent } from './workspace-events.js';

export interface WorkerActivity {
  readonly sid: string;
  readonly friendlyName: string;
  readonly available: boolean;
}

/** One TaskRouter Worker as the endpoints see it. Dates are epoch ms of the workspace clock. */
export interface WorkerSnapshot {
  /** Creation order; the list is sorted by it and page tokens point into it. */
  readonly seq: number;
  readonly sid: string;
  readonly friendlyName: string;
  /** The JSON text, exactly as last written. */
  readonly attributes: string;
  readonly activity: WorkerActivity;
  readonly dateCreated: number;
  readonly dateUpdated: number;
  readonly dateStatusChanged: number;
  /** 0 when created, one more with every update (the events' WorkerVersion). */
  readonly version: number;
}

/** A change as the REST update carries it (already checked there). */
export interface WorkerChange {
  readonly friendlyName?: string;
  readonly attributes?: string;
  readonly activitySid?: string;
}

/** What tests, the demo and the control endpoints may do to the workers. */
export interface EmulatorWorkers {
  /** Every worker, in creation order. */
  list(): readonly WorkerSnapshot[];
  /** By SID, or by friendly name (case-insensitive, as TaskRouter compares them). */
  get(sidOrName: string): WorkerSnapshot | undefined;
  /** Creates a worker; a worker.created event follows. */
  add(worker: FixtureWorkerInput): WorkerSnapshot;
  /** As a REST update would: worker.attributes.update / worker.activity.update events follow. */
  update(sidOrName: string, patch: WorkerPatchInput): WorkerSnapshot;
  /** A worker.deleted event follows. */
  remove(sidOrName: string): boolean;
}

export interface WorkerStore extends EmulatorWorkers {
  /** The REST update: the same change and events as update(), with checked Twilio parameters. */
  change(sid: string, change: WorkerChange): WorkerSnapshot;
  activityBySid(sid: string): WorkerActivity | undefined;
}

interface WorkerEntry {
  seq: number;
  sid: string;
  friendlyName: string;
  attributes: string;
  activity: WorkerActivity;
  dateCreated: number;
  dateUpdated: number;
  dateStatusChanged: number;
  version: number;
}

export function createWorkerStore(options: {
  workspaceSid: string;
  activities: readonly WorkerActivity[];
  workers: readonly FixtureWorker[];
  clock: Clock;
  /** When the fixture's workers were created, unless they say. */
  createdAt: number;
  emit: (event: WorkspaceEvent) => void;
}): WorkerStore {
  const { workspaceSid, activities, clock, emit } = options;
  const entries: WorkerEntry[] = [];
  // Indexes: a workspace may hold 15,000 workers, each written many times.
  const bySid = new Map<string, WorkerEntry>();
  const byName = new Map<string, WorkerEntry>();
  let nextSeq = 1;

  const activityNamed = (name: string): WorkerActivity => {
    const activity = activities.find((a) => a.friendlyName === name);
    if (activity === undefined) throw new EmulatorInputError('worker', [`no activity "${name}"`]);
    return activity;
  };
  const find = (sidOrName: string) => bySid.get(sidOrName) ?? byName.get(sidOrName.toLowerCase());
  const snapshot = (e: WorkerEntry): WorkerSnapshot => Object.freeze({ ...e });
  const checkName = (name: string, self?: WorkerEntry) => {
    const other = find(name);
    if (other !== undefined && other !== self) {
      throw new EmulatorInputError('worker', [`friendlyName: a worker named "${name}" exists`]);
    }
  };

  const insert = (worker: FixtureWorker, defaultCreatedAt: number): WorkerEntry => {
    checkName(worker.friendlyName);
    if (worker.workerSid !== undefined && find(worker.workerSid) !== undefined) {
      throw new EmulatorInputError('worker', [`workerSid: ${worker.workerSid} is taken`]);
    }
    const seq = nextSeq++;
    const created =
      worker.dateCreated === undefined ? defaultCreatedAt : Date.parse(worker.dateCreated);
    const entry: WorkerEntry = {
      seq,
      sid: worker.workerSid ?? deriveSid('WK', workspaceSid, worker.friendlyName, seq),
      friendlyName: worker.friendlyName,
      attributes: attributesText(worker.attributes),
      activity: activityNamed(worker.activity),
      dateCreated: created,
      dateUpdated: created,
      dateStatusChanged: created,
      version: 0,
    };
    entries.push(entry);
    bySid.set(entry.sid, entry);
    byName.set(entry.friendlyName.toLowerCase(), entry);
    return entry;
  };

  const apply = (entry: WorkerEntry, change: WorkerChange): WorkerSnapshot => {
    if (change.friendlyName !== undefined) checkName(change.friendlyName, entry);
    const previous = snapshot(entry);
    const now = clock.now();
    const activity =
      change.activitySid === undefined
        ? undefined
        : activities.find((a) => a.sid === change.activitySid);
    if (change.friendlyName !== undefined) {
      byName.delete(entry.friendlyName.toLowerCase());
      entry.friendlyName = change.friendlyName;
      byName.set(entry.friendlyName.toLowerCase(), entry);
    }
    if (change.attributes !== undefined) entry.attributes = change.attributes;
    const activityChanged = activity !== undefined && activity.sid !== entry.activity.sid;
    if (activityChanged) {
      entry.activity = activity;
      entry.dateStatusChanged = now;
    }
    entry.version += 1;
    entry.dateUpdated = now;
    const worker = snapshot(entry);
    // Real TaskRouter reports every attributes write, an unchanged one and the app's own included.
    if (change.attributes !== undefined) emit({ type: 'worker.attributes.update', worker });
    if (activityChanged) emit({ type: 'worker.activity.update', worker, previous });
    return worker;
  };

  for (const worker of options.workers) insert(worker, options.createdAt);

  return {
    list: () => entries.map(snapshot),
    get(sidOrName) {
      const entry = find(sidOrName);
      return entry === undefined ? undefined : snapshot(entry);
    },
    add(input) {
      const worker = parseWith(fixtureWorkerSchema, input, 'worker');
      const added = snapshot(insert(worker, Math.floor(clock.now() / 1000) * 1000));
      emit({ type: 'worker.created', worker: added });
      return added;
    },
    update(sidOrName, input) {
      const entry = find(sidOrName);
      if (entry === undefined) throw new EmulatorInputError('worker', [`no worker "${sidOrName}"`]);
      const patch = parseWith(workerPatchSchema, input, 'worker');
      return apply(entry, {
        friendlyName: patch.friendlyName,
        attributes: patch.attributes === undefined ? undefined : attributesText(patch.attributes),
        activitySid: patch.activity === undefined ? undefined : activityNamed(patch.activity).sid,
      });
    },
    remove(sidOrName) {
      const entry = find(sidOrName);
      if (entry === undefined) return false;
      entries.splice(entries.indexOf(entry), 1);
      bySid.delete(entry.sid);
      byName.delete(entry.friendlyName.toLowerCase());
      emit({ type: 'worker.deleted', worker: snapshot(entry) });
      return true;
    },
    change(sid, change) {
      const entry = bySid.get(sid);
      if (entry === undefined) throw new EmulatorInputError('worker', [`no worker "${sid}"`]);
      return apply(entry, change);
    },
    activityBySid: (sid) => activities.find((a) => a.sid === sid),
  };
}
