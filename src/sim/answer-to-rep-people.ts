import { createCallDice, type CallScript } from '../emulator/call-outcomes.js';
import { callOptionsSchema, type OutcomeMix } from '../emulator/call-options.js';
import type { EmulatorCalls } from '../emulator/call-state.js';

/** Who the callees are: the emulator's mix and ranges, as its options take them. */
export interface PeopleOptions {
  readonly seed: number;
  readonly outcomes: Partial<OutcomeMix>;
  readonly ringMs: { minMs: number; maxMs: number };
  readonly talkMs: { minMs: number; maxMs: number };
}

/**
 * Each contact's behaviour (who answers, after how long, how long they talk), drawn once per seed
 * with the emulator's own dice, in list order, and scripted on the emulator for that number.
 * Left to the emulator's mix, a call's draws come in the order calls are created and answered,
 * so two dialers that dial at other moments would meet other people: scripted, every run of a
 * seed meets the same people, and the runs compare pacing alone.
 */
export function scriptPeople(
  calls: Pick<EmulatorCalls, 'script'>,
  phones: readonly string[],
  options: PeopleOptions,
): readonly CallScript[] {
  const dice = createCallDice(
    callOptionsSchema.parse({
      seed: options.seed,
      outcomes: { machine: 0, busy: 0, noAnswer: 0, ...options.outcomes },
      ringMs: options.ringMs,
      talkMs: options.talkMs,
    }),
  );
  return phones.map((phone) => {
    const person: CallScript = {
      outcome: dice.next(phone).outcome,
      ringMs: dice.ringMs(),
      talkMs: dice.talkMs(),
    };
    calls.script(phone, person);
    return person;
  });
}
