import { parseArgs } from 'node:util';
import { createLogger } from '../src/logger.js';
import { createMemoryMetadataStore } from '../src/metadata/memory-metadata-store.js';
import { createMemoryStatsStore } from '../src/stats/memory-stats-store.js';
import { createStatsPoller } from '../src/stats/poller.js';
import { createTwilioStatsSource } from '../src/stats/twilio-stats-source.js';
import { createTwilioRestClient } from '../src/twilio-rest/rest-client.js';
import { startEmulatorProcess, type EmulatorProcess } from './lib/emulator-process.js';
import { ORIGINAL_REQUESTS_PER_QUEUE, runOriginalRefresh } from './lib/original-poller.js';
import { positiveNumber, progress, say } from './lib/cli.js';
import { fixed2, formatTable, verdict, whole } from './lib/report.js';

/**
 * One refresh of N queues against the emulator with per-request latency and a rate limit, side
 * by side. The default limit, 10 req/s, is holdline's default client pace
 * (TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND). Well above it the rate stops being the bottleneck:
 * with no limit and no latency a refresh is bound by rendering, moving and parsing its JSON
 * (--rate 100000 --latency 1; figures in docs/performance.md), and "requests ÷ rate" is no
 * floor at all. Side by side: holdline's poller (clean, and with 10% of requests failing), the original design's
 * approach, and the floor: the fewest requests that read every queue, divided by the rate
 * limit. A last row shows holdline's per-queue fallback (bulk statistics unavailable).
 */
const ACCOUNT_SID = `AC${'b0'.repeat(16)}`;
const AUTH_TOKEN = 'bench-refresh-token';
const PAGE = 1000;
const TARGET_VS_FLOOR = 1.2;
const STATS_LIST = '/TaskQueues/Statistics$';
/** 10% of requests fail: answered 500/503, dropped without an answer, or cut-off JSON. */
const tenPercentFaults = { serverErrorShare: 0.04, dropShare: 0.03, malformedShare: 0.03, seed: 7 };

function readOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      queues: { type: 'string', default: '2000' },
      latency: { type: 'string', default: '50' },
      rate: { type: 'string', default: '10' },
      'fallback-rate': { type: 'string', default: '200' },
      quick: { type: 'boolean', default: false },
    },
  });
  const number = positiveNumber;
  return {
    queues: values.quick ? 300 : number('queues', values.queues),
    latencyMs: number('latency', values.latency),
    rate: number('rate', values.rate),
    fallbackRate: number('fallback-rate', values['fallback-rate']),
  };
}

interface Run {
  readonly label: string;
  readonly requests: number;
  readonly seconds: number;
  readonly lost: number;
  readonly floorSeconds: number;
  readonly note: string;
}

const silent = createLogger({ level: 'silent' });

async function holdlineRefresh(
  emulator: EmulatorProcess,
  rate: number,
  queues: number,
): Promise<{ requests: number; seconds: number; lost: number; retries: number }> {
  const client = createTwilioRestClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiBaseUrl: emulator.baseUrl,
    timeoutMs: 10_000,
    retry: { retryLimit: 5, minBackoffMs: 100, maxBackoffMs: 2_000 },
    maxRetryAfterMs: 60_000,
    // As an operator sets TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND: the account's limit.
    maxRequestsPerSecond: rate,
    logger: silent,
  });
  const poller = createStatsPoller({
    source: createTwilioStatsSource({
      client,
      accountSid: ACCOUNT_SID,
      workspaceSid: emulator.workspaceSid,
    }),
    store: createMemoryStatsStore(),
    metadata: createMemoryMetadataStore(),
    clock: { now: () => Date.now() },
    logger: silent,
    refreshSeconds: 15,
    window: { minutes: 30, splitSeconds: [30, 60, 120] },
    concurrency: 10,
    cycleTimeoutMs: 600_000,
  });
  await emulator.clearRequests();
  const started = performance.now();
  const snapshot = await poller.runCycle();
  const seconds = (performance.now() - started) / 1000;
  const fresh = snapshot.queues.filter((q) => q.stale !== true && q.servedInWindow !== undefined);
  return {
    requests: await emulator.requestCount(),
    seconds,
    lost: queues - fresh.length,
    retries: snapshot.cycle?.retries ?? 0,
  };
}

