import type { TaskRouterEventListener } from '../taskrouter/events-route.js';
import type { EventInbox } from '../taskrouter/event-inbox.js';
import type { Backend } from './backend.js';

/**
 * What the server does with TaskRouter events: a queue created or deleted brings a poll at once,
 * so the stats cache's queue list follows within a cycle, not a period (the backend's refresh
 * requests reach the poller, in this process or a worker).
 */
export function openTaskRouterEvents(deps: {
  backend: Pick<Backend, 'eventInbox' | 'refreshRequests'>;
  /** Eligibility's listener, when it is on: it starts the jobs an event calls for. */
  eligibility?: TaskRouterEventListener;
}): { inbox: EventInbox; listener: TaskRouterEventListener } {
  const { backend } = deps;
  return {
    inbox: backend.eventInbox,
    listener: async (event) => {
      if (event.type === 'task-queue.created' || event.type === 'task-queue.deleted') {
        backend.refreshRequests.request();
      }
      await deps.eligibility?.(event);
    },
  };
}
