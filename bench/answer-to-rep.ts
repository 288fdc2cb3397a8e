import { parseArgs } from 'node:util';
import { runAnswerToRep } from '../src/sim/answer-to-rep.js';
import type { AnswerToRepResult } from '../src/sim/answer-to-rep-tally.js';
import { positiveNumber, progress, say } from './lib/cli.js';
import { percentile } from './lib/load.js';

/**
 * Issue 17's 2-second rule, measured as Twilio drives the app: reps ring into the rep loop, the
 * queue service dials a campaign through the SDK into the emulator, whose callees answer, hear
 * the app's <Enqueue> and wait URL, and are bridged by the reps' <Dial><Queue> — every request
 * over HTTP, in real time. The answer-to-rep time is the emulator's: from a person's answer to
 * the bridge. One line for holdline's rep loop (reps park on the campaign's queue) and one for
 * the same campaign with the rep loop as it was before (one-second dials and rests), the
 * baseline. Target: p95 ≤ 2000 ms, no one abandoned.
 *
 * With --pacing: issue 18's predictive pacer over HTTP instead. The same people (one seed, each
 * contact's answer, ring and talk drawn once) are dialed by a progressive and by a predictive
 * campaign, both with reps parking; a longer list and shorter calls than the rep-loop runs,
 * since the budget opens only after 34 live answers and the pacer learns from its own calls.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      reps: { type: 'string' },
      contacts: { type: 'string' },
      cps: { type: 'string', default: '5' },
      seed: { type: 'string', default: '11' },
      pacing: { type: 'boolean', default: false },
    },
  });
  if (values.pacing) {
    await comparePacing(values);
    return;
  }
  const contacts =
    values.contacts === undefined
      ? values.quick
        ? 20
        : 60
      : positiveNumber('contacts', values.contacts);
  const base = {
    reps: positiveNumber('reps', values.reps ?? '8'),
    contacts,
    callsPerSecond: positiveNumber('cps', values.cps),
    seed: positiveNumber('seed', values.seed),
    // Half the calls answered by a person (a warm list): enough people for a p95 in one run.
    outcomes: { human: 0.5, machine: 0.1, busy: 0.1, noAnswer: 0.25, failed: 0.05 },
    ringMs: { minMs: 3_000, maxMs: 15_000 },
    talkMs: { minMs: 10_000, maxMs: 30_000 },
    timeoutMs: 15 * 60_000,
    onProgress: progress,
  };
  progress(
    `holdline: ${base.reps} reps parking, ${contacts} contacts at ${base.callsPerSecond} CPS`,
  );
  const parked = await runAnswerToRep({ ...base, parkReps: true });
  progress('baseline: the same campaign, reps polling with one-second dials and rests');
  const polling = await runAnswerToRep({ ...base, parkReps: false });
  say(line('answer-to-rep', base.reps, contacts, parked));
  say(line('answer-to-rep-polling', base.reps, contacts, polling));
}

/** Progressive and predictive, side by side, on the same people. */
async function comparePacing(values: {
  quick: boolean;
  reps?: string | undefined;
  contacts?: string | undefined;
  cps: string;
  seed: string;
}): Promise<void> {
  const contacts =
    values.contacts === undefined
      ? values.quick
        ? 100
        : 200
      : positiveNumber('contacts', values.contacts);
  const base = {
    // Three times the rep-loop runs' reps: the list is worked through in minutes, not an hour.
    reps: positiveNumber('reps', values.reps ?? '24'),
    contacts,
    callsPerSecond: positiveNumber('cps', values.cps),
    seed: positiveNumber('seed', values.seed),
    parkReps: true,
    outcomes: { human: 0.5, machine: 0.1, busy: 0.1, noAnswer: 0.25, failed: 0.05 },
    ringMs: { minMs: 3_000, maxMs: 15_000 },
    talkMs: { minMs: 5_000, maxMs: 15_000 },
    // The rules' shortest ring: a no-answer holds a progressive rep this long.
    ringTimeoutSeconds: 15,
    timeoutMs: 15 * 60_000,
    onProgress: progress,
  };
  const results: [string, AnswerToRepResult][] = [];
  for (const pacing of ['progressive', 'predictive'] as const) {
    progress(
      `${pacing}: ${base.reps} reps parking, ${contacts} contacts at ${base.callsPerSecond} CPS`,
    );
    results.push([pacing, await runAnswerToRep({ ...base, pacing })]);
  }
  for (const [pacing, result] of results) {
    say(pacingLine(pacing, base.reps, contacts, result));
  }
}

function pacingLine(
  pacing: string,
  reps: number,
  contacts: number,
  result: AnswerToRepResult,
): string {
  const connected = result.dispositions.connected ?? 0;
  const abandoned = result.dispositions.abandoned ?? 0;
  const live = connected + abandoned;
  const figures = {
    pacing,
    reps,
    contacts,
    dialed: result.calls,
    dialed_twice: result.dialedTwice,
    rep_talk_share: result.repTalkShare.toFixed(3),
    most_calls_at_once: result.mostCallsAtOnce,
    live_answers: live,
    abandoned,
    abandon_rate: live === 0 ? 'n/a' : (abandoned / live).toFixed(4),
    people_unserved: result.unserved,
    p95_answer_to_rep_ms: Math.round(percentile(result.answerToRepMs, 95)),
    seconds: result.seconds.toFixed(1),
  };
  return `answer-to-rep ${Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')}`;
}

function line(name: string, reps: number, contacts: number, result: AnswerToRepResult): string {
  const times = result.answerToRepMs;
  const answered = times.length + result.unserved;
  const figures = {
    reps,
    contacts,
    answered_by_people: answered,
    reached_rep: times.length,
    abandoned: result.unserved,
    p50_ms: Math.round(percentile(times, 50)),
    p95_ms: Math.round(percentile(times, 95)),
    max_ms: Math.round(Math.max(...times)),
    target_p95_ms: 2000,
    machines: result.machines,
    dispositions: Object.entries(result.dispositions)
      .map(([outcome, count]) => `${outcome}:${count}`)
      .join(','),
    seconds: result.seconds.toFixed(1),
  };
  return `${name} ${Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
