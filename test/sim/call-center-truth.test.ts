import { createCallCenter } from '../../src/sim/call-center.js';
import type { CallCenterConfig } from '../../src/sim/call-center-config.js';
import { recordActivity, singleQueue } from './call-center-support.js';

describe('ground truth with infinite patience', () => {
  const config = singleQueue({
    agents: 5,
    load: 0.9,
    meanServiceSeconds: 120,
    durationSeconds: 4 * 3600,
    seed: 11,
  });

  it("is each caller's actual wait, as callerLeft reports it", () => {
    const log = recordActivity();
    const result = createCallCenter(config).run({ listeners: [log.listener] });
    const [summary] = result.queues;

    expect(summary).toMatchObject({ abandoned: 0, unresolved: 0 });
    expect(summary?.served).toBe(summary?.arrived);
    expect(result.callers).toHaveLength(summary!.arrived - summary!.servedWithoutWaiting);
    expect(result.callers.length).toBeGreaterThan(300);
    for (const caller of result.callers) {
      expect(caller.abandoned).toBe(false);
      expect(caller.trueWaitSeconds).toBe(caller.waitedSeconds);
      expect(caller.trueWaitSeconds).toBeGreaterThanOrEqual(0);
      const left = log.left.get(caller.id);
      expect(left).toMatchObject({
        queue: 'customers',
        outcome: 'served',
        waitSeconds: caller.trueWaitSeconds,
        callSid: caller.id,
      });
      expect(left!.at).toBeCloseTo(caller.arrivalAt + caller.trueWaitSeconds * 1000, 6);
    }
  });

  it('tells listeners of a caller who finds a free agent: entered, then served after 0 s', () => {
    const log = recordActivity();
    const result = createCallCenter(config).run({ listeners: [log.listener] });
    const waited = new Set(result.callers.map((c) => c.id));
    const immediate = [...log.entered.keys()].filter((sid) => !waited.has(sid));

    expect(immediate).toHaveLength(result.queues[0]!.servedWithoutWaiting);
    for (const sid of immediate) {
      const index = log.calls.findIndex((c) => c.kind === 'entered' && c.entry.callSid === sid);
      const entry = log.entered.get(sid)!;
      expect(log.calls[index + 1]).toEqual({
        kind: 'left',
        event: {
          queue: 'customers',
          outcome: 'served',
          waitSeconds: 0,
          at: entry.at,
          callSid: sid,
        },
      });
    }
  });

  it('calls listeners in time order, each caller entering before it leaves', () => {
    const log = recordActivity();
    createCallCenter(config).run({ listeners: [log.listener] });
    const times = log.calls.map((c) => (c.kind === 'entered' ? c.entry.at : c.event.at));

    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    const seen = new Set<string>();
    for (const call of log.calls) {
      if (call.kind === 'entered') seen.add(call.entry.callSid!);
      else expect(seen.has(call.event.callSid!)).toBe(true);
    }
    expect(log.left.size).toBe(log.entered.size);
    expect([...log.entered.keys()].slice(0, 2)).toEqual(['CA-sim-000001', 'CA-sim-000002']);
  });
});

describe('ground truth for callers who hang up (ghosts)', () => {
  // One agent, calls of exactly 100 s, callers who hang up after exactly 150 s, arrivals at
  // load 1.1: a reference computed by hand from the arrival times alone.
  const SERVICE_MS = Math.exp(Math.log(100)) * 1000; // a lognormal with cv 0, to the last bit
  const PATIENCE_MS = Math.exp(Math.log(150)) * 1000;
  const config: CallCenterConfig = {
    classes: [
      {
        queue: 'customers',
        arrivals: { kind: 'poisson', ratePerSecond: 1.1 / 100 },
        patience: { kind: 'lognormal', mean: 150, cv: 0 },
      },
    ],
    service: { kind: 'lognormal', mean: 100, cv: 0 },
    staffing: 1,
    durationSeconds: 20_000,
    seed: 5,
  };

  it('is when the agent would have reached the caller; ghosts take no agent time', () => {
    const log = recordActivity();
    const result = createCallCenter(config).run({ listeners: [log.listener] });
    const records = new Map(result.callers.map((c) => [c.id, c]));

    let agentFreeAt = -Infinity;
    let ghosts = 0;
    for (const [sid, { at: arrivalAt }] of log.entered) {
      const start = Math.max(arrivalAt, agentFreeAt);
      const abandons = start - arrivalAt > PATIENCE_MS;
      if (!abandons) agentFreeAt = start + SERVICE_MS; // a ghost leaves the agent's time alone
      const record = records.get(sid);
      if (record === undefined) {
        expect(start).toBe(arrivalAt); // only callers served on arrival have no record
        continue;
      }
      if (abandons) ghosts++;
      expect(record.abandoned).toBe(abandons);
      expect(record.trueWaitSeconds).toBeCloseTo((start - arrivalAt) / 1000, 6);
      expect(record.waitedSeconds).toBeCloseTo(Math.min(start - arrivalAt, PATIENCE_MS) / 1000, 6);
      expect(log.left.get(sid)).toMatchObject({
        outcome: abandons ? 'abandoned' : 'served',
        waitSeconds: record.waitedSeconds,
      });
    }
    expect(ghosts).toBeGreaterThan(20);
    expect(result.queues[0]!.abandoned).toBe(ghosts);
  });
});

describe('abandonment with exponential patience (M/M/s+M)', () => {
  const run = (meanPatienceSeconds: number) =>
    createCallCenter(
      singleQueue({
        agents: 20,
        load: 1.1,
        meanServiceSeconds: 60,
        durationSeconds: 40 * 3600,
        seed: 3,
        patience: { kind: 'exponential', mean: meanPatienceSeconds },
      }),
    ).run();

  it('matches θ × total time spent waiting, and grows with impatience', () => {
    const fractions = [600, 180, 60].map((meanPatience) => {
      const result = run(meanPatience);
      const summary = result.queues[0]!;
      const timeWaited = result.callers.reduce((sum, c) => sum + c.waitedSeconds, 0);
      // A waiting caller hangs up at rate θ, so E[abandonments] = θ · E[total time waited].
      expect(Math.abs(summary.abandoned / (timeWaited / meanPatience) - 1)).toBeLessThan(0.05);
      expect(summary.abandoned).toBeGreaterThan(1000);
      return summary.abandoned / summary.arrived;
    });

    expect(fractions[0]!).toBeLessThan(fractions[1]!);
    expect(fractions[1]!).toBeLessThan(fractions[2]!);
  });

  it('gives every ghost a truth no shorter than what it waited, and counts it in the mean', () => {
    const result = run(120);
    const abandoned = result.callers.filter((c) => c.abandoned);

    expect(abandoned.length).toBe(result.queues[0]!.abandoned);
    for (const c of abandoned) expect(c.trueWaitSeconds).toBeGreaterThanOrEqual(c.waitedSeconds);
    expect(abandoned.some((c) => c.trueWaitSeconds > c.waitedSeconds + 1)).toBe(true);
    const total = result.callers.reduce((sum, c) => sum + c.trueWaitSeconds, 0);
    expect(result.queues[0]!.meanTrueWaitSeconds).toBeCloseTo(total / result.queues[0]!.arrived, 9);
  });
});
