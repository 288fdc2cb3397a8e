import type { Clock } from '../clock.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import { afterQuietHours } from './quiet-hours.js';
import type { SurveyStore } from './survey-store.js';

/** E.164: a caller we can text. Anonymous, SIP and client callers are not. */
const TEXTABLE = /^\+[1-9]\d{6,14}$/;

export interface SurveyScheduling {
  /** A rep took the call (/voice/dequeued): the rep is linked to its survey. */
  callTaken(taken: { callSid: string; repCallSid: string; at: number }): Promise<void>;
  /**
   * The bridged call ended (/voice/queue-result): records "survey due at T" for the queue's
   * settings. Nothing is sent here; the sender (messaging/) does that, off the call path.
   */
  callServed(served: {
    callSid: string;
    queue: string;
    from: string | undefined;
  }): Promise<'scheduled' | 'repeated' | 'off' | 'not-textable'>;
}

export function createSurveyScheduling(deps: {
  readonly store: Pick<SurveyStore, 'noteTake' | 'schedule'>;
  readonly metadata: Pick<MetadataCache, 'get'>;
  readonly clock: Clock;
  /** false: no sender is configured (no SURVEY_* number), so nothing is scheduled. */
  readonly sending: boolean;
}): SurveyScheduling {
  return {
    async callTaken({ callSid, repCallSid, at }) {
      if (deps.sending) await deps.store.noteTake(callSid, repCallSid, at);
    },
    async callServed({ callSid, queue, from }) {
      const metadata = deps.metadata.get(queue);
      const settings = metadata.survey;
      if (!deps.sending || settings?.enabled !== true) return 'off';
      if (from === undefined || !TEXTABLE.test(from)) return 'not-textable';
      const now = deps.clock.now();
      const dueAt = afterQuietHours(
        now + settings.delaySeconds * 1000,
        settings.quietHours,
        metadata.timeZone,
      );
      const added = await deps.store.schedule({
        callSid,
        queue,
        phone: from,
        createdAt: now,
        dueAt,
      });
      return added ? 'scheduled' : 'repeated';
    },
  };
}
