import type { WordingOptions } from '../voice/announcement.js';
import { describeEstimate, describePosition } from '../voice/announcement.js';
import type { WaitEstimator } from '../wait-time/estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import type { TraceEvent } from './e2e-trace.js';
import type { EndedCall } from './call-center.js';
import { createTwilioPoster, readQueueDial } from './e2e-requests.js';

/**
 * Plays a simulated trace against the running app over HTTP, when and as Twilio would:
 * - an arrival is a signed POST /voice/incoming and one /voice/wait turn;
 * - a take is a rep's loop through /rep-call-complete (Twilio's <Dial><Queue> answered from the
 *   queues as they stand: queue-empty and on to the next dial, until a caller is found), then
 *   the <Queue url> of the dial that found them, requested on the caller's leg at that moment;
 * - a hang-up is the caller's <Enqueue action> (QueueResult=hangup), at once;
 * - the end of a served call is the caller's <Enqueue action> (QueueResult=bridged) — Twilio
 *   requests it only now, not at the take — and the rep's <Dial action> (DequeueResult=bridged),
 *   which must send the rep back to the top queue.
 * It checks what the app decides against the simulation (the queue a caller joins, the caller a
 * rep is handed, premium first) and what callers hear against a reference estimator fed the
 * same events at the moments the app could know them.
 */
export interface E2eOptions {
  /** The app's PUBLIC_BASE_URL, where it also listens: signatures cover this URL. */
  readonly baseUrl: string;
  readonly authToken: string;
  /** Queue names in priority order, as in the app's QUEUES. */
  readonly queues: readonly string[];
  /** A From number on the app's PREMIUM_CALLERS (routes to the first queue). */
  readonly premiumCaller: string;
  /** Moves the app's clock (virtual time, ms) before each request. */
  readonly setClock: (at: number) => void;
  /** The estimator the app should agree with, fed the same events as the app. */
  readonly reference: { readonly estimator: WaitEstimator; readonly activity: QueueActivity };
  readonly wording: WordingOptions;
  /**
   * Whether Twilio requests the <Queue url> of the rep's dial (default true). Off, the app
   * learns of a take only from the bridged result when the call ends: the fallback path.
   */
  readonly takesReported?: boolean;
  /** Told of each arrival on the app's clock, just before its /voice/incoming is posted. */
  readonly onArrival?: (arrival: { readonly queue: string; readonly callSid: string }) => void;
}

export interface E2eReport {
  readonly callers: number;
  readonly served: number;
  readonly abandoned: number;
  readonly requests: number;
  /** Arrivals whose greeting spoke an estimate (the comparison below is not vacuous). */
  readonly estimatesSpoken: number;
  /** Every disagreement between the app and the simulation or the reference, described. */
  readonly problems: readonly string[];
}

const ORDINARY_CALLER = '+15550100001';
const REP_CALL_SID = 'CA-rep';

