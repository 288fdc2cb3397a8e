import { abandonAllowance, DEFAULT_ABANDON_TARGET } from '../../src/outbound/abandonment.js';
import type { Disposition } from '../../src/outbound/disposition.js';
import { scriptPeople } from '../../src/sim/answer-to-rep-people.js';
import { runAnswerToRep } from '../../src/sim/answer-to-rep.js';
import type { AnswerToRepResult } from '../../src/sim/answer-to-rep-tally.js';

/**
 * The predictive pacer over HTTP as Twilio drives the app: a predictive campaign (the default
 * 2% target) dials through the SDK into the emulator, whose callees answer as it draws them and
 * go through the app's queue to reps parked by the rep loop. The list is long enough for the
 * budget to open (34 live answers), so the pacer dials past one call per rep. What is checked
 * holds whatever the timing: nobody dialed twice, every person who answered reached a rep or was
 * counted abandoned, no abandon before the budget allowed any, and the campaign completes.
 */
describe('answer to rep, end to end, with a predictive campaign', () => {
  const scenario = {
    reps: 12,
    contacts: 90,
    callsPerSecond: 20,
    seed: 7,
    parkReps: true,
    pacing: 'predictive' as const,
    // People, and lines that ring busy: the pacer learns that a dial is answered 6 times in 10,
    // and a busy line holds a progressive rep while it rings.
    outcomes: { human: 0.6, busy: 0.4 },
    ringMs: { minMs: 1_500, maxMs: 4_000 },
    talkMs: { minMs: 1_000, maxMs: 2_500 },
    timeoutMs: 75_000,
  };
  const people = scriptPeople(
    { script: () => undefined },
    Array.from({ length: scenario.contacts }, (_, i) => String(i)),
    scenario,
  ).filter((person) => person.outcome === 'human').length;

  let result: AnswerToRepResult;
  beforeAll(async () => {
    result = await runAnswerToRep(scenario);
  }, 90_000);

  it('completes, dialing each contact once', () => {
    expect(result.calls).toBe(scenario.contacts);
    expect(result.dialedTwice).toBe(0);
    expect(result.ended).toHaveLength(scenario.contacts);
    expect(result.ended.every((disposition) => disposition.final)).toBe(true);
    expect(result.dispositions.busy).toBe(scenario.contacts - people);
  });

  it('connects each person who answers or counts them abandoned, as the emulator saw them', () => {
    expect(result.answerToRepMs.length + result.unserved).toBe(people);
    expect(result.dispositions.connected ?? 0).toBe(result.answerToRepMs.length);
    expect(result.dispositions.abandoned ?? 0).toBe(result.unserved);
  });

  it('abandons nobody before its budget opens', () => {
    expect(abandonedBeforeTheBudget(result.ended)).toBe(0);
  });

  it('once the budget opens, has more calls under way than it has reps', () => {
    // One call per rep is progressive; a predictive campaign that never goes past it has not
    // used its budget at all.
    expect(result.mostCallsAtOnce).toBeGreaterThan(scenario.reps);
  });
});

/**
 * Abandons that came before the budget first opened: while the live answers so far (connected
 * and abandoned, as they ended) leave no room under the cap for one abandon, the decision is
 * progressive, and a parked rep is there when its callee answers. The budget only grows with live answers, so
 * an abandon of a call dialed on budget ends after it opened.
 */
function abandonedBeforeTheBudget(ended: readonly Disposition[]): number {
  let live = 0;
  let early = 0;
  for (const { outcome } of [...ended].sort((a, b) => a.at - b.at)) {
    if (outcome !== 'connected' && outcome !== 'abandoned') continue;
    const shut = abandonAllowance(DEFAULT_ABANDON_TARGET, live, 0).capSlack <= 0;
    if (outcome === 'abandoned' && shut) early += 1;
    live += 1;
  }
  return early;
}
