import type { ControlCommand } from './campaign.js';

/** One command on the control stream (`queue_control_stream`). */
export interface ControlEntry {
  /** The stream's id for the entry; acknowledged once the command's effect is durable. */
  readonly id: string;
  readonly campaignId: string;
  readonly command: ControlCommand;
}

/**
 * The queue service's commands, as a stream read by a consumer group: any process may append;
 * each entry is handed to one consumer, which acknowledges it after acting on it, and an entry
 * whose consumer died unacknowledged is claimed again by another.
 */
export interface ControlLog {
  append(campaignId: string, command: ControlCommand): Promise<string>;
  /** New entries for `consumer`, waiting up to `blockMs` for one; [] when none came. */
  read(consumer: string, blockMs: number, signal?: AbortSignal): Promise<readonly ControlEntry[]>;
  /** Entries handed out but not acknowledged for `minIdleMs` (their consumer died). */
  claimStale(consumer: string, minIdleMs: number): Promise<readonly ControlEntry[]>;
  ack(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Embedded mode's control log: one process, so every entry goes to the one consumer at once;
 * what must survive a restart is the campaign's status, which the store journals.
 */
export class MemoryControlLog implements ControlLog {
  private readonly waiting: ControlEntry[] = [];
  private next = 1;
  private wake: (() => void) | undefined;

  append(campaignId: string, command: ControlCommand): Promise<string> {
    const id = `${Date.now()}-${this.next++}`;
    this.waiting.push({ id, campaignId, command });
    this.wake?.();
    return Promise.resolve(id);
  }

  async read(
    _consumer: string,
    blockMs: number,
    signal?: AbortSignal,
  ): Promise<readonly ControlEntry[]> {
    if (this.waiting.length === 0 && blockMs > 0 && signal?.aborted !== true) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, blockMs);
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
        this.wake = done;
      });
      this.wake = undefined;
    }
    return this.waiting.splice(0);
  }

  claimStale(): Promise<readonly ControlEntry[]> {
    return Promise.resolve([]);
  }

  ack(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.wake?.();
    return Promise.resolve();
  }
}
