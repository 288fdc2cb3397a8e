import { parseArgs } from 'node:util';
import { progress, positiveNumber, say } from './lib/cli.js';
import { runHoldline } from './lib/campaign-faults-holdline.js';
import { formatTally, type Scenario } from './lib/campaign-scenario.js';
import { runOriginal } from './lib/original-dialer.js';

/**
 * Issue 17's crash and fault run: one campaign of 10,000 contacts (500 with --quick) against the
 * emulator, about 10% of creates failing (a 500, or the connection dropped after the call was
 * made), bursts of 429s, and holdline's dialing process killed with SIGKILL twice; then the same
 * contacts and faults for the original design's dialer (every fetched record dialed at once,
 * failures sent again). One line each: double dials, contacts lost, the busiest second of
 * creates against the CPS limit (the emulator's own count), "complete" events, seconds.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      contacts: { type: 'string' },
      cps: { type: 'string', default: '100' },
      seed: { type: 'string', default: '17' },
    },
  });
  const contacts =
    values.contacts === undefined
      ? values.quick
        ? 500
        : 10_000
      : positiveNumber('contacts', values.contacts);
  const callsPerSecond = positiveNumber('cps', values.cps);
  const scenario: Scenario = {
    contacts,
    callsPerSecond,
    repsFree: Math.ceil(callsPerSecond * 1.5),
    seed: positiveNumber('seed', values.seed),
  };
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  progress(`holdline: ${contacts} contacts at ${callsPerSecond} CPS, two SIGKILLs`);
  const holdline = await runHoldline(scenario, redisUrl);
  progress('the original design: the same contacts and faults');
  const original = await runOriginal(scenario);
  say(formatTally('campaign-faults', holdline));
  say(formatTally('campaign-faults-original', original));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
