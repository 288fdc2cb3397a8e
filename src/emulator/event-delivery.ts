import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { eventParams, type EventParams } from './event-callbacks.js';
import { postSignedForm, type DeliveryAttempt } from './signed-post.js';
import { deriveSid } from './sids.js';
import type { WorkspaceEvent } from './workspace-events.js';
import type { WorkspaceSettings } from './workspace-state.js';

/**
 * Sends TaskRouter events to the Workspace's EventCallbackUrl the way TaskRouter does: a
 * form-encoded POST signed with X-Twilio-Signature (the account's auth token over the URL and
 * the parameters). Never in the way of the REST answer that caused the event: emit() queues
 * and returns. One event at a time, in the order they happened; a failed attempt (no answer,
 * a timeout, a status other than 2xx) is retried a few times with a doubling pause before the
 * next event goes. For idempotency tests an event can be sent twice (duplicateNext) or again
 * later (redeliver), with the same Sid.
 */

export type { DeliveryAttempt } from './signed-post.js';

export interface EventDeliveryOptions {
  /** Tries per event (the first included). */
  readonly attempts: number;
  /** Pause before the first retry; doubles after each. */
  readonly retryDelayMs: number;
  /** Per try; TaskRouter asks for an answer within 15 seconds. */
  readonly timeoutMs: number;
  /** Delivery records kept (the counters count them all). */
  readonly logLimit: number;
}

export const DEFAULT_EVENT_DELIVERY: EventDeliveryOptions = {
  attempts: 3,
  retryDelayMs: 100,
  timeoutMs: 15_000,
  logLimit: 10_000,
};

export interface DeliveryRecord {
  readonly sid: string;
  readonly eventType: string;
  readonly resourceSid: string | null;
  /** Where it goes (the EventCallbackUrl when it happened); null: nowhere set. */
  readonly url: string | null;
  readonly params: EventParams;
  /** 1, then 2, 3… for a duplicate or a redelivery of the same event. */
  readonly copy: number;
  readonly status: 'pending' | 'delivered' | 'failed' | 'skipped';
  /** Why it was not sent: no callback URL, or the Workspace's EventsFilter leaves it out. */
  readonly skipped: 'no-callback-url' | 'filtered' | null;
  readonly attempts: readonly DeliveryAttempt[];
}

export interface DeliveryCounters {
  /** Events that happened (copies not counted). */
  readonly emitted: number;
  readonly delivered: number;
  readonly failed: number;
  readonly skipped: number;
  readonly pending: number;
  readonly attempts: number;
}

export interface DuplicateRequest {
  /** How many of the next events (1). */
  readonly count?: number;
  /** How many times each is sent (2). */
  readonly copies?: number;
  /** Only events of this type; any type when absent. */
  readonly eventType?: string;
}

export interface EventDelivery {
  /** Oldest first. */
  readonly log: readonly DeliveryRecord[];
  readonly counters: DeliveryCounters;
  emit(event: WorkspaceEvent): DeliveryRecord;
  /** An event made up on demand: these parameters over the common ones (Sid, Timestamp…). */
  emitParams(params: Readonly<Record<string, string>> & { EventType: string }): DeliveryRecord;
  duplicateNext(request?: DuplicateRequest): void;
  /** Sends an event again, last in line (same Sid, same parameters); undefined: not in the log. */
  redeliver(sid: string): DeliveryRecord | undefined;
  /** Resolves once nothing is waiting or being sent. */
  settled(): Promise<void>;
  /** Forgets the records and counters (not the queue). */
  clear(): void;
  close(): void;
}

interface MutableRecord extends Omit<DeliveryRecord, 'status' | 'attempts'> {
  status: DeliveryRecord['status'];
  attempts: DeliveryAttempt[];
}

export interface EventDeliveryDeps {
  readonly accountSid: string;
  readonly authToken: string;
  readonly workspaceSid: string;
  readonly settings: () => WorkspaceSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly options?: Partial<EventDeliveryOptions>;
}

export function createEventDelivery(deps: EventDeliveryDeps): EventDelivery {
  return new TaskRouterEventDelivery(deps);
}

const noCounts = () => ({ emitted: 0, delivered: 0, failed: 0, skipped: 0, attempts: 0 });

/** The queue of events, the log of what was sent, and the one loop that sends: real state. */
class TaskRouterEventDelivery implements EventDelivery {
  private readonly options: EventDeliveryOptions;
  private readonly operatingUnitSid: string;
  private readonly abort = new AbortController();
  private records: MutableRecord[] = [];
  private queue: MutableRecord[] = [];
  private duplicates: { remaining: number; copies: number; eventType: string | undefined }[] = [];
  private counts = noCounts();
  private pumping: Promise<void> | undefined;
  private inFlight = 0;

  constructor(private readonly deps: EventDeliveryDeps) {
    this.options = { ...DEFAULT_EVENT_DELIVERY, ...deps.options };
    this.operatingUnitSid = deriveSid('OU', deps.workspaceSid);
  }

  get log(): readonly DeliveryRecord[] {
    return this.records.map(freeze);
  }

  get counters(): DeliveryCounters {
    return { ...this.counts, pending: this.queue.length + this.inFlight };
  }

