import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fixtureWorkerSchema, repeatedWorkers } from './fixture-workers.js';
import { sidPattern, type SidPrefix } from './sids.js';
import { EmulatorInputError, parseWith } from './validation.js';

/**
 * The workspace fixture: a JSON document describing the queues the emulator serves. The same
 * format comes out of generateWorkspace, so a generated workspace can be saved, edited and
 * loaded back. Every field but `queues[].friendlyName` has a default; see the schema below and
 * the example in the emulator's documentation (src/emulator/README.md).
 */

const sid = (prefix: SidPrefix) =>
  z.string().regex(sidPattern(prefix), `must be ${prefix} followed by 32 hex digits`);
const count = z.number().int().min(0);

export const workerCountsSchema = z
  .object({
    /** Available (TaskRouter's Idle activity): counted in total_available_workers. */
    idle: count.default(0),
    /** On a call (Busy): each holds one assigned task. */
    busy: count.default(0),
    /** Being offered a caller (Reserved): each holds one reserved task. */
    reserved: count.default(0),
    offline: count.default(0),
  })
  .strict();

const liveFields = {
  /** Callers in the Voice queue (current_size): TaskRouter's pending plus reserved tasks. */
  waitingCallers: count,
  /** Age of the oldest waiting caller (longest_task_waiting_age). */
  longestWaitSeconds: count,
  /** Mean age of the waiting callers (Voice average_wait_time). */
  averageWaitSeconds: count,
};

/** Live numbers must describe callers that could exist: ages between 0 and the oldest's. */
function checkAges(
  live: { waitingCallers: number; longestWaitSeconds: number; averageWaitSeconds?: number },
  ctx: z.RefinementCtx,
): void {
  const { waitingCallers: n, longestWaitSeconds: longest, averageWaitSeconds: average } = live;
  if (n === 0) {
    if (longest !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['longestWaitSeconds'],
        message: 'must be 0 when nobody waits',
      });
    }
    if (average !== undefined && average !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['averageWaitSeconds'],
        message: 'must be 0 when nobody waits',
      });
    }
    return;
  }
  if (average === undefined) return;
  if (average > longest) {
    ctx.addIssue({
      code: 'custom',
      path: ['averageWaitSeconds'],
      message: 'must not exceed longestWaitSeconds',
    });
  } else if (average * n < longest) {
    ctx.addIssue({
      code: 'custom',
      path: ['averageWaitSeconds'],
      message: `must be at least longestWaitSeconds / waitingCallers (${Math.ceil(longest / n)})`,
    });
  }
}

export const liveNumbersSchema = z
  .object({
    waitingCallers: liveFields.waitingCallers.default(0),
    longestWaitSeconds: liveFields.longestWaitSeconds.default(0),
    /** Omitted: chosen between the oldest's age / waiting and the oldest's age. */
    averageWaitSeconds: liveFields.averageWaitSeconds.optional(),
    workers: workerCountsSchema.prefault({}),
  })
  .strict()
  .superRefine(checkAges);

/** A change to a queue's live numbers (setLive, PATCH /__emulator/queues/…): fields to replace. */
export const livePatchSchema = z
  .object({
    waitingCallers: liveFields.waitingCallers.optional(),
    longestWaitSeconds: liveFields.longestWaitSeconds.optional(),
    averageWaitSeconds: liveFields.averageWaitSeconds.optional(),
    workers: workerCountsSchema.partial().optional(),
  })
  .strict();

/** What drives the cumulative numbers and the demo's queueing walk. */
export const trafficSchema = z
  .object({
    /** Mean arrivals; the rate swings ±50% over a day so the windows differ. */
    callsPerHour: z.number().min(0).default(30),
    /** Share of entered callers who hang up while waiting (tasks_canceled). */
    abandonShare: z.number().min(0).max(0.9).default(0.08),
    meanAcceptedWaitSeconds: z.number().min(0).default(45),
    meanCanceledWaitSeconds: z.number().min(0).default(90),
    /** How long a rep stays busy with a caller. */
    meanHandleSeconds: z.number().positive().default(240),
  })
  .strict();

export const fixtureQueueSchema = z
  .object({
    /** The TaskQueue's and the Voice queue's name (holdline pairs them by it). */
    friendlyName: z.string().trim().min(1).max(64),
    taskQueueSid: sid('WQ').optional(),
    voiceQueueSid: sid('QU').optional(),
    targetWorkers: z.string().nullable().default(null),
    maxSize: z.number().int().min(1).max(5000).default(1000),
    /** ISO 8601. Omitted: 30 days before the emulator started (or now, for a queue added later). */
    dateCreated: z.iso.datetime({ offset: true }).optional(),
    live: liveNumbersSchema.prefault({}),
    traffic: trafficSchema.prefault({}),
  })
  .strict();

export const workspaceFixtureSchema = z
  .object({
    workspaceSid: sid('WS').optional(),
    friendlyName: z.string().min(1).default('holdline emulator'),
    /** Seeds the demo's queueing walk. */
    seed: z.number().int().default(1),
    queues: z.array(fixtureQueueSchema),
    /** TaskRouter Workers (optional: a fixture without them has none). */
    workers: z.array(fixtureWorkerSchema).optional(),
  })
  .strict()
  .superRefine((fixture, ctx) => {
    for (const { index, field, message } of repeatedWorkers(fixture.workers ?? [])) {
      ctx.addIssue({ code: 'custom', path: ['workers', index, field], message });
    }
    const seen = new Map<string, number>();
    fixture.queues.forEach((queue, index) => {
      for (const key of ['friendlyName', 'taskQueueSid', 'voiceQueueSid'] as const) {
        const value = queue[key];
        if (value === undefined) continue;
        const id = `${key}:${value}`;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, index);
        else {
          ctx.addIssue({
            code: 'custom',
            path: ['queues', index, key],
            message: `repeats queues[${first}].${key} (${value})`,
          });
        }
      }
    });
  });

/** A fixture as written (defaults may be left out). */
export type WorkspaceFixtureInput = z.input<typeof workspaceFixtureSchema>;
/** A fixture with every default filled in. */
export type WorkspaceFixture = z.output<typeof workspaceFixtureSchema>;
export type FixtureQueueInput = z.input<typeof fixtureQueueSchema>;
export type FixtureQueue = z.output<typeof fixtureQueueSchema>;
export type WorkerCounts = z.output<typeof workerCountsSchema>;
export type LiveNumbers = z.output<typeof liveNumbersSchema>;
export type LivePatch = z.input<typeof livePatchSchema>;
export type Traffic = z.output<typeof trafficSchema>;

export function parseWorkspaceFixture(
  input: unknown,
  source = 'workspace fixture',
): WorkspaceFixture {
  return parseWith(workspaceFixtureSchema, input, source);
}

export async function loadWorkspaceFixture(file: string): Promise<WorkspaceFixture> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new EmulatorInputError(file, [error instanceof Error ? error.message : String(error)]);
  }
  return parseWorkspaceFixture(json, file);
}
