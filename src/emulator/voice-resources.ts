import type { QueueSnapshot } from './workspace-state.js';

/** The 2010 API's Queue resource (api.v2010.account.queue): the Voice side of a queue. */
export function renderVoiceQueue(accountSid: string, q: QueueSnapshot) {
  return {
    account_sid: accountSid,
    average_wait_time: q.live.averageWaitSeconds,
    current_size: q.live.waitingCallers,
    date_created: rfc2822(q.dateCreated),
    date_updated: rfc2822(q.dateCreated),
    friendly_name: q.friendlyName,
    max_size: q.maxSize,
    sid: q.voiceQueueSid,
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${q.voiceQueueSid}.json`,
  };
}

/** "Tue, 04 Aug 2015 18:39:09 +0000", as the 2010 API writes dates. */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}
