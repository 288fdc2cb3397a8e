/**
 * The names shared with the original "queue service" design, so a campaign manager and a
 * disposition consumer written for it find our keys and streams. Each may be renamed; all sit
 * behind the store's key prefix.
 */
export interface RedisCampaignNames {
  /** `{execution}:{ID}` is the execution's JSON; its other keys are `{execution}:{ID}:…`. */
  readonly execution: string;
  /** SET of execution ids, for list. */
  readonly executions: string;
  /** STREAM, one entry per disposition. */
  readonly dispositions: string;
  /** STREAM of what the queue service tells the campaign manager. */
  readonly queueEvents: string;
}

export const DEFAULT_REDIS_CAMPAIGN_NAMES: RedisCampaignNames = Object.freeze({
  execution: 'campaign_execution',
  executions: 'campaign_executions',
  dispositions: 'call_dispositions',
  queueEvents: 'queue_event_stream',
});

/** The keys every execution shares. */
export function redisCampaignSharedKeys(keyPrefix: string, names: RedisCampaignNames) {
  return {
    executions: `${keyPrefix}${names.executions}`,
    dispositions: `${keyPrefix}${names.dispositions}`,
    queueEvents: `${keyPrefix}${names.queueEvents}`,
  };
}

/**
 * One execution's keys. What each holds is in redis-campaign-scripts.ts; an outside manager
 * writes only `execution`, `contacts` and `cache` (see redis-campaign-store.ts).
 */
export function redisCampaignKeys(keyPrefix: string, names: RedisCampaignNames, id: string) {
  const execution = `${keyPrefix}${names.execution}:${id}`;
  return {
    execution,
    status: `${execution}:status`,
    contacts: `${execution}:contacts`,
    cache: `${execution}:cache`,
    cacheDue: `${execution}:cache_due`,
    cacheDueMembers: `${execution}:cache_due_members`,
    attempts: `${execution}:attempts`,
    activeCalls: `${execution}:active_calls`,
    activeOrder: `${execution}:active_order`,
    calls: `${execution}:calls`,
    sequences: `${execution}:sequences`,
    tries: `${execution}:tries`,
    counts: `${execution}:counts`,
    outcomeHours: `${execution}:outcome_hours`,
    outcomeHourIndex: `${execution}:outcome_hour_index`,
    pacingState: `${execution}:pacing_state`,
  };
}

export type RedisCampaignKeys = ReturnType<typeof redisCampaignKeys>;

/** The keys in the order every script takes them as KEYS[1..]. */
export function scriptKeys(
  keys: RedisCampaignKeys,
  shared: ReturnType<typeof redisCampaignSharedKeys>,
): string[] {
  return [
    keys.execution,
    keys.status,
    keys.contacts,
    keys.cache,
    keys.cacheDue,
    keys.cacheDueMembers,
    keys.attempts,
    keys.activeCalls,
    keys.activeOrder,
    keys.calls,
    keys.sequences,
    keys.tries,
    keys.counts,
    shared.executions,
    shared.dispositions,
    shared.queueEvents,
    keys.outcomeHours,
    keys.outcomeHourIndex,
    keys.pacingState,
  ];
}
