import type { Redis } from 'ioredis';
import { parseJson } from '../lib/parse-json.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import type { Voicemail, VoicemailFilter } from './voicemail.js';
import { byNewest, matchesVoicemail, type VoicemailChange } from './voicemail-changes.js';
import { ChangingVoicemailStore } from './changing-voicemail-store.js';
import { keepable, voicemailSchema } from './voicemail-schema.js';

/**
 * Writes a record only if the hash still holds exactly what the caller read (a compare-and-set):
 * ARGV[2] is that JSON, or '' when the caller found none (a stored record is never '').
 */
const SET_IF_SAME_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`;

/** Another process changing the same voicemail at the same moment: read again, this many times. */
const CHANGE_TRIES = 5;

/**
 * The voicemails every process shares: `{prefix}voicemails`, a hash of id → the record as JSON.
 * Every change reads the record, asks voicemail-changes.ts what it becomes, and writes that by a
 * script that first checks the record is still the one read; if another process got there
 * first it reads again. A change that changes nothing writes nothing.
 */
export class RedisVoicemailStore extends ChangingVoicemailStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    super();
    requireFailFast(redis, 'the Redis voicemail store');
    this.key = `${keyPrefix}voicemails`;
  }

  async get(id: string): Promise<Voicemail | undefined> {
    return (await this.read(id)).voicemail;
  }

  async list(filter?: VoicemailFilter): Promise<readonly Voicemail[]> {
    await untilReady(this.redis);
    const all = await this.redis.hvals(this.key);
    return all
      .map(parse)
      .filter((v): v is Voicemail => v !== undefined && matchesVoicemail(v, filter))
      .sort(byNewest);
  }

  close(): Promise<void> {
    // The connection is the backend's to close.
    return Promise.resolve();
  }

  protected async change<R extends VoicemailChange | undefined>(
    id: string,
    compute: (current: Voicemail | undefined) => R,
  ): Promise<R> {
    for (let tries = 0; tries < CHANGE_TRIES; tries += 1) {
      const { json, voicemail } = await this.read(id);
      if (json !== undefined && voicemail === undefined) {
        // Overwriting what it cannot read could destroy a newer version's record.
        throw new Error(`voicemail ${id} is kept in a form this version cannot read`);
      }
      const result = compute(voicemail);
      if (result?.changed !== true) return result;
      const written = await this.redis.eval(
        SET_IF_SAME_LUA,
        1,
        this.key,
        id,
        json ?? '',
        JSON.stringify(keepable(result.voicemail)),
      );
      if (written === 1) return result;
    }
    throw new Error(`voicemail ${id} kept changing under a change`);
  }

  private async read(id: string): Promise<{ json?: string; voicemail?: Voicemail }> {
    await untilReady(this.redis);
    const json = await this.redis.hget(this.key, id);
    return json === null ? {} : { json, voicemail: parse(json) };
  }
}

/** A value another version wrote, or damaged, is left out of reads rather than failing them. */
function parse(json: string): Voicemail | undefined {
  const parsed = parseJson(voicemailSchema, json);
  return parsed.ok ? parsed.value : undefined;
}
