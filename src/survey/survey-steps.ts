import { z } from 'zod';
import { REPLY_WINDOW_MS, type SurveyRecord } from './survey-store.js';

/** A survey as stored (the Redis store's JSON, the embedded store's snapshot). */
export const surveyRecordSchema = z.object({
  callSid: z.string(),
  queue: z.string(),
  phone: z.string(),
  repCallSid: z.string().optional(),
  createdAt: z.number(),
  dueAt: z.number(),
  status: z.enum(['due', 'sending', 'sent', 'skipped', 'failed']),
  reason: z.string().optional(),
  messageSid: z.string().optional(),
  sentAt: z.number().optional(),
  delivery: z.string().optional(),
  score: z.number().optional(),
  comment: z.string().optional(),
  respondedAt: z.number().optional(),
});

/** zod keeps an absent optional field absent; this drops any undefined all the same. */
export function toRecord(parsed: z.infer<typeof surveyRecordSchema>): SurveyRecord {
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== undefined),
  ) as unknown as SurveyRecord;
}

/**
 * The embedded survey store's state and the steps that change it, journaled one per line and
 * replayed on start: the same `apply` runs live and on replay, so a restart finds what was.
 */
export const stepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('take'), callSid: z.string(), repCallSid: z.string(), at: z.number() }),
  z.object({
    op: z.literal('schedule'),
    callSid: z.string(),
    queue: z.string(),
    phone: z.string(),
    createdAt: z.number(),
    dueAt: z.number(),
  }),
  z.object({ op: z.literal('claim'), callSid: z.string() }),
  z.object({
    op: z.literal('settle'),
    callSid: z.string(),
    status: z.enum(['sent', 'skipped', 'failed']),
    messageSid: z.string().optional(),
    reason: z.string().optional(),
    at: z.number(),
  }),
  z.object({ op: z.literal('delivery'), callSid: z.string(), status: z.string() }),
  z.object({
    op: z.literal('respond'),
    callSid: z.string(),
    score: z.number().optional(),
    comment: z.string().optional(),
    at: z.number(),
  }),
  z.object({ op: z.literal('opt-out'), phone: z.string(), at: z.number() }),
  z.object({ op: z.literal('opt-in'), phone: z.string() }),
]);
export type SurveyStep = z.infer<typeof stepSchema>;

export interface SurveyState {
  readonly surveys: Map<string, SurveyRecord>;
  readonly takes: Map<string, { repCallSid: string; at: number }>;
  /** Per number: the survey last sent and when. */
  readonly lastSent: Map<string, { callSid: string; at: number }>;
  readonly optOuts: Map<string, number>;
}

export const emptySurveyState = (): SurveyState => ({
  surveys: new Map(),
  takes: new Map(),
  lastSent: new Map(),
  optOuts: new Map(),
});

/** Applies one step; false when it changes nothing (and need not be journaled). */
export function applyStep(state: SurveyState, step: SurveyStep): boolean {
  switch (step.op) {
    case 'take':
      state.takes.set(step.callSid, { repCallSid: step.repCallSid, at: step.at });
      return true;
    case 'schedule': {
      if (state.surveys.has(step.callSid)) return false;
      const take = state.takes.get(step.callSid);
      state.surveys.set(step.callSid, {
        callSid: step.callSid,
        queue: step.queue,
        phone: step.phone,
        createdAt: step.createdAt,
        dueAt: step.dueAt,
        status: 'due',
        ...(take === undefined ? {} : { repCallSid: take.repCallSid }),
      });
      state.takes.delete(step.callSid);
      return true;
    }
    case 'claim':
      return update(state, step.callSid, (s) =>
        s.status === 'due' ? { ...s, status: 'sending' } : s,
      );
    case 'settle': {
      const changed = update(state, step.callSid, (s) =>
        step.status === 'sent'
          ? { ...s, status: 'sent', messageSid: step.messageSid ?? '', sentAt: step.at }
          : { ...s, status: step.status, reason: step.reason ?? '' },
      );
      const survey = state.surveys.get(step.callSid);
      if (changed && step.status === 'sent' && survey !== undefined)
        state.lastSent.set(survey.phone, { callSid: step.callSid, at: step.at });
      return changed;
    }
    case 'delivery':
      return update(state, step.callSid, (s) => ({ ...s, delivery: step.status }));
    case 'respond':
      return update(state, step.callSid, (s) => withReply(s, step));
    case 'opt-out':
      if (state.optOuts.has(step.phone)) return false;
      state.optOuts.set(step.phone, step.at);
      return true;
    case 'opt-in':
      return state.optOuts.delete(step.phone);
  }
}

