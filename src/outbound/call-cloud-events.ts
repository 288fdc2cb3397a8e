import { z } from 'zod';

/**
 * Event Streams' call progress events (CloudEvents 1.0, one object or a JSON array when the sink
 * batches). Renamed in 2024 from `com.twilio.voice.webhook.status-callback.call.*`: a
 * subscription made before then still sends the old names, so both are read.
 */
const CALL_EVENT_TYPE = /^com\.twilio\.voice\.(?:webhook\.)?status-callback\.call\.([a-z-]+)$/;

/** The four types a sink's subscription asks for (the current names). */
export const CALL_STATUS_EVENT_TYPES = ['initiated', 'ringing', 'answered', 'completed'].map(
  (step) => `com.twilio.voice.status-callback.call.${step}`,
);

/**
 * `data` mirrors the status callback Twilio made (Voice.WebhookEvent): the call's SID, and the
 * request itself — its URL (ours, carrying the campaign and attempt) and its parameters
 * (CallSid, CallStatus, AnsweredBy, SequenceNumber …). Unknown fields are ignored.
 */
const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  source: z.string().max(500).optional(),
  time: z.string().max(64).optional(),
  data: z
    .object({
      sid: z.string().max(64).optional(),
      timestamp: z.string().max(64).optional(),
      request: z
        .object({
          url: z.string().max(4096).optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
        })
        .optional(),
    })
    .optional(),
});

export type CloudEvent = z.output<typeof cloudEventSchema>;

/** What a call progress event says, in our terms. */
export interface CallProgressEvent {
  readonly id: string;
  /** initiated, ringing, answered, completed. */
  readonly step: string;
  /** Epoch ms the event happened (its `time`, else the data's timestamp); NaN when neither parses. */
  readonly at: number;
  readonly callSid: string | undefined;
  readonly callStatus: string | undefined;
  readonly answeredBy: string | undefined;
  /** Twilio's per-call counter, which orders two events of one call with the same time. */
  readonly sequence: number | undefined;
  /** The campaign and attempt our status callback URL carried, when the event has the URL. */
  readonly campaign: string | undefined;
  readonly attempt: string | undefined;
}

export type ParsedDelivery =
  | {
      readonly ok: true;
      readonly calls: readonly CallProgressEvent[];
      /** Events of other types (a sink may be shared): acknowledged, not used. */
      readonly others: number;
    }
  | { readonly ok: false; readonly problem: string };

/** Reads a delivery's JSON (one event or an array); an invalid event makes the whole one invalid. */
export function readCallEvents(body: unknown): ParsedDelivery {
  const items = Array.isArray(body) ? body : [body];
  const calls: CallProgressEvent[] = [];
  let others = 0;
  for (const [index, item] of items.entries()) {
    const parsed = cloudEventSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        problem: `event ${index}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
      };
    }
    const step = CALL_EVENT_TYPE.exec(parsed.data.type)?.[1];
    if (step === undefined) others += 1;
    else calls.push(toCallEvent(parsed.data, step));
  }
  return { ok: true, calls, others };
}

/** Oldest first, by time, then by Twilio's per-call sequence number; unknown times last. */
export function inTimeOrder(events: readonly CallProgressEvent[]): CallProgressEvent[] {
  const time = (event: CallProgressEvent) => (Number.isNaN(event.at) ? Infinity : event.at);
  return [...events].sort((a, b) => time(a) - time(b) || (a.sequence ?? 0) - (b.sequence ?? 0));
}

function toCallEvent(event: CloudEvent, step: string): CallProgressEvent {
  const params = event.data?.request?.parameters ?? {};
  const text = (name: string) => {
    const value = params[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const query = ownQuery(event.data?.request?.url);
  const sequence = Number(text('SequenceNumber'));
  return {
    id: event.id,
    step,
    at: Date.parse(event.time ?? event.data?.timestamp ?? ''),
    callSid: text('CallSid') ?? event.data?.sid,
    callStatus: text('CallStatus'),
    answeredBy: text('AnsweredBy'),
    sequence: Number.isInteger(sequence) ? sequence : undefined,
    campaign: query?.get('campaign') ?? undefined,
    attempt: query?.get('attempt') ?? undefined,
  };
}

function ownQuery(url: string | undefined): URLSearchParams | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).searchParams;
  } catch {
    return undefined;
  }
}
