import { z } from 'zod';
import { parseWorkspaceFixture, type FixtureQueue, type WorkspaceFixture } from './fixture.js';
import { createSeededRandom, randomInt, type Random } from '../lib/seeded-random.js';
import { deriveSid } from './sids.js';
import { parseWith } from './validation.js';
import { generateWorkers, targetWorkersFor, type GeneratedAttributes } from './worker-generator.js';

/** Enough workers for a demo's queues to pick among; tests ask for more (or none). */
export const DEFAULT_WORKER_COUNT = 8;

export const generateWorkspaceOptionsSchema = z
  .object({
    /** These names first; then generated ones (`queue-0003` …) up to queueCount. */
    queueNames: z.array(z.string().trim().min(1).max(64)).readonly().optional(),
    /** Defaults to the number of names given, or holdline's two default queues. */
    queueCount: z.number().int().min(0).optional(),
    /**
     * TaskRouter Workers with skills, languages, level and department (default 8; TaskRouter's
     * default cap is 15,000). With workers, each queue's target_workers picks some of them;
     * with none, it is `skills HAS "<queue name>"`. Queue SIDs and numbers do not depend on it.
     */
    workerCount: z.number().int().min(0).max(15_000).optional(),
    seed: z.number().int(),
  })
  .strict()
  .refine((o) => o.queueCount === undefined || o.queueCount >= (o.queueNames?.length ?? 0), {
    path: ['queueCount'],
    message: 'must not be smaller than the number of queueNames',
  })
  .refine((o) => new Set(o.queueNames).size === (o.queueNames?.length ?? 0), {
    path: ['queueNames'],
    message: 'names a queue twice',
  });

export type GenerateWorkspaceOptions = z.input<typeof generateWorkspaceOptionsSchema>;

/** holdline's default QUEUES, so a demo works without configuration. */
const DEFAULT_NAMES = ['premium-customers', 'customers'];

/**
 * A plausible workspace, the same for the same options. Each queue's numbers hang together:
 * callers wait only while no rep is idle (an idle rep is being offered the oldest caller), the
 * oldest caller is the longest waiting, the arrival rate keeps the reps 60–95% busy.
 */
export function generateWorkspace(input: GenerateWorkspaceOptions): WorkspaceFixture {
  const options = parseWith(generateWorkspaceOptionsSchema, input, 'generateWorkspace options');
  const names = namesFor(options);
  const random = createSeededRandom(options.seed);
  const workers = generateWorkers(options.seed, options.workerCount ?? DEFAULT_WORKER_COUNT);
  const attributes = workers.map((w) => w.attributes as unknown as GeneratedAttributes);
  return parseWorkspaceFixture(
    {
      workspaceSid: deriveSid('WS', 'generated', options.seed),
      friendlyName: `holdline emulator (seed ${options.seed})`,
      seed: options.seed,
      queues: names.map((name) => ({
        ...generateQueue(name, options.seed, random),
        targetWorkers:
          attributes.length === 0
            ? `skills HAS "${name}"`
            : targetWorkersFor(options.seed, name, attributes),
      })),
      workers,
    },
    'generated workspace',
  );
}

function namesFor(options: z.output<typeof generateWorkspaceOptionsSchema>): string[] {
  const given = options.queueNames ?? [];
  const count = options.queueCount ?? (given.length > 0 ? given.length : DEFAULT_NAMES.length);
  const names = [...given];
  const pool = options.queueNames === undefined ? [...DEFAULT_NAMES] : [];
  for (let i = names.length + 1; names.length < count; i += 1) {
    const name = pool.shift() ?? `queue-${String(i).padStart(4, '0')}`;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function generateQueue(
  name: string,
  seed: number,
  random: Random,
): Omit<FixtureQueue, 'targetWorkers'> {
  const staff = randomInt(random, 3, 25);
  const offline = Math.floor(staff * (0.1 + 0.2 * random()));
  const online = staff - offline;
  const utilization = 0.6 + 0.35 * random();
  const meanHandleSeconds = randomInt(random, 180, 420);
  const busy = Math.min(online, Math.round(online * utilization));
  let idle = online - busy;
  let waitingCallers: number;
  let reserved = 0;
  if (idle === 0) {
    waitingCallers = randomInt(random, 0, utilization > 0.85 ? 10 : 4);
  } else {
    // Someone waiting while a rep is idle is being offered to that rep right now.
    waitingCallers = random() < 0.3 ? 1 : 0;
    reserved = waitingCallers;
    idle -= reserved;
  }
  const longestWaitSeconds = waitingCallers === 0 ? 0 : randomInt(random, 5, 300);
  const averageWaitSeconds =
    waitingCallers === 0
      ? 0
      : randomInt(random, Math.ceil(longestWaitSeconds / waitingCallers), longestWaitSeconds);
  return {
    friendlyName: name,
    taskQueueSid: deriveSid('WQ', 'generated', seed, name),
    voiceQueueSid: deriveSid('QU', 'generated', seed, name),
    maxSize: 1000,
    live: {
      waitingCallers,
      longestWaitSeconds,
      averageWaitSeconds,
      workers: { idle, busy, reserved, offline },
    },
    traffic: {
      callsPerHour: Math.round(((utilization * online * 3600) / meanHandleSeconds) * 10) / 10,
      abandonShare: Math.round((0.02 + 0.13 * random()) * 1000) / 1000,
      meanAcceptedWaitSeconds: randomInt(random, 10, 120),
      meanCanceledWaitSeconds: randomInt(random, 30, 180),
      meanHandleSeconds,
    },
  };
}
