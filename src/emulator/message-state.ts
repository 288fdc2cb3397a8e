import { randomBytes } from 'node:crypto';
import type { CallScheduler } from './call-scheduler.js';
import { postSignedForm, type DeliveryAttempt } from './signed-post.js';

/** Programmable Messaging statuses the emulator walks an outbound message through. */
export type MessageStatus =
  'accepted' | 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface MessageRecord {
  readonly sid: string;
  readonly to: string;
  /** The sender: the From given, or the Messaging Service's number. */
  readonly from: string | null;
  readonly messagingServiceSid: string | null;
  readonly body: string;
  readonly statusCallback: string | null;
  status: MessageStatus;
  errorCode: number | null;
  readonly createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export interface MessageCreate {
  readonly to: string;
  readonly from?: string;
  readonly messagingServiceSid?: string;
  readonly body: string;
  readonly statusCallback?: string;
}

/** What tests and the simulator read and steer of the emulated Messages API. */
export interface EmulatorMessages {
  /** Every message created, oldest first. */
  readonly sent: readonly MessageRecord[];
  /** Numbers that texted STOP to Twilio: a create to them is refused with 21610, as Twilio does. */
  blockOnTwilio(to: string): void;
  /** Ends a message to this number `undelivered` (30003) instead of `delivered`. */
  failDelivery(to: string): void;
  /** Every status callback made, in order. */
  readonly callbacks: readonly { url: string; status: string; attempt: DeliveryAttempt }[];
  /** An inbound SMS, signed as Twilio sends it, to the app's messaging webhook. */
  deliverReply(reply: {
    url: string;
    from: string;
    to: string;
    body: string;
  }): Promise<DeliveryAttempt>;
  /** Until every status callback started so far has been answered. */
  settled(): Promise<void>;
}

export interface MessageState extends EmulatorMessages {
  create(request: MessageCreate): MessageRecord;
  get(sid: string): MessageRecord | undefined;
  isBlocked(to: string): boolean;
}

/** From queued to sent to delivered, a step each, as Twilio reports it to StatusCallback. */
const STEP_MS = 500;

export function createMessageState(deps: {
  readonly accountSid: string;
  readonly authToken: string;
  readonly scheduler: CallScheduler;
  readonly signal: AbortSignal;
}): MessageState {
  const messages: MessageRecord[] = [];
  const blocked = new Set<string>();
  const failing = new Set<string>();
  const callbacks: { url: string; status: string; attempt: DeliveryAttempt }[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  };

  const report = (message: MessageRecord) => {
    const url = message.statusCallback;
    if (url === null) return;
    const params: Record<string, string> = {
      AccountSid: deps.accountSid,
      ApiVersion: '2010-04-01',
      MessageSid: message.sid,
      SmsSid: message.sid,
      MessageStatus: message.status,
      SmsStatus: message.status,
      To: message.to,
      ...(message.from === null ? {} : { From: message.from }),
      ...(message.messagingServiceSid === null
        ? {}
        : { MessagingServiceSid: message.messagingServiceSid }),
      ...(message.errorCode === null ? {} : { ErrorCode: String(message.errorCode) }),
    };
    const status = message.status;
    void track(
      postSignedForm({ url, params, authToken: deps.authToken, signal: deps.signal }).then(
        (attempt) => callbacks.push({ url, status, attempt }),
      ),
    );
  };

  const advance = (message: MessageRecord, status: MessageStatus) => {
    message.status = status;
    message.updatedAt = deps.scheduler.now();
    if (status === 'sent') message.sentAt = message.updatedAt;
    if (status === 'undelivered') message.errorCode = 30003;
    report(message);
  };

  return {
    get sent() {
      return messages;
    },
    get callbacks() {
      return callbacks;
    },
    blockOnTwilio: (to) => void blocked.add(to),
    failDelivery: (to) => void failing.add(to),
    isBlocked: (to) => blocked.has(to),
    get: (sid) => messages.find((m) => m.sid === sid),
    create(request) {
      const now = deps.scheduler.now();
      const message: MessageRecord = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to: request.to,
        from: request.from ?? (request.messagingServiceSid === undefined ? null : '+15550100000'),
        messagingServiceSid: request.messagingServiceSid ?? null,
        body: request.body,
        statusCallback: request.statusCallback ?? null,
        // A Messaging Service's message is accepted first, then queued once it has a sender.
        status: request.messagingServiceSid === undefined ? 'queued' : 'accepted',
        errorCode: null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      };
      messages.push(message);
      const end: MessageStatus = failing.has(request.to) ? 'undelivered' : 'delivered';
      // No callback for the status a message is created with; a Messaging Service's message
      // reports `queued` once the service has picked its sender (Twilio's outbound message
      // status guide), a plain one goes on from `queued` to `sent`.
      if (message.status === 'accepted') {
        deps.scheduler.after(STEP_MS / 2, () => advance(message, 'queued'));
      }
      deps.scheduler.after(STEP_MS, () => advance(message, 'sent'));
      deps.scheduler.after(2 * STEP_MS, () => advance(message, end));
      return message;
    },
    deliverReply(reply) {
      const params = {
        ToCountry: 'US',
        SmsMessageSid: '',
        NumMedia: '0',
        SmsSid: '',
        SmsStatus: 'received',
        Body: reply.body,
        To: reply.to,
        NumSegments: '1',
        MessageSid: '',
        AccountSid: deps.accountSid,
        From: reply.from,
        ApiVersion: '2010-04-01',
      };
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const signed = { ...params, SmsMessageSid: sid, SmsSid: sid, MessageSid: sid };
      return track(
        postSignedForm({
          url: reply.url,
          params: signed,
          authToken: deps.authToken,
          signal: deps.signal,
        }),
      );
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
