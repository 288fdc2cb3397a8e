import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { CompactedJournal } from '../storage/compacted-journal.js';
import { ABANDONED_MEMORY_MS, type AbandonedNumbers } from './abandoned-numbers.js';

const stepSchema = z.object({ phone: z.string(), at: z.number() });
const snapshotSchema = z.record(z.string(), z.number());

/**
 * Snapshots are small (one entry per number abandoned in the last 72 h), so a journal of a
 * megabyte is worth compacting; each compaction also drops the numbers forgotten since.
 */
const COMPACT_ABOVE_BYTES = 1024 * 1024;

/**
 * Embedded mode's register: in memory, each abandonment journaled under DATA_DIR
 * (`outbound/abandoned-numbers.jsonl`, compacted into `abandoned-numbers.json`) before it
 * resolves, as the opt-out list is. Unlike opt-outs, entries expire: a compaction (on every open,
 * and while running past COMPACT_ABOVE_BYTES) keeps only those still remembered at `clock`'s now.
 */
export class EmbeddedAbandonedNumbers implements AbandonedNumbers {
  private constructor(
    private readonly lastAt: Map<string, number>,
    private readonly journal: CompactedJournal | undefined,
  ) {}

  /** Nothing kept past the process (tests, simulations). */
  static inMemory(): EmbeddedAbandonedNumbers {
    return new EmbeddedAbandonedNumbers(new Map(), undefined);
  }

  /** `dataDir` undefined: memory only. */
  static async open(
    dataDir: string | undefined,
    options: { clock: Clock; compactAboveBytes?: number },
  ): Promise<EmbeddedAbandonedNumbers> {
    if (dataDir === undefined) return EmbeddedAbandonedNumbers.inMemory();
    const { clock } = options;
    const { state, journal } = await CompactedJournal.open<Map<string, number>>({
      snapshotFile: path.join(dataDir, 'outbound', 'abandoned-numbers.json'),
      journalFile: path.join(dataDir, 'outbound', 'abandoned-numbers.jsonl'),
      restore: (snapshot) =>
        new Map(snapshot === undefined ? [] : Object.entries(snapshotSchema.parse(snapshot))),
      apply: (lastAt, step) => {
        const { phone, at } = stepSchema.parse(step);
        keepLatest(lastAt, phone, at);
      },
      snapshot: (lastAt) => {
        const since = clock.now() - ABANDONED_MEMORY_MS;
        return Object.fromEntries([...lastAt].filter(([, at]) => at > since));
      },
      compactAboveBytes: options.compactAboveBytes ?? COMPACT_ABOVE_BYTES,
    });
    return new EmbeddedAbandonedNumbers(state, journal);
  }

  async record(phone: string, at: number): Promise<void> {
    // In memory first: the dialer holds the number back at once, even if the write fails.
    keepLatest(this.lastAt, phone, at);
    await this.journal?.append({ phone, at });
  }

  lastAbandonedAt(phone: string, now: number): Promise<number | undefined> {
    const at = this.lastAt.get(phone);
    const remembered = at !== undefined && at > now - ABANDONED_MEMORY_MS;
    return Promise.resolve(remembered ? at : undefined);
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}

function keepLatest(lastAt: Map<string, number>, phone: string, at: number): void {
  const known = lastAt.get(phone);
  if (known === undefined || at > known) lastAt.set(phone, at);
}
