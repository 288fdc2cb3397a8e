import type { Redis } from 'ioredis';
import { z } from 'zod';
import { parseJson } from '../lib/parse-json.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import type { OptOut, OptOutList, OptOutPage } from './opt-out-list.js';

const detailsSchema = z.object({ source: z.string(), at: z.number() });

/**
 * The opt-out list every process shares:
 *   opt_outs        HASH phone -> {"source", "at"}: the list itself; the dialer reads only this,
 *                   so a number another system HSETs here is never called either
 *   opt_outs:order  ZSET of the same numbers, all at score 0: the order the API pages in (a
 *                   number in the hash alone is still honoured, only not listed)
 * Both change together in one MULTI.
 */
export class RedisOptOutList implements OptOutList {
  private readonly key: string;
  private readonly orderKey: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    requireFailFast(redis, 'the Redis opt-out list');
    this.key = `${keyPrefix}opt_outs`;
    this.orderKey = `${keyPrefix}opt_outs:order`;
  }

  async has(phone: string): Promise<boolean> {
    await untilReady(this.redis);
    return (await this.redis.hexists(this.key, phone)) === 1;
  }

  async add(phone: string, entry: { source: string; at: number }): Promise<boolean> {
    const details = JSON.stringify({ source: entry.source, at: entry.at });
    await untilReady(this.redis);
    // HSETNX: the first add is the one that counts (when the person asked).
    const replies = await this.redis
      .multi()
      .hsetnx(this.key, phone, details)
      .zadd(this.orderKey, 0, phone)
      .exec();
    return answer(replies, 0) === 1;
  }

  async remove(phone: string): Promise<boolean> {
    await untilReady(this.redis);
    const replies = await this.redis
      .multi()
      .hdel(this.key, phone)
      .zrem(this.orderKey, phone)
      .exec();
    return answer(replies, 0) === 1;
  }

  async list(page: { after?: string; limit: number }): Promise<OptOutPage> {
    const from = page.after === undefined ? '-' : `(${page.after}`;
    await untilReady(this.redis);
    // One more than asked: whether there is a next page.
    const phones = await this.redis.zrangebylex(
      this.orderKey,
      from,
      '+',
      'LIMIT',
      0,
      page.limit + 1,
    );
    const more = phones.length > page.limit;
    const taken = phones.slice(0, page.limit);
    const details = taken.length === 0 ? [] : await this.redis.hmget(this.key, ...taken);
    const items: OptOut[] = [];
    for (const [index, phone] of taken.entries()) {
      const json = details[index];
      if (json === null || json === undefined) continue; // removed from the hash by someone else
      const parsed = parseJson(detailsSchema, json);
      items.push(parsed.ok ? { phone, ...parsed.value } : { phone, source: 'unknown', at: 0 });
    }
    return more ? { items, next: taken.at(-1)! } : { items };
  }
}

/** The reply of the `index`th command of a MULTI; throws its error, or when the MULTI failed. */
function answer(replies: [Error | null, unknown][] | null, index: number): unknown {
  const reply = replies?.[index];
  if (reply === undefined) throw new Error('the opt-out list transaction was not run');
  if (reply[0] !== null) throw reply[0];
  return reply[1];
}