export async function playTrace(
  trace: readonly TraceEvent[],
  options: E2eOptions,
): Promise<E2eReport> {
  const { queues, reference, baseUrl } = options;
  const takesReported = options.takesReported ?? true;
  const waiting = new Map<string, string[]>(queues.map((q) => [q, []]));
  /** The <Dial action> of the rep bridged to each caller, requested when the call ends. */
  const repActions = new Map<string, string>();
  const problems: string[] = [];
  let requests = 0;
  let estimatesSpoken = 0;
  let served = 0;
  let abandoned = 0;
  let callers = 0;

  const post = createTwilioPoster({
    authToken: options.authToken,
    problems,
    onRequest: () => (requests += 1),
  });
  const line = (queue: string) => waiting.get(queue) ?? [];

  for (const step of trace) {
    if (step.kind === 'entered') {
      callers += 1;
      await arrive(step);
      continue;
    }
    if (step.kind === 'ended') {
      await callEnded(step.call);
      continue;
    }
    const { event } = step;
    options.setClock(event.at);
    // Twilio reports QueueTime in whole seconds; the reference learns what the app is told.
    const waitSeconds = Math.round(event.waitSeconds);
    if (event.outcome === 'served') {
      served += 1;
      await repTakes(event.queue, event.callSid, waitSeconds);
      if (takesReported) reference.activity.callerLeft({ ...event, waitSeconds });
      continue;
    }
    abandoned += 1;
    const queued = line(event.queue);
    queued.splice(queued.indexOf(event.callSid), 1);
    await post(`${baseUrl}/voice/queue-result?queue=${event.queue}`, {
      CallSid: event.callSid,
      QueueResult: 'hangup',
      QueueTime: String(waitSeconds),
    });
    reference.activity.callerLeft({ ...event, waitSeconds });
  }
  return { callers, served, abandoned, requests, estimatesSpoken, problems };

  async function arrive(step: Extract<TraceEvent, { kind: 'entered' }>): Promise<void> {
    const { queue, at, callSid } = step;
    options.setClock(at);
    options.onArrival?.({ queue, callSid });
    const ahead = reference.activity.waiting(queue);
    const expected =
      ahead === undefined
        ? undefined
        : describeEstimate(
            reference.estimator.estimate({ queue, position: ahead + 1, snapshot: undefined }),
            options.wording,
          );
    const from = queue === queues[0] ? options.premiumCaller : ORDINARY_CALLER;
    const greeting = await post(`${baseUrl}/voice/incoming`, {
      CallSid: callSid,
      From: from,
      To: '+15550100000',
    });
    const joined = /<Enqueue[^>]*>([^<]*)<\/Enqueue>/.exec(greeting)?.[1];
    if (joined !== queue) problems.push(`${callSid} was put in ${joined}, not ${queue}`);
    const spoken = /Your estimated wait is [^.]*\./.exec(greeting)?.[0];
    if (spoken !== undefined) estimatesSpoken += 1;
    if (spoken !== expected) {
      problems.push(`${callSid} heard "${spoken}", the estimator says "${expected}"`);
    }
    reference.activity.callerEntered({ queue, at, callSid });
    line(queue).push(callSid);

    const position = line(queue).length;
    const turn = await post(`${baseUrl}/voice/wait?queue=${queue}`, {
      CallSid: callSid,
      QueuePosition: String(position),
      QueueTime: '0',
      CurrentQueueSize: String(position),
    });
    // Twilio's own count rides on every wait turn, and sets the app's count right.
    reference.activity.queueSizeObserved({ queue, size: position, at });
    const said = describePosition(position, options.wording) ?? '';
    if (!turn.includes(said)) problems.push(`${callSid} at ${position} was not told "${said}"`);
  }

  /** A rep freed at this instant goes round its loop until Twilio would bridge a caller. */
  async function repTakes(queue: string, callSid: string, waitSeconds: number): Promise<void> {
    let url = `${baseUrl}/rep-call-complete`;
    let params: Record<string, string> = { CallSid: REP_CALL_SID };
    for (let tries = 0; tries <= queues.length; tries += 1) {
      const dial = readQueueDial(await post(url, params));
      if (dial === undefined) break; // a rest: the rep found every queue empty
      const head = line(dial.queue)[0];
      if (head !== undefined) {
        line(dial.queue).shift();
        if (head !== callSid) {
          problems.push(
            `a rep was handed ${head} from ${dial.queue}; the simulation took ${callSid} from ${queue}`,
          );
        }
        repActions.set(head, dial.actionUrl);
        if (dial.dequeuedUrl === undefined) problems.push(`the dial of ${dial.queue} has no url`);
        else if (takesReported) {
          await post(dial.dequeuedUrl, {
            CallSid: head,
            QueueTime: String(waitSeconds),
            DequeingCallSid: REP_CALL_SID,
          });
        }
        return;
      }
      url = dial.actionUrl;
      params = { CallSid: REP_CALL_SID, DequeueResult: 'queue-empty' };
    }
    problems.push(`no rep was handed ${callSid} from ${queue}, who was waiting`);
  }

  /** Both ends of a bridge hear of it only now, as Twilio tells them when the call ends. */
  async function callEnded(call: EndedCall): Promise<void> {
    options.setClock(call.at);
    const waitSeconds = Math.round(call.waitSeconds);
    await post(`${baseUrl}/voice/queue-result?queue=${call.queue}`, {
      CallSid: call.callSid,
      QueueResult: 'bridged',
      QueueTime: String(waitSeconds),
    });
    if (!takesReported) {
      reference.activity.callerLeft({
        queue: call.queue,
        outcome: 'served',
        waitSeconds,
        at: call.at,
        callSid: call.callSid,
        reportedAfterCall: true,
      });
    }
    const action = repActions.get(call.callSid);
    repActions.delete(call.callSid);
    if (action === undefined) return;
    const next = readQueueDial(
      await post(action, { CallSid: REP_CALL_SID, DequeueResult: 'bridged' }),
    );
    if (next?.queue !== queues[0]) {
      problems.push(`after a bridged call the rep dialled ${next?.queue}, not ${queues[0]}`);
    }
  }
}
