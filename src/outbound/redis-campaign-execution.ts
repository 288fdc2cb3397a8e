import { z } from 'zod';
import { parseJson } from '../lib/parse-json.js';
import type { CampaignExecution, CampaignSettings } from './campaign.js';
import type { Contact } from './contact.js';

/*
 * What we accept from a campaign manager that writes an execution itself (the original design's
 * manager, or any other), instead of calling create():
 *   campaign_execution:ID           {"name", "createdAt" (epoch ms), "settings": {...}} and
 *                                   optionally "id" (the key's ID when absent; must match when
 *                                   present), as a plain string or a RedisJSON document
 *   campaign_execution:ID:contacts  HASH contactId -> {"phone" (E.164), "name"?, "timeZone"?,
 *                                   "attributes"?}
 *   campaign_execution:ID:cache     LIST of contact ids in the order they are called
 *   campaign_executions             SADD the ID (so list() finds it)
 * No status key reads as `ready`. Settings are taken as written: the controller checks them
 * before it starts a campaign. Everything else (attempts, counts, the put-back cache) is ours.
 */

const executionSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string(),
  createdAt: z.number().finite(),
  settings: z.looseObject({}),
});

const contactSchema = z.object({
  phone: z.string().min(1),
  name: z.string().optional(),
  timeZone: z.string().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

/** Thrown when a key holds something we cannot read as what its name says. */
export class UnreadableCampaignKey extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`${key} cannot be read: ${problem}`);
    this.name = 'UnreadableCampaignKey';
  }
}

/** The one Redis command the RedisJSON path needs (a connection, or a fake in the tests). */
export interface JsonGetter {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * The execution's JSON text, however the manager stored it: a plain string (what we write, and
 * all a Redis without RedisJSON holds), or a RedisJSON document (`TYPE` says `ReJSON-RL`),
 * read with `JSON.GET key $` (an array of one match, unwrapped) or, on RedisJSON 1 which has no
 * `$`, `JSON.GET key`. Undefined: the key holds neither.
 */
export async function executionJson(
  redis: JsonGetter,
  key: string,
  type: string,
  plain: string | null,
): Promise<string | undefined> {
  if (type === 'string') return plain ?? undefined;
  if (type !== 'ReJSON-RL') return undefined;
  let matches: unknown;
  try {
    matches = await redis.call('JSON.GET', key, '$');
  } catch {
    return text(await redis.call('JSON.GET', key));
  }
  const parsed: unknown = JSON.parse(text(matches) ?? 'null');
  return Array.isArray(parsed) && parsed.length > 0 ? JSON.stringify(parsed[0]) : undefined;
}

function text(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  return Buffer.isBuffer(reply) ? reply.toString('utf8') : undefined;
}

/** The execution stored under `key` for `id`; throws UnreadableCampaignKey when it is not one. */
export function parseExecution(key: string, id: string, json: string): CampaignExecution {
  const parsed = parseJson(executionSchema, json);
  if (!parsed.ok) throw new UnreadableCampaignKey(key, parsed.problem);
  const { id: written, name, createdAt, settings } = parsed.value;
  if (written !== undefined && written !== id) {
    throw new UnreadableCampaignKey(key, `its id is ${JSON.stringify(written)}`);
  }
  return { id, name, createdAt, settings: settings as unknown as CampaignSettings };
}

/** A contact from the contacts hash: its field there is its id. */
export function parseContact(key: string, contactId: string, json: string): Contact {
  const parsed = parseJson(contactSchema, json);
  if (!parsed.ok) throw new UnreadableCampaignKey(`${key} ${contactId}`, parsed.problem);
  return { ...parsed.value, id: contactId };
}
