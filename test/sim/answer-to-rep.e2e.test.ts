import { runAnswerToRep } from '../../src/sim/answer-to-rep.js';

/**
 * A campaign over HTTP as Twilio drives it (the emulator plays every TwiML answer and rings
 * the reps in): what is checked is who reached a rep, not how fast — the time is the
 * benchmark's (npm run bench:answer-to-rep).
 */
describe('answer to rep, end to end', () => {
  jest.setTimeout(90_000);

  /** Six people who all answer, two reps, short calls. */
  const run = (parkReps: boolean) =>
    runAnswerToRep({
      reps: 2,
      contacts: 6,
      callsPerSecond: 10,
      seed: 5,
      parkReps,
      outcomes: { human: 1 },
      ringMs: { minMs: 300, maxMs: 800 },
      talkMs: { minMs: 500, maxMs: 1_000 },
      timeoutMs: 60_000,
    });

  it('with reps parked on the campaign’s queue, every person who answers is bridged to a rep', async () => {
    const result = await run(true);

    expect(result.calls).toBe(6);
    expect(result.answerToRepMs).toHaveLength(6);
    expect(result.unserved).toBe(0);
    expect(result.dispositions).toEqual({ connected: 6 });
    // Progressive: a rep for every call under way.
    expect(result.mostCallsAtOnce).toBeLessThanOrEqual(2);
    expect(result.dialedTwice).toBe(0);
  });

  it('with a rep loop that only polls, the app counts as abandoned exactly who the emulator saw leave unserved', async () => {
    const result = await run(false);

    expect(result.calls).toBe(6);
    // Whatever the timing, what the emulator saw and what the app recorded agree.
    expect(result.dispositions.connected ?? 0).toBe(result.answerToRepMs.length);
    expect(result.dispositions.abandoned ?? 0).toBe(result.unserved);
    expect(result.answerToRepMs.length + result.unserved).toBe(6);
  });
});
