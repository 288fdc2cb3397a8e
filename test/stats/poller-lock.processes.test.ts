import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';
import { eventually } from '../support/eventually.js';

const ROOT = join(__dirname, '..', '..');
const CONTENDER = join(ROOT, 'test', 'fixtures', 'lock-contender.ts');
const TTL_MS = 1500;
const RENEW_MS = 250;

interface Contender {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The JSON lines it printed, in order. */
  readonly events: { event: string; token?: string; reason?: string }[];
  /** How often its log (stderr) said another held the lock. */
  refused: number;
}

/** Two real worker processes competing for the poller lock, one of them killed outright. */
describeWithRedis('the poller lock between two processes', () => {
  const redisForTests = useRedis();
  const started: ChildProcess[] = [];
  let admin: Redis;

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  // Only what this test started, by PID, whatever happened to the test.
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
    }
  });

  function startContender(key: string): Contender {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CONTENDER, TEST_REDIS_URL, key, String(TTL_MS), String(RENEW_MS)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.push(child);
    if (child.pid === undefined) throw new Error('contender did not start');
    const events: Contender['events'] = [];
    if (child.stdout === null) throw new Error('contender has no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      events.push(JSON.parse(line) as Contender['events'][number]);
    });
    const contender: Contender = { child, pid: child.pid, events, refused: 0 };
    if (child.stderr === null) throw new Error('contender has no stderr');
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.includes('"msg":"leader lock: held by another"')) contender.refused += 1;
    });
    return contender;
  }

  const elected = (c: Contender) => c.events.filter((e) => e.event === 'elected');

  it('elects one; when the leader is killed the other takes over within ttl + renewal', async () => {
    const key = `${redisForTests.freshPrefix()}poller:lock`;
    const a = startContender(key);
    const b = startContender(key);

    // Process start-up (tsx) takes a moment; the bound only matters when the test fails.
    await eventually(() => expect(elected(a).length + elected(b).length).toBe(1), {
      withinMs: 15_000,
      everyMs: 50,
    });
    const [leader, survivor] = elected(a).length === 1 ? [a, b] : [b, a];
    // Three renewal periods in which the other was refused: still only one.
    const refusedAtElection = survivor.refused;
    await eventually(() => expect(survivor.refused).toBeGreaterThanOrEqual(refusedAtElection + 3), {
      withinMs: 15_000,
      everyMs: 25,
    });
    expect(elected(a).length + elected(b).length).toBe(1);
    expect(elected(leader)[0]?.token).toBe(await admin.get(key));

    const exited = once(leader.child, 'exit');
    process.kill(leader.pid, 'SIGKILL'); // no release: the lock must expire
    await exited;

    await eventually(() => expect(elected(survivor)).toHaveLength(1), {
      withinMs: TTL_MS + RENEW_MS + 5000,
      everyMs: 25,
    });
    expect(elected(survivor)[0]?.token).toBe(await admin.get(key));

    const stopped = once(survivor.child, 'exit');
    process.kill(survivor.pid, 'SIGTERM');
    const [code] = (await stopped) as [number | null];

    expect(code).toBe(0);
    expect(survivor.events.map((e) => e.event)).toEqual(['elected', 'deposed', 'stopped']);
    expect(survivor.events[1]).toMatchObject({ reason: 'stopped' });
    expect(await admin.exists(key)).toBe(0); // released on the way out
  }, 40_000);
});
