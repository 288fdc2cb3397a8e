import type { Redis } from 'ioredis';
import { z } from 'zod';
import { parseJson } from '../lib/parse-json.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import { WEEK_MS } from './satisfaction.js';
import { SURVEY_KEPT_MS, surveyRecordSchema, toRecord } from './survey-steps.js';
import { CLAIM_LUA, RESPOND_LUA, SCHEDULE_LUA, SET_FIELDS_LUA } from './redis-survey-scripts.js';
import {
  REPLY_WINDOW_MS,
  type ScoredResponse,
  type SurveyRecord,
  type SurveyReply,
  type SurveySettlement,
  type SurveyStore,
} from './survey-store.js';

const SURVEY_TTL_SECONDS = SURVEY_KEPT_MS / 1000;
/** A take waits this long for its call to end. */
const TAKE_TTL_SECONDS = 86_400;

const lastSentSchema = z.object({ callSid: z.string(), at: z.number() });

/**
 * The surveys every process shares (keys under the prefix):
 *   survey:{CallSid}          STRING the survey's JSON (30 days)
 *   survey:take:{CallSid}     STRING the rep's call that took it, until the call ends (1 day)
 *   survey:due                ZSET   CallSid by dueAt: what the senders claim from
 *   survey:phone:{E.164}      STRING {"callSid","at"}: the number's last survey sent (the reply
 *                                    link and the rate limit)
 *   survey:hold:{E.164}       STRING held by a sender for the rate limit's interval (SET NX)
 *   survey:scores:{queue}     ZSET   "CallSid:score" by answer time, the last week
 *   sms_opt_outs              HASH   E.164 -> when STOP came
 */
export class RedisSurveyStore implements SurveyStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    requireFailFast(redis, 'the Redis survey store');
    this.prefix = keyPrefix;
  }

  private key = (...parts: string[]) => `${this.prefix}survey:${parts.join(':')}`;
  private get optOutKey() {
    return `${this.prefix}sms_opt_outs`;
  }

  async noteTake(callSid: string, repCallSid: string): Promise<void> {
    await untilReady(this.redis);
    await this.redis.set(this.key('take', callSid), repCallSid, 'EX', TAKE_TTL_SECONDS);
  }

  async schedule(survey: Parameters<SurveyStore['schedule']>[0]): Promise<boolean> {
    const record: SurveyRecord = { ...survey, status: 'due' };
    await untilReady(this.redis);
    const done = await this.redis.eval(
      SCHEDULE_LUA,
      3,
      this.key(survey.callSid),
      this.key('take', survey.callSid),
      this.key('due'),
      JSON.stringify(record),
      String(survey.dueAt),
      survey.callSid,
      String(SURVEY_TTL_SECONDS),
    );
    return done === 1;
  }

  async get(callSid: string): Promise<SurveyRecord | undefined> {
    await untilReady(this.redis);
    return readRecord(await this.redis.get(this.key(callSid)));
  }

  async claimDue(now: number, limit: number): Promise<SurveyRecord[]> {
    await untilReady(this.redis);
    const claimed = (await this.redis.eval(
      CLAIM_LUA,
      1,
      this.key('due'),
      String(now),
      String(limit),
      this.key(''),
    )) as string[];
    return claimed.map(readRecord).filter((r): r is SurveyRecord => r !== undefined);
  }

  async settle(callSid: string, outcome: SurveySettlement): Promise<void> {
    const survey = await this.get(callSid);
    if (survey === undefined) return;
    const fields =
      outcome.status === 'sent'
        ? { status: 'sent', messageSid: outcome.messageSid, sentAt: outcome.at }
        : { status: outcome.status, reason: outcome.reason };
    const last = outcome.status === 'sent' ? JSON.stringify({ callSid, at: outcome.at }) : '';
    await this.redis.eval(
      SET_FIELDS_LUA,
      2,
      this.key(callSid),
      this.key('phone', survey.phone),
      JSON.stringify(fields),
      last,
      String(SURVEY_TTL_SECONDS),
    );
  }

  async noteDelivery(callSid: string, status: string): Promise<void> {
    await untilReady(this.redis);
    await this.redis.eval(
      SET_FIELDS_LUA,
      2,
      this.key(callSid),
      '',
      JSON.stringify({ delivery: status }),
      '',
      '0',
    );
  }

  private async lastSent(phone: string) {
    await untilReady(this.redis);
    const raw = await this.redis.get(this.key('phone', phone));
    if (raw === null) return undefined;
    const parsed = parseJson(lastSentSchema, raw);
    return parsed.ok ? parsed.value : undefined;
  }

  async latestSent(phone: string, now: number): Promise<SurveyRecord | undefined> {
    const last = await this.lastSent(phone);
    if (last === undefined || now - last.at > REPLY_WINDOW_MS) return undefined;
    return this.get(last.callSid);
  }

  async lastSentAt(phone: string): Promise<number | undefined> {
    return (await this.lastSent(phone))?.at;
  }

  async reserveSend(phone: string, now: number, intervalMs: number): Promise<boolean> {
    const last = await this.lastSentAt(phone);
    if (last !== undefined && now - last < intervalMs) return false;
    // The hold itself is the lock between workers: the first SET NX wins.
    const held = await this.redis.set(this.key('hold', phone), String(now), 'PX', intervalMs, 'NX');
    return held === 'OK';
  }

  async respond(callSid: string, reply: SurveyReply): Promise<SurveyRecord | undefined> {
    const survey = await this.get(callSid);
    if (survey === undefined) return undefined;
    const json = (await this.redis.eval(
      RESPOND_LUA,
      2,
      this.key(callSid),
      this.key('scores', survey.queue),
      JSON.stringify(reply),
      String(reply.at - WEEK_MS),
    )) as string | null;
    return readRecord(json);
  }

  async responses(queue: string, since: number): Promise<ScoredResponse[]> {
    await untilReady(this.redis);
    const flat = await this.redis.zrangebyscore(
      this.key('scores', queue),
      `(${since}`,
      '+inf',
      'WITHSCORES',
    );
    const scored: ScoredResponse[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const score = Number(flat[i]!.slice(flat[i]!.lastIndexOf(':') + 1));
      scored.push({ score, at: Number(flat[i + 1]) });
    }
    return scored;
  }

  async optOut(phone: string, at: number): Promise<boolean> {
    await untilReady(this.redis);
    return (await this.redis.hsetnx(this.optOutKey, phone, String(at))) === 1;
  }

  async optIn(phone: string): Promise<boolean> {
    await untilReady(this.redis);
    return (await this.redis.hdel(this.optOutKey, phone)) === 1;
  }

  async isOptedOut(phone: string): Promise<boolean> {
    await untilReady(this.redis);
    return (await this.redis.hexists(this.optOutKey, phone)) === 1;
  }
}

function readRecord(json: string | null | undefined): SurveyRecord | undefined {
  if (json === null || json === undefined) return undefined;
  const parsed = parseJson(surveyRecordSchema, json);
  return parsed.ok ? toRecord(parsed.value) : undefined;
}
