import path from 'node:path';
import { z } from 'zod';
import type { Journal } from '../storage/journal.js';
import { openTypedJournal } from '../storage/typed-journal.js';
import { pageOf, type OptOut, type OptOutList, type OptOutPage } from './opt-out-list.js';

const entrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), phone: z.string(), source: z.string(), at: z.number() }),
  z.object({ op: z.literal('remove'), phone: z.string() }),
]);
type Entry = z.infer<typeof entrySchema>;

/**
 * Embedded mode's opt-out list: in memory, every add and remove journaled under DATA_DIR
 * (`outbound/opt-outs.jsonl`) before it resolves. A journal rather than rewriting one file
 * atomically: an add costs one appended line and one sync whatever the list's size, where a
 * whole-file write grows with every number on it; and numbers are rarely removed, so the
 * journal stays about the size of the list.
 */
export class EmbeddedOptOutList implements OptOutList {
  private readonly entries = new Map<string, OptOut>();
  /** The numbers in order, rebuilt on the first listing after a change. */
  private sorted: string[] | undefined;

  private constructor(private readonly journal: Journal | undefined) {}

  /** Nothing kept past the process (tests, simulations). */
  static inMemory(): EmbeddedOptOutList {
    return new EmbeddedOptOutList(undefined);
  }

  /** `dataDir` undefined: memory only. */
  static async open(dataDir: string | undefined): Promise<EmbeddedOptOutList> {
    if (dataDir === undefined) return EmbeddedOptOutList.inMemory();
    const file = path.join(dataDir, 'outbound', 'opt-outs.jsonl');
    const { journal, entries } = await openTypedJournal(file, entrySchema, 'an opt-out step');
    const list = new EmbeddedOptOutList(journal);
    for (const entry of entries) list.apply(entry);
    return list;
  }

  has(phone: string): Promise<boolean> {
    return Promise.resolve(this.entries.has(phone));
  }

  async add(phone: string, entry: { source: string; at: number }): Promise<boolean> {
    if (this.entries.has(phone)) return false;
    const step: Entry = { op: 'add', phone, source: entry.source, at: entry.at };
    // In memory first: the dialer stops calling the number at once, even if the write fails.
    this.apply(step);
    await this.journal?.append(step);
    return true;
  }

  async remove(phone: string): Promise<boolean> {
    if (!this.entries.has(phone)) return false;
    const step: Entry = { op: 'remove', phone };
    // On disk first: until the removal is durable, the number stays off the dialer's way.
    await this.journal?.append(step);
    this.apply(step);
    return true;
  }

  list(page: { after?: string; limit: number }): Promise<OptOutPage> {
    this.sorted ??= [...this.entries.keys()].sort();
    const { phones, next } = pageOf(this.sorted, page);
    const items = phones.map((phone) => this.entries.get(phone)!);
    return Promise.resolve(next === undefined ? { items } : { items, next });
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }

  private apply(step: Entry): void {
    if (step.op === 'add') {
      // The first add is the one that counts: when the person asked.
      if (this.entries.has(step.phone)) return;
      this.entries.set(step.phone, { phone: step.phone, source: step.source, at: step.at });
    } else {
      this.entries.delete(step.phone);
    }
    this.sorted = undefined;
  }
}
