import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedCampaignStore } from '../src/outbound/embedded-campaign-store.js';
import type { Contact } from '../src/outbound/contact.js';
import { positiveNumber, progress, say } from './lib/cli.js';
import { formatTable, whole } from './lib/report.js';

/**
 * What compaction saves the embedded campaign store: a campaign of N contacts, each dialed
 * (three changes: dialing, live, ended) through the store as the dialer does, batches of claims
 * group-committed; then the files under DATA_DIR/outbound and the time to open them, before
 * compaction (the whole journal replayed, as every open did before) and after (the snapshot
 * read, an empty journal). The first open's replay is timed up to the compaction's first step,
 * through the store's seam; each open runs on its own copy of the files, `--rounds` times.
 */
const BATCH = 50;
const T0 = 1_767_225_600_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      contacts: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const contactCount = positiveNumber('contacts', values.contacts);
  const rounds = positiveNumber('rounds', values.rounds);
  const root = await mkdtemp(path.join(tmpdir(), 'holdline-bench-journal-'));
  try {
    const grown = path.join(root, 'grown');
    progress(`dialing ${contactCount} contacts through the store`);
    await dialEveryone(grown, contactCount);
    const journalBefore = await size(grown, 'journal.jsonl');

    const replayMs: number[] = [];
    const compactingOpenMs: number[] = [];
    const compactedOpenMs: number[] = [];
    let after = { snapshot: 0, journal: 0 };
    for (let round = 1; round <= rounds; round += 1) {
      progress(`round ${round} of ${rounds}`);
      const copy = path.join(root, `round-${round}`);
      await cp(grown, copy, { recursive: true });
      let replayed = Number.NaN;
      const started = performance.now();
      const first = await EmbeddedCampaignStore.open(copy, {
        beforeCompactionStep: (step) => {
          if (step === 'write-snapshot') replayed = performance.now() - started;
        },
      });
      compactingOpenMs.push(performance.now() - started);
      replayMs.push(replayed);
      await first.close();
      after = {
        snapshot: await size(copy, 'snapshot.json'),
        journal: await size(copy, 'journal.jsonl'),
      };
      const again = performance.now();
      await (await EmbeddedCampaignStore.open(copy)).close();
      compactedOpenMs.push(performance.now() - again);
    }

    say(
      formatTable([
        ['files under outbound/', 'bytes', 'open ms (median)'],
        ['journal only, replayed (no compaction)', String(journalBefore), whole(median(replayMs))],
        ['first open: replay, then compaction', '', whole(median(compactingOpenMs))],
        [
          'of which the compaction (stringify, two atomic writes)',
          '',
          whole(median(compactingOpenMs) - median(replayMs)),
        ],
        [
          'snapshot + journal, after compaction',
          `${after.snapshot} + ${after.journal}`,
          whole(median(compactedOpenMs)),
        ],
      ]),
    );
    say(
      `journal-compaction contacts=${contactCount} journal_bytes=${journalBefore} ` +
        `replay_ms=${whole(median(replayMs))} snapshot_bytes=${after.snapshot} ` +
        `journal_after_bytes=${after.journal} compacted_open_ms=${whole(median(compactedOpenMs))}`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Every contact dialed once, busy, final: claimed in batches, three changes each. */
async function dialEveryone(dataDir: string, count: number): Promise<void> {
  // Opened empty, so nothing to compact, and never compacted while running: the journal grows
  // as it did before compaction.
  const store = await EmbeddedCampaignStore.open(dataDir, {
    compactAboveBytes: Number.POSITIVE_INFINITY,
  });
  const contacts: Contact[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i + 1}`,
    phone: `+1415${String(5_000_000 + i).padStart(7, '0')}`,
  }));
  await store.create(
    {
      id: 'CE1',
      name: 'bench',
      createdAt: T0,
      settings: {
        targetQueue: 'outbound-sales',
        callerId: '+15005550006',
        ringTimeoutSeconds: 20,
        maxAttempts: 1,
        retryDelaySeconds: 600,
        callingWindow: { start: '00:00', end: '24:00' },
        defaultCountry: 'US',
        machineDetection: false,
        onMachine: 'message',
        message: 'This was Example Co.',
        cancelRingingOnStop: true,
        dialVia: { kind: 'calls' },
      },
    },
    contacts,
  );
  await store.setStatus('CE1', ['ready'], 'running', {
    campaignId: 'CE1',
    event: 'started',
    at: T0,
  });
  for (let at = T0; ; at += 1) {
    const claimed = await store.claim('CE1', BATCH, at);
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (attempt, i) => {
        await store.advance('CE1', attempt.id, ['claimed'], { state: 'dialing', dialedAt: at });
        const callSid = `CA${String(at * BATCH + i).padStart(32, '0')}`;
        await store.advance('CE1', attempt.id, ['dialing'], { state: 'live', callSid });
        await store.end('CE1', attempt.id, { outcome: 'busy', callStatus: 'busy', at: at + 1 });
      }),
    );
  }
  await store.close();
}

async function size(dataDir: string, name: string): Promise<number> {
  return (await stat(path.join(dataDir, 'outbound', name))).size;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
