import type { WordingOptions } from '../voice/announcement.js';
import { describeEstimate, describePosition } from '../voice/announcement.js';
import type { WaitEstimator } from '../wait-time/estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import type { TraceEvent } from './e2e-trace.js';
import { buildSignedRequest } from './signed-request.js';

/**
 * Plays a simulated trace against the running app over HTTP, as Twilio would: each arrival is a
 * signed POST /voice/incoming and one /voice/wait turn; each caller taken is a rep's loop
 * through /rep-call-complete (Twilio's <Dial><Queue> answered from the queues as they stand:
 * bridged, or queue-empty and on to the next dial) and then /voice/queue-result; each hang-up a
 * /voice/queue-result. It checks what the app decides against the simulation (the queue a
 * caller joins, the caller a rep is handed, premium first) and what callers hear against a
 * reference estimator fed the same events.
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

export async function playTrace(
  trace: readonly TraceEvent[],
  options: E2eOptions,
): Promise<E2eReport> {
  const { queues, reference } = options;
  const waiting = new Map<string, string[]>(queues.map((q) => [q, []]));
  const problems: string[] = [];
  let requests = 0;
  let estimatesSpoken = 0;
  let served = 0;
  let abandoned = 0;
  let callers = 0;

  const post = async (url: string, params: Record<string, string>) => {
    requests += 1;
    const signed = buildSignedRequest({
      authToken: options.authToken,
      method: 'POST',
      url,
      params,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signed.signature,
      },
      body: new URLSearchParams(params).toString(),
    });
    const text = await response.text();
    if (response.status !== 200) problems.push(`${url} answered ${response.status}: ${text}`);
    return text;
  };
  const line = (queue: string) => waiting.get(queue) ?? [];

  for (const step of trace) {
    if (step.kind === 'entered') {
      const { queue, at, callSid } = step;
      callers += 1;
      options.setClock(at);
      const ahead = reference.activity.waiting(queue);
      const expected =
        ahead === undefined
          ? undefined
          : describeEstimate(
              reference.estimator.estimate({ queue, position: ahead + 1, snapshot: undefined }),
              options.wording,
            );
      const from = queue === queues[0] ? options.premiumCaller : ORDINARY_CALLER;
      const greeting = await post(`${options.baseUrl}/voice/incoming`, {
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
      const turn = await post(`${options.baseUrl}/voice/wait?queue=${queue}`, {
        CallSid: callSid,
        QueuePosition: String(position),
        QueueTime: '0',
        CurrentQueueSize: String(position),
      });
      const said = describePosition(position, options.wording) ?? '';
      if (!turn.includes(said)) problems.push(`${callSid} at ${position} was not told "${said}"`);
      continue;
    }

    const { event } = step;
    options.setClock(event.at);
    // Twilio reports QueueTime in whole seconds; the reference learns what the app is told.
    const waitSeconds = Math.round(event.waitSeconds);
    if (event.outcome === 'served') {
      served += 1;
      await repTakes(event.queue, event.callSid);
    } else {
      abandoned += 1;
      const queued = line(event.queue);
      queued.splice(queued.indexOf(event.callSid), 1);
    }
    await post(`${options.baseUrl}/voice/queue-result?queue=${event.queue}`, {
      CallSid: event.callSid,
      QueueResult: event.outcome === 'served' ? 'bridged' : 'hangup',
      QueueTime: String(waitSeconds),
    });
    reference.activity.callerLeft({ ...event, waitSeconds });
  }
  return { callers, served, abandoned, requests, estimatesSpoken, problems };

  /** A rep freed at this instant goes round its loop until Twilio would bridge a caller. */
  async function repTakes(queue: string, callSid: string): Promise<void> {
    let url = `${options.baseUrl}/rep-call-complete`;
    let params: Record<string, string> = { CallSid: 'CA-rep' };
    for (let tries = 0; tries <= queues.length; tries += 1) {
      const twiml = await post(url, params);
      const dial = /<Dial[^>]*action="([^"]*)"[^>]*><Queue>([^<]*)<\/Queue>/.exec(twiml);
      if (dial === null) break; // a rest: the rep found every queue empty
      const [, action = '', dialled = ''] = dial;
      const head = line(dialled)[0];
      if (head !== undefined) {
        line(dialled).shift();
        if (head !== callSid) {
          problems.push(
            `a rep was handed ${head} from ${dialled}; the simulation took ${callSid} from ${queue}`,
          );
        }
        return;
      }
      url = action.replace(/&amp;/g, '&');
      params = { CallSid: 'CA-rep', DequeueResult: 'queue-empty' };
    }
    problems.push(`no rep was handed ${callSid} from ${queue}, who was waiting`);
  }
}