async function originalRefresh(emulator: EmulatorProcess, queues: number) {
  // The original used the SDK as it comes: no pacing, no retry policy of its own beneath.
  const client = createTwilioRestClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiBaseUrl: emulator.baseUrl,
    timeoutMs: 30_000,
    retry: { retryLimit: 0, minBackoffMs: 1, maxBackoffMs: 1 },
    maxRetryAfterMs: 0,
    maxRequestsPerSecond: 1e9,
    logger: silent,
  });
  await emulator.clearRequests();
  const started = performance.now();
  const outcome = await runOriginalRefresh(client, emulator.workspaceSid);
  return {
    requests: await emulator.requestCount(),
    seconds: (performance.now() - started) / 1000,
    lost: queues - outcome.refreshed,
    note: outcome.aborted
      ? `aborted: ${outcome.error ?? ''}`.slice(0, 60)
      : `refreshed ${outcome.refreshed}`,
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const { queues, rate, fallbackRate, latencyMs } = options;
  const rateLimit = (perSecond: number) => ({
    requestsPerSecond: perSecond,
    // A fifth of a second's worth at once, as a real limiter tolerates arrival jitter.
    burst: Math.max(1, Math.ceil(perSecond / 5)),
  });
  const emulator = await startEmulatorProcess({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    queues,
    seed: 42,
  });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1_000)); // let the bucket refill
  try {
    const pages = Math.ceil(queues / PAGE);
    const floorRequests = 3 * pages; // TaskQueues, bulk statistics, Voice queues
    const floorSeconds = floorRequests / rate;
    const runs: Run[] = [];

    // Warm-up, unmeasured: a poller runs every 15 s, so the one that matters is a warm one
    // (JIT-compiled parsing on both sides), as in production.
    progress('warm-up refresh (not measured)');
    await emulator.setFaults({});
    await holdlineRefresh(emulator, 1e6, queues);
    await emulator.setFaults({ latency: { fixedMs: latencyMs }, rateLimit: rateLimit(rate) });

    progress(`holdline, ${queues} queues, ${latencyMs} ms latency, ${rate} req/s limit`);
    const clean = await holdlineRefresh(emulator, rate, queues);
    runs.push({ label: 'holdline', ...clean, floorSeconds, note: `${clean.retries} retries` });

    await pause();
    progress('holdline, 10% of requests failing (5xx, dropped, malformed)');
    await emulator.setFaults({
      ...tenPercentFaults,
      latency: { fixedMs: latencyMs },
      rateLimit: rateLimit(rate),
    });
    const faulty = await holdlineRefresh(emulator, rate, queues);
    runs.push({
      label: 'holdline, 10% faults',
      ...faulty,
      floorSeconds,
      note: `${faulty.retries} retries`,
    });

    await pause();
    progress('the original design');
    await emulator.setFaults({ latency: { fixedMs: latencyMs }, rateLimit: rateLimit(rate) });
    const original = await originalRefresh(emulator, queues);
    runs.push({ label: 'original design', ...original, floorSeconds });

    await pause();
    progress(`holdline per-queue fallback (bulk statistics failing), ${fallbackRate} req/s limit`);
    await emulator.setFaults({
      latency: { fixedMs: latencyMs },
      rateLimit: rateLimit(fallbackRate),
      script: [{ kind: 'server-error', status: 503, match: STATS_LIST, times: 6 }],
    });
    const fallback = await holdlineRefresh(emulator, fallbackRate, queues);
    const fallbackFloor = (2 * pages + queues) / fallbackRate;
    runs.push({
      label: 'holdline, per-queue fallback',
      ...fallback,
      floorSeconds: fallbackFloor,
      note: `${fallback.retries} retries (6 on bulk)`,
    });

    await pause();
    progress('holdline per-queue fallback with 10% of requests failing');
    await emulator.setFaults({
      ...tenPercentFaults,
      latency: { fixedMs: latencyMs },
      rateLimit: rateLimit(fallbackRate),
      script: [{ kind: 'server-error', status: 503, match: STATS_LIST, times: 6 }],
    });
    const fallbackFaulty = await holdlineRefresh(emulator, fallbackRate, queues);
    runs.push({
      label: 'holdline, per-queue fallback, 10% faults',
      ...fallbackFaulty,
      floorSeconds: fallbackFloor,
      note: `${fallbackFaulty.retries} retries`,
    });
    const lost = faulty.lost + fallbackFaulty.lost;

    say('');
    say(
      formatTable([
        ['refresh', 'requests', 'seconds', 'floor s', 'vs floor', 'queues lost', 'note'],
        ...runs.map((run) => [
          run.label,
          whole(run.requests),
          fixed2(run.seconds),
          fixed2(run.floorSeconds),
          fixed2(run.seconds / run.floorSeconds),
          whole(run.lost),
          run.note,
        ]),
      ]),
    );
    const holdlineVsFloor = clean.seconds / floorSeconds;
    const originalVsFloor = original.seconds / floorSeconds;
    say('');
    say(
      `${queues} queues, ${latencyMs} ms per request, rate limit ${rate} req/s (burst ${rateLimit(rate).burst}); ` +
        `floor = ${floorRequests} requests / ${rate} req/s. The original design needs ` +
        `${whole(1 + queues * ORIGINAL_REQUESTS_PER_QUEUE)} requests for all queues (${fixed2((1 + queues * ORIGINAL_REQUESTS_PER_QUEUE) / rate)} s at best) but reads only the first 100.`,
    );
    say(
      `target: holdline ${verdict(holdlineVsFloor, '<=', TARGET_VS_FLOOR)}; queues lost with 10% faults ${lost === 0 ? '0 (met)' : `${lost} (MISSED)`}`,
    );
    say(
      'Reproduce: npm run bench:refresh   (options: --queues N --latency MS --rate R --fallback-rate R --quick)',
    );
    say(
      `refresh holdline_vs_floor=${fixed2(holdlineVsFloor)} original_vs_floor=${fixed2(originalVsFloor)} lost=${lost}`,
    );
  } finally {
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:refresh failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
