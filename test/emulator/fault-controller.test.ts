import { createFaultController } from '../../src/emulator/faults.js';
import { EmulatorInputError } from '../../src/emulator/validation.js';

const TASK_QUEUES = '/v1/Workspaces/WS1/TaskQueues';
const VOICE = '/2010-04-01/Accounts/AC1/Queues.json';
const WORKER = '/v1/Workspaces/WS1/Workers/WK1';

describe('the fault controller', () => {
  it('lets everything through with no faults set', () => {
    const faults = createFaultController();

    expect(faults.decide(TASK_QUEUES)).toEqual({
      delayMs: 0,
      scriptedDelay: false,
      outcome: undefined,
    });
  });

  it('uses up scripts in order, each only on the paths it matches', () => {
    const faults = createFaultController();
    faults.script(
      { kind: 'drop', match: /Queues\.json$/ },
      { kind: 'rate-limited', retryAfterSeconds: 2, times: 2 },
      { kind: 'delay', ms: 300 },
    );

    const outcomes = [TASK_QUEUES, VOICE, TASK_QUEUES, TASK_QUEUES, VOICE].map((path) =>
      faults.decide(path),
    );

    expect(outcomes).toEqual([
      { delayMs: 0, scriptedDelay: false, outcome: { kind: 'rate-limited', retryAfterSeconds: 2 } },
      { delayMs: 0, scriptedDelay: false, outcome: { kind: 'drop' } },
      { delayMs: 0, scriptedDelay: false, outcome: { kind: 'rate-limited', retryAfterSeconds: 2 } },
      { delayMs: 300, scriptedDelay: true, outcome: undefined },
      { delayMs: 0, scriptedDelay: false, outcome: undefined },
    ]);
    expect(faults.pending).toEqual([]);
  });

  it('throws the shares’ dice from its seed, so the same seed gives the same faults', () => {
    const run = () => {
      const faults = createFaultController({
        initial: { serverErrorShare: 0.25, dropShare: 0.25, malformedShare: 0.25, seed: 7 },
      });
      return Array.from({ length: 200 }, () => faults.decide(TASK_QUEUES).outcome?.kind ?? 'ok');
    };

    const first = run();
    expect(run()).toEqual(first);
    for (const kind of ['ok', 'server-error', 'drop', 'malformed']) {
      // About a quarter each.
      expect(first.filter((k) => k === kind).length).toBeGreaterThan(25);
    }
  });

  it('adds latency with seeded jitter', () => {
    const faults = createFaultController({ initial: { latency: { fixedMs: 100, jitterMs: 50 } } });

    const delays = Array.from({ length: 50 }, () => faults.decide(TASK_QUEUES).delayMs);

    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(150);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('gives writes their own bucket when writeRateLimit is set; reads keep rateLimit', () => {
    let now = 0;
    const faults = createFaultController({
      initial: {
        rateLimit: { requestsPerSecond: 1, burst: 1 },
        writeRateLimit: { requestsPerSecond: 2, burst: 2, retryAfter: false },
      },
      now: () => now,
    });
    const kinds = (method: string, n: number) =>
      Array.from({ length: n }, () => faults.decide(WORKER, method).outcome?.kind ?? 'ok');

    expect(kinds('POST', 3)).toEqual(['ok', 'ok', 'rate-limited']);
    expect(kinds('GET', 2)).toEqual(['ok', 'rate-limited']);
    expect(faults.decide(WORKER, 'post').outcome).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: undefined,
    });
    now += 500;
    expect(kinds('POST', 2)).toEqual(['ok', 'rate-limited']);
  });

  it('without writeRateLimit, writes and reads share rateLimit as before', () => {
    const faults = createFaultController({
      initial: { rateLimit: { requestsPerSecond: 1, burst: 2 } },
      now: () => 0,
    });

    expect(faults.decide(WORKER, 'POST').outcome).toBeUndefined();
    expect(faults.decide(TASK_QUEUES).outcome).toBeUndefined();
    expect(faults.decide(WORKER, 'POST').outcome).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 1,
    });
  });

  it('uses a script with a method only on requests with that method', () => {
    const faults = createFaultController();
    faults.script({ kind: 'server-error', status: 503, method: 'post', match: '/Workers/' });

    expect(faults.decide(WORKER, 'GET').outcome).toBeUndefined();
    expect(faults.decide(TASK_QUEUES, 'POST').outcome).toBeUndefined();
    expect(faults.pending).toEqual([
      {
        kind: 'server-error',
        status: 503,
        method: 'POST',
        match: '/Workers/',
        times: 1,
        remaining: 1,
      },
    ]);
    expect(faults.decide(WORKER, 'POST').outcome).toEqual({ kind: 'server-error', status: 503 });
    expect(faults.pending).toEqual([]);
  });

  it('refuses bad options and scripts, naming the field, and keeps what it had', () => {
    const faults = createFaultController({ initial: { dropShare: 0.5 } });

    expect(() => faults.set({ dropShare: 0.6, malformedShare: 0.6 })).toThrow(/must not exceed 1/);
    expect(() => faults.set({ pathPattern: '([' })).toThrow(
      /pathPattern: must be a valid regular expression/,
    );
    expect(() => faults.script({ kind: 'drop' }, { kind: 'delay', ms: -1 })).toThrow(
      EmulatorInputError,
    );
    expect(() => faults.script({ kind: 'drop' }, { kind: 'delay', ms: -1 })).toThrow(
      /scripted fault \[1\]: ms/,
    );
    expect(faults.options.dropShare).toBe(0.5);
    expect(faults.pending).toEqual([]);
  });
});