  emit(event: WorkspaceEvent): DeliveryRecord {
    return freeze(this.enqueueWithCopies(eventParams(event, this.context())));
  }

  emitParams(params: Readonly<Record<string, string>> & { EventType: string }): DeliveryRecord {
    const ctx = this.context();
    return freeze(
      this.enqueueWithCopies({
        AccountSid: ctx.accountSid,
        WorkspaceSid: ctx.workspaceSid,
        WorkspaceName: ctx.workspaceName,
        Sid: ctx.sid,
        Timestamp: String(Math.floor(ctx.at / 1000)),
        TimestampMs: String(Math.floor(ctx.at)),
        ...params,
      }),
    );
  }

  duplicateNext(request: DuplicateRequest = {}): void {
    this.duplicates.push({
      remaining: request.count ?? 1,
      copies: request.copies ?? 2,
      eventType: request.eventType,
    });
  }

  redeliver(sid: string): DeliveryRecord | undefined {
    const sent = this.records.filter((r) => r.sid === sid);
    const original = sent[0];
    if (original === undefined) return undefined;
    return freeze(this.enqueue(original.params, Math.max(...sent.map((r) => r.copy)) + 1));
  }

  async settled(): Promise<void> {
    while (this.pumping !== undefined) await this.pumping;
  }

  clear(): void {
    this.records = [];
    this.counts = noCounts();
  }

  close(): void {
    this.abort.abort();
    this.queue = [];
    this.duplicates = [];
  }

  private keep(record: MutableRecord): void {
    this.records.push(record);
    if (this.records.length > this.options.logLimit) {
      this.records = this.records.slice(this.records.length - this.options.logLimit);
    }
  }

  private enqueue(params: EventParams, copy: number): MutableRecord {
    const { eventCallbackUrl, eventsFilter } = this.deps.settings();
    const eventType = params.EventType ?? '';
    const skipped =
      eventCallbackUrl === null
        ? 'no-callback-url'
        : eventsFilter !== null && !eventsFilter.includes(eventType)
          ? 'filtered'
          : null;
    const record: MutableRecord = {
      sid: params.Sid ?? '',
      eventType,
      resourceSid: params.ResourceSid ?? null,
      url: eventCallbackUrl,
      params,
      copy,
      status: skipped === null ? 'pending' : 'skipped',
      skipped,
      attempts: [],
    };
    this.keep(record);
    if (skipped !== null) this.counts.skipped += 1;
    else {
      this.queue.push(record);
      this.kick();
    }
    return record;
  }

  private enqueueWithCopies(params: EventParams): MutableRecord {
    this.counts.emitted += 1;
    const duplicate = this.duplicates.find(
      (d) => d.eventType === undefined || d.eventType === params.EventType,
    );
    const copies = duplicate?.copies ?? 1;
    if (duplicate !== undefined) {
      duplicate.remaining -= 1;
      if (duplicate.remaining === 0) {
        this.duplicates = this.duplicates.filter((d) => d !== duplicate);
      }
    }
    const first = this.enqueue(params, 1);
    for (let copy = 2; copy <= copies; copy += 1) this.enqueue(params, copy);
    return first;
  }

  private async attempt(record: MutableRecord, url: string): Promise<boolean> {
    this.counts.attempts += 1;
    const result = await postSignedForm({
      url,
      params: record.params,
      authToken: this.deps.authToken,
      signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
    });
    record.attempts.push(result);
    return result.status !== null && result.status >= 200 && result.status < 300;
  }

  private async deliver(record: MutableRecord): Promise<void> {
    const url = record.url ?? '';
    const { attempts, retryDelayMs } = this.options;
    for (let n = 1; n <= attempts; n += 1) {
      if (await this.attempt(record, url)) {
        record.status = 'delivered';
        this.counts.delivered += 1;
        return;
      }
      if (this.abort.signal.aborted) return;
      if (n < attempts) {
        try {
          await sleep(retryDelayMs * 2 ** (n - 1), undefined, { signal: this.abort.signal });
        } catch {
          return;
        }
      }
    }
    record.status = 'failed';
    this.counts.failed += 1;
    this.deps.logger.warn(
      { event: record.eventType, sid: record.sid, url, attempts: record.attempts },
      'TaskRouter event not delivered',
    );
  }

  private kick(): void {
    if (this.pumping !== undefined || this.abort.signal.aborted) return;
    this.pumping = (async () => {
      // Never inside the REST request that caused the event.
      await new Promise((resolve) => setImmediate(resolve));
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        if (this.abort.signal.aborted) return;
        this.inFlight = 1;
        await this.deliver(next).finally(() => (this.inFlight = 0));
      }
    })().finally(() => {
      this.pumping = undefined;
    });
  }

  private context() {
    return {
      accountSid: this.deps.accountSid,
      workspaceSid: this.deps.workspaceSid,
      workspaceName: this.deps.settings().friendlyName,
      operatingUnitSid: this.operatingUnitSid,
      sid: `EV${randomBytes(16).toString('hex')}`,
      at: this.deps.clock.now(),
    };
  }
}

function freeze(record: MutableRecord): DeliveryRecord {
  return Object.freeze({ ...record, attempts: Object.freeze([...record.attempts]) });
}
