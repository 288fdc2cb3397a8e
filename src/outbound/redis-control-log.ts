import type { Redis } from 'ioredis';
import type { ControlCommand } from './campaign.js';
import type { ControlEntry, ControlLog } from './control-log.js';

/** The original design's names, behind the key prefix. */
export const CONTROL_STREAM = 'queue_control_stream';
export const CONTROL_GROUP = 'queue_control_group';

const COMMANDS = new Set<string>(['start', 'pause', 'resume', 'stop']);

/**
 * The control stream in Redis: XADD to send; the queue services read it as one consumer group
 * (XREADGROUP), acknowledge after acting (XACK), and take over entries a dead consumer left
 * unacknowledged (XAUTOCLAIM). The blocking read has its own connection, so it never holds up
 * the shared one.
 */
export class RedisControlLog implements ControlLog {
  private readonly stream: string;
  private groupReady: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly reader: Redis,
    keyPrefix: string,
  ) {
    this.stream = `${keyPrefix}${CONTROL_STREAM}`;
  }

  async append(campaignId: string, command: ControlCommand): Promise<string> {
    const id = await this.redis.xadd(this.stream, '*', 'execution', campaignId, 'command', command);
    return id!;
  }

  async read(consumer: string, blockMs: number): Promise<readonly ControlEntry[]> {
    await this.ensureGroup();
    const reply = (await this.reader.xreadgroup(
      'GROUP',
      CONTROL_GROUP,
      consumer,
      'COUNT',
      50,
      'BLOCK',
      Math.max(1, blockMs),
      'STREAMS',
      this.stream,
      '>',
    )) as [string, [string, string[]][]][] | null;
    return this.wellFormed(reply?.[0]?.[1] ?? []);
  }

  async claimStale(consumer: string, minIdleMs: number): Promise<readonly ControlEntry[]> {
    await this.ensureGroup();
    const reply = (await this.redis.xautoclaim(
      this.stream,
      CONTROL_GROUP,
      consumer,
      minIdleMs,
      '0-0',
      'COUNT',
      50,
    )) as [string, [string, string[] | null][]];
    return this.wellFormed(reply[1].filter((e): e is [string, string[]] => e[1] !== null));
  }

  async ack(id: string): Promise<void> {
    await this.redis.xack(this.stream, CONTROL_GROUP, id);
  }

  close(): Promise<void> {
    this.reader.disconnect();
    return Promise.resolve();
  }

  /** An entry that names no execution or no known command is acknowledged and skipped. */
  private async wellFormed(raw: readonly [string, string[]][]): Promise<ControlEntry[]> {
    const entries: ControlEntry[] = [];
    for (const [id, fields] of raw) {
      const entry = entryOf(id, fields);
      if (entry === undefined) await this.ack(id);
      else entries.push(entry);
    }
    return entries;
  }

  private ensureGroup(): Promise<void> {
    this.groupReady ??= this.redis
      .xgroup('CREATE', this.stream, CONTROL_GROUP, '0', 'MKSTREAM')
      .then(
        () => undefined,
        (error: Error) => {
          if (error.message.startsWith('BUSYGROUP')) return;
          this.groupReady = undefined;
          throw error;
        },
      );
    return this.groupReady;
  }
}

function entryOf(id: string, fields: readonly string[]): ControlEntry | undefined {
  const field = (name: string) => {
    const index = fields.findIndex((f, i) => i % 2 === 0 && f === name);
    return index < 0 ? undefined : fields[index + 1];
  };
  const campaignId = field('execution');
  const command = field('command');
  if (campaignId === undefined || command === undefined || !COMMANDS.has(command)) return undefined;
  return { id, campaignId, command: command as ControlCommand };
}
