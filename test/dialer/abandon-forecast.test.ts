import { AbandonForecast, type ForecastInput } from '../../src/dialer/abandon-forecast.js';

/** Every case below is worked out by hand in its comment; slots are seconds, grace is 2. */
describe('the abandons expected of the calls out, slot by slot', () => {
  const forecast = (input: Partial<ForecastInput>) =>
    new AbandonForecast({
      repsFree: 0,
      repsFreeing: [],
      answersComing: [],
      graceSlots: 2,
      ...input,
    });

  it('counts the excess of answers over reps, not the difference of the means', () => {
    // One rep, calls answered at once with even odds. One call: E = 0. Two: P(2) = 1/4 → 0.25.
    // Three: P(2) = 3/8 → 1 abandon, P(3) = 1/8 → 2: E = 0.625.
    const oneRep = forecast({ repsFree: 1 });
    expect(oneRep.expectedAbandons(1, [0.5])).toBe(0);
    expect(oneRep.expectedAbandons(2, [0.5])).toBeCloseTo(0.25, 12);
    expect(oneRep.expectedAbandons(3, [0.5])).toBeCloseTo(0.625, 12);
  });

  it('a rep who frees within the 2 seconds after an answer takes it; one who frees later does not', () => {
    const freeAt4 = forecast({ repsFreeing: [[0, 0, 0, 0, 1]] });
    expect(freeAt4.expectedAbandons(1, [0, 0, 1])).toBe(0); // answered at 2, rep at 4: in time
    expect(freeAt4.expectedAbandons(1, [0, 1])).toBe(1); // answered at 1: 3 s to wait
    // Half a chance the rep frees at 3; the answer at 1 is then in time: E = 1/2.
    expect(forecast({ repsFreeing: [[0, 0, 0, 0.5]] }).expectedAbandons(1, [0, 1])).toBeCloseTo(
      0.5,
      12,
    );
  });

  it('a rep who frees before the answers waits for them, and takes only one', () => {
    const freeNow = forecast({ repsFreeing: [[1]] });
    expect(freeNow.expectedAbandons(1, [0, 0, 0, 0, 0, 1])).toBe(0);
    expect(freeNow.expectedAbandons(2, [0, 0, 0, 0, 0, 1])).toBe(1);
  });

  it('a rep taken by an earlier answer is not free for a later one', () => {
    // One rep free; a callee already waiting takes them; a new call answered at 3 finds none.
    const busyFirst = forecast({ repsFree: 1, answersComing: [[1]] });
    expect(busyFirst.expectedAbandons(0, [])).toBe(0);
    expect(busyFirst.expectedAbandons(1, [0, 0, 0, 1])).toBe(1);
    // Without the waiting callee, the rep is there at 3.
    expect(forecast({ repsFree: 1 }).expectedAbandons(1, [0, 0, 0, 1])).toBe(0);
  });

  it('adds the calls out to the new ones in the slot they answer', () => {
    // One rep; a call out answers at 2 with 1/2, a new one at 2 with 1/2: P(both) = 1/4.
    const out = forecast({ repsFree: 1, answersComing: [[0, 0, 0.5]] });
    expect(out.expectedAbandons(1, [0, 0, 0.5])).toBeCloseTo(0.25, 12);
    // In different slots, the first to answer takes the rep: the later abandons when both answer.
    expect(out.expectedAbandons(1, [0, 0, 0, 0.5])).toBeCloseTo(0.25, 12);
  });
});
