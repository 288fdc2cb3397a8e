import type { Twilio } from 'twilio';
import { readAllPages, type Listing, type SdkPage } from '../lib/paging.js';
import { readTaskRouterStatistics, type TaskRouterFields } from './taskrouter-stats.js';

export interface TaskQueueRef {
  readonly sid: string;
  readonly name: string;
}

export interface VoiceQueueRef {
  readonly sid: string;
  readonly name: string;
  readonly currentSize?: number;
  readonly averageWaitSeconds?: number;
  readonly maxSize?: number;
}

export interface QueueStatistics {
  readonly taskQueueSid: string;
  readonly fields: TaskRouterFields;
}

export interface StatsWindow {
  readonly minutes: number;
  /** Service-level thresholds in seconds. */
  readonly splitSeconds: readonly number[];
  readonly taskChannel?: string;
}

/**
 * Everything the poller reads from Twilio, and the only place that calls Twilio REST for stats.
 * Listings never throw (they report how far they got); a single queue's fetch does.
 */
export interface QueueStatsSource {
  /** False without a TaskRouter workspace: only Voice queues are read. */
  readonly hasTaskRouter: boolean;
  listTaskQueues(): Promise<Listing<TaskQueueRef>>;
  /** All queues' statistics from the bulk endpoint: ⌈N/1000⌉ requests for N queues. */
  listQueueStatistics(window: StatsWindow): Promise<Listing<QueueStatistics>>;
  /** One queue's statistics (cumulative and realtime in one request). */
  fetchQueueStatistics(taskQueueSid: string, window: StatsWindow): Promise<QueueStatistics>;
  listVoiceQueues(): Promise<Listing<VoiceQueueRef>>;
}

/** Twilio's largest page; TaskRouter allows 5,000 queues per workspace, so 5 pages. */
const PAGE_SIZE = 1000;
/** Twice the most pages a real account can have: more is a server or proxy gone wrong. */
const MAX_PAGES = 10;

export function createTwilioStatsSource(options: {
  client: Twilio;
  accountSid: string;
  workspaceSid: string | undefined;
}): QueueStatsSource {
  const { client, workspaceSid } = options;
  const workspace = () => {
    if (workspaceSid === undefined) throw new Error('no TaskRouter workspace configured');
    return client.taskrouter.v1.workspaces(workspaceSid);
  };
  const windowParams = (window: StatsWindow) => ({
    minutes: window.minutes,
    ...(window.splitSeconds.length > 0 ? { splitByWaitTime: window.splitSeconds.join(',') } : {}),
    ...(window.taskChannel === undefined ? {} : { taskChannel: window.taskChannel }),
  });

  return {
    hasTaskRouter: workspaceSid !== undefined,

    async listTaskQueues() {
      const listing = await readAllPages(
        () =>
          workspace().taskQueues.page({ pageSize: PAGE_SIZE }) as Promise<
            SdkPage<{ sid: string; friendlyName: string }>
          >,
        { maxPages: MAX_PAGES, label: 'TaskQueues list' },
      );
      return {
        ...listing,
        items: listing.items.map((q) => ({ sid: q.sid, name: q.friendlyName })),
      };
    },

    async listQueueStatistics(window) {
      type Item = { taskQueueSid: string; cumulative: unknown; realtime: unknown };
      const listing = await readAllPages(
        () =>
          workspace().taskQueues.statistics.page({
            pageSize: PAGE_SIZE,
            ...windowParams(window),
          }) as Promise<SdkPage<Item>>,
        { maxPages: MAX_PAGES, label: 'TaskQueues statistics' },
      );
      return {
        ...listing,
        items: listing.items.map((item) => ({
          taskQueueSid: item.taskQueueSid,
          fields: readTaskRouterStatistics(item.cumulative, item.realtime, window.minutes),
        })),
      };
    },

    async fetchQueueStatistics(taskQueueSid, window) {
      const stats = await workspace()
        .taskQueues(taskQueueSid)
        .statistics()
        .fetch(windowParams(window));
      return {
        taskQueueSid,
        fields: readTaskRouterStatistics(stats.cumulative, stats.realtime, window.minutes),
      };
    },

    async listVoiceQueues() {
      type Item = {
        sid: string;
        friendlyName: string;
        currentSize: unknown;
        averageWaitTime: unknown;
        maxSize: unknown;
      };
      const listing = await readAllPages(
        () =>
          client.api.v2010
            .accounts(options.accountSid)
            .queues.page({ pageSize: PAGE_SIZE }) as Promise<SdkPage<Item>>,
        { maxPages: MAX_PAGES, label: 'Voice queues list' },
      );
      return {
        ...listing,
        items: listing.items.map((q) => ({
          sid: q.sid,
          name: q.friendlyName,
          currentSize: wholeNumber(q.currentSize),
          averageWaitSeconds: wholeNumber(q.averageWaitTime),
          maxSize: wholeNumber(q.maxSize),
        })),
      };
    },
  };
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