/** The first score counts; a later one, and every text, is added to the comment. */
export function withReply(
  survey: SurveyRecord,
  reply: { score?: number | undefined; comment?: string | undefined; at: number },
): SurveyRecord {
  const lateScore =
    reply.score !== undefined && survey.score !== undefined ? String(reply.score) : undefined;
  const text = [lateScore, reply.comment].filter((t) => t !== undefined).join(' ');
  const comment =
    text === ''
      ? survey.comment
      : survey.comment === undefined
        ? text
        : `${survey.comment}\n${text}`;
  const score = survey.score ?? reply.score;
  return {
    ...survey,
    ...(score === undefined ? {} : { score }),
    ...(comment === undefined ? {} : { comment }),
    respondedAt: survey.respondedAt ?? reply.at,
  };
}

export function latestSentIn(state: SurveyState, phone: string, now: number) {
  const last = state.lastSent.get(phone);
  if (last === undefined || now - last.at > REPLY_WINDOW_MS) return undefined;
  return state.surveys.get(last.callSid);
}

function update(
  state: SurveyState,
  callSid: string,
  change: (survey: SurveyRecord) => SurveyRecord,
): boolean {
  const survey = state.surveys.get(callSid);
  if (survey === undefined) return false;
  const next = change(survey);
  if (next === survey) return false;
  state.surveys.set(callSid, next);
  return true;
}

/** How long a survey is kept: past the week the figures cover and the reply window. */
export const SURVEY_KEPT_MS = 30 * 86_400_000;

const snapshotSchema = z.object({
  surveys: z.array(surveyRecordSchema),
  takes: z.array(z.tuple([z.string(), z.object({ repCallSid: z.string(), at: z.number() })])),
  lastSent: z.array(z.tuple([z.string(), z.object({ callSid: z.string(), at: z.number() })])),
  optOuts: z.array(z.tuple([z.string(), z.number()])),
});

/**
 * Drops what is past keeping at `now`: surveys older than SURVEY_KEPT_MS, takes older than a
 * day (their call never ended as served). Opt-outs are kept until START.
 */
export function pruneState(state: SurveyState, now: number): void {
  const since = now - SURVEY_KEPT_MS;
  for (const [callSid, survey] of state.surveys) {
    if (survey.createdAt <= since) state.surveys.delete(callSid);
  }
  for (const [callSid, take] of state.takes) {
    if (take.at <= now - 86_400_000) state.takes.delete(callSid);
  }
  for (const [phone, last] of state.lastSent) {
    if (!state.surveys.has(last.callSid)) state.lastSent.delete(phone);
  }
}

export function snapshotOf(state: SurveyState): z.infer<typeof snapshotSchema> {
  return {
    surveys: [...state.surveys.values()],
    takes: [...state.takes],
    lastSent: [...state.lastSent],
    optOuts: [...state.optOuts],
  };
}

export function restoreState(snapshot: unknown): SurveyState {
  const state = emptySurveyState();
  if (snapshot === undefined) return state;
  const parsed = snapshotSchema.parse(snapshot);
  for (const survey of parsed.surveys) state.surveys.set(survey.callSid, toRecord(survey));
  for (const [callSid, take] of parsed.takes) state.takes.set(callSid, take);
  for (const [phone, last] of parsed.lastSent) state.lastSent.set(phone, last);
  for (const [phone, at] of parsed.optOuts) state.optOuts.set(phone, at);
  return state;
}
