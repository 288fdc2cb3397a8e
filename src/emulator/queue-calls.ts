import type { CallScheduler } from './call-scheduler.js';
import { numberAttribute, type TwimlVerb } from './twiml-document.js';
import { DONE, OVER, type Flow, type VerbPlayer } from './twiml-flow.js';
import { onAbort, pause, REDIRECTED, untilEither, type VoiceLeg } from './voice-leg.js';
import { VoiceQueues } from './voice-queues.js';

/** One caller's time in a queue, as the emulator saw it (scheduler ms). */
export interface QueueVisit {
  readonly callSid: string;
  readonly queue: string;
  /** When the caller's leg was answered and began to play TwiML. */
  readonly legStartedAt: number;
  readonly joinedAt: number;
  /** A dial took them: the <Queue url> is requested on their leg from here. */
  takenAt?: number;
  /** Connected to the dialing leg (after the <Queue url>'s TwiML played). */
  bridgedAt?: number;
  dequeuedBy?: string;
  leftAt?: number;
  /** The <Enqueue action>'s QueueResult. */
  result?: QueueResult;
}

type QueueResult = 'bridged' | 'leave' | 'hangup' | 'redirected' | 'system-error';

interface Member {
  readonly sid: string;
  readonly leg: VoiceLeg;
  readonly queue: string;
  readonly visit: QueueVisit;
  /** Aborts when a dial takes the member: the wait music stops. */
  readonly taken: AbortController;
  settle(result: QueueResult): void;
}

interface Waiter {
  readonly sid: string;
  readonly leg: VoiceLeg;
  readonly url: string | undefined;
  readonly method: string | undefined;
  /** A member was found: the dial's timeout no longer runs. */
  taking(): void;
  /** The dial is over: its action's parameters. */
  settle(result: Record<string, string>): void;
}

/** <Dial>'s default timeout, seconds. */
const DIAL_TIMEOUT_SECONDS = 30;
/** Twilio's default hold music loops; the emulator just waits this long between checks. */
const HOLD_MUSIC_MS = 10_000;
/** What a wait URL that answers nothing is retried after, so that it does not spin. */
const EMPTY_WAIT_RETRY_MS = 1_000;
const MAX_QUEUE_SIZE = '1000';
/** Verbs Twilio plays from a <Queue url> before bridging. */
const BEFORE_BRIDGE = new Set(['Say', 'Play', 'Pause', 'Redirect']);

/**
 * <Enqueue> and <Dial><Queue> as Twilio runs them. A caller who enqueues is taken at once by a
 * dial already waiting on the queue; otherwise they hear the wait URL, fetched again each time
 * its TwiML runs out, until <Leave>, a hang-up, or a dial takes them. A dial takes the first
 * caller in line, or waits up to its timeout (then its action gets `queue-empty`). On a take,
 * the dial's <Queue url> is requested on the caller's leg and played to them, then the two are
 * bridged until one hangs up; then the caller's <Enqueue action> (`bridged`) and the dial's
 * action (`bridged`) are requested — only now, at the end of the call, as Twilio does.
 */
export class QueueCalls {
  private readonly queues = new VoiceQueues<Member, Waiter>();
  private readonly log: QueueVisit[] = [];

  constructor(
    private readonly deps: {
      readonly scheduler: CallScheduler;
      readonly queueSid: (name: string) => string;
      readonly player: VerbPlayer;
    },
  ) {}

  visits(): readonly QueueVisit[] {
    return this.log.map((visit) => ({ ...visit }));
  }

  async enqueue(leg: VoiceLeg, verb: TwimlVerb): Promise<Flow> {
    const { scheduler, queueSid, player } = this.deps;
    const queue = verb.text;
    const visit: QueueVisit = {
      callSid: leg.sid,
      queue,
      legStartedAt: leg.startedAt,
      joinedAt: scheduler.now(),
    };
    this.log.push(visit);
    const result = await new Promise<QueueResult>((resolve) => {
      const offGone = onAbort(leg.gone, () => {
        if (!this.queues.leave(queue, leg.sid)) return;
        settle(leg.gone.reason === REDIRECTED ? 'redirected' : 'hangup');
      });
      const settle = (outcome: QueueResult) => {
        offGone();
        resolve(outcome);
      };
      const member: Member = {
        sid: leg.sid,
        leg,
        queue,
        visit,
        taken: new AbortController(),
        settle,
      };
      const waiter = this.queues.join(queue, member);
      if (waiter === undefined) void this.hold(member, verb);
      else void this.bridge(waiter, member);
    });
    visit.result = result;
    visit.leftAt = scheduler.now();
    const action = verb.attributes.action;
    if (action === undefined) return DONE;
    const queueTime = wholeSeconds(visit.joinedAt, visit.takenAt ?? visit.leftAt);
    const verbs = await player.fetchTwiml(leg, action, verb.attributes.method, {
      QueueResult: result,
      QueueSid: queueSid(queue),
      QueueTime: queueTime,
    });
    return leg.gone.aborted ? OVER : { kind: 'goto', verbs };
  }

  async dial(leg: VoiceLeg, verb: TwimlVerb): Promise<Flow> {
    const { scheduler, queueSid, player } = this.deps;
    const noun = verb.children.find((child) => child.name === 'Queue');
    if (noun === undefined) return DONE; // only queues are dialed here
    const queue = noun.text;
    const timeoutMs = numberAttribute(verb.attributes.timeout, DIAL_TIMEOUT_SECONDS) * 1000;
    const result = await new Promise<Record<string, string> | undefined>((resolve) => {
      let cancelTimeout = () => {};
      const offGone = onAbort(leg.gone, () => {
        if (!this.queues.stopWaiting(queue, leg.sid)) return;
        cancelTimeout();
        resolve(undefined);
      });
      const waiter: Waiter = {
        sid: leg.sid,
        leg,
        url: noun.attributes.url,
        method: noun.attributes.method,
        taking: () => {
          cancelTimeout();
          offGone();
        },
        settle: resolve,
      };
      const member = this.queues.dial(queue, waiter);
      if (member !== undefined) {
        void this.bridge(waiter, member);
        return;
      }
      cancelTimeout = scheduler.after(timeoutMs, () => {
        if (!this.queues.stopWaiting(queue, leg.sid)) return;
        offGone();
        resolve({ DequeueResult: 'queue-empty', QueueSid: queueSid(queue) });
      });
    });
    if (result === undefined || leg.gone.aborted) return OVER;
    const action = verb.attributes.action;
    if (action === undefined) return DONE;
    return {
      kind: 'goto',
      verbs: await player.fetchTwiml(leg, action, verb.attributes.method, result),
    };
  }

  /** The wait URL, again and again, until the member leaves, hangs up or is taken. */
  private async hold(member: Member, verb: TwimlVerb): Promise<void> {
    const { scheduler, player } = this.deps;
    const { leg, queue } = member;
    const signal = AbortSignal.any([leg.gone, member.taken.signal]);
    const waitUrl = verb.attributes.waitUrl;
    while (!signal.aborted) {
      if (waitUrl === undefined) {
        await pause(scheduler, HOLD_MUSIC_MS, signal);
        continue;
      }
      const verbs = await player.fetchTwiml(
        leg,
        waitUrl,
        verb.attributes.waitUrlMethod,
        this.waitParams(member),
      );
      if (signal.aborted) return;
      const flow = await player.follow(leg, verbs, { signal, inQueue: true });
      if (flow.kind === 'left' && this.queues.leave(queue, leg.sid)) member.settle('leave');
      if (flow.kind !== 'done') return;
      if (verbs.length === 0) await pause(scheduler, EMPTY_WAIT_RETRY_MS, signal);
    }
  }

  private waitParams(member: Member): Record<string, string> {
    const { queue, visit } = member;
    const taken = this.log.filter((v) => v.queue === queue && v.takenAt !== undefined);
    const average =
      taken.length === 0
        ? 0
        : taken.reduce((sum, v) => sum + ((v.takenAt ?? 0) - v.joinedAt), 0) / taken.length;
    return {
      QueuePosition: String(this.queues.position(queue, member.sid)),
      QueueSid: this.deps.queueSid(queue),
      QueueTime: wholeSeconds(visit.joinedAt, this.deps.scheduler.now()),
      AvgQueueTime: String(Math.round(average / 1000)),
      CurrentQueueSize: String(this.queues.size(queue)),
      MaxQueueSize: MAX_QUEUE_SIZE,
    };
  }

  /** A dial took a member: the <Queue url> on the member's leg, then the bridge, until a hang-up. */
  private async bridge(waiter: Waiter, member: Member): Promise<void> {
    const { scheduler, queueSid, player } = this.deps;
    const { visit, queue } = member;
    member.taken.abort();
    waiter.taking();
    visit.takenAt = scheduler.now();
    visit.dequeuedBy = waiter.sid;
    const queueTime = wholeSeconds(visit.joinedAt, visit.takenAt);
    if (waiter.url !== undefined) {
      const verbs = await player.fetchTwiml(member.leg, waiter.url, waiter.method, {
        QueueSid: queueSid(queue),
        QueueTime: queueTime,
        DequeingCallSid: waiter.sid,
      });
      const allowed = verbs.filter((v) => BEFORE_BRIDGE.has(v.name));
      await player.follow(member.leg, allowed, { signal: member.leg.gone, inQueue: true });
    }
    if (!member.leg.gone.aborted && !waiter.leg.gone.aborted) {
      visit.bridgedAt = scheduler.now();
      const talkMs = member.leg.talkMs;
      const cancelTalk =
        talkMs === undefined ? undefined : scheduler.after(talkMs, () => member.leg.hangUp());
      await untilEither(member.leg.gone, waiter.leg.gone);
      cancelTalk?.();
    }
    const bridgedAt = visit.bridgedAt;
    member.settle(
      bridgedAt !== undefined ? 'bridged' : member.leg.gone.aborted ? 'hangup' : 'system-error',
    );
    waiter.settle(
      bridgedAt === undefined
        ? { DequeueResult: 'system-error', QueueSid: queueSid(queue) }
        : {
            DequeueResult: 'bridged',
            QueueSid: queueSid(queue),
            DequeuedCallSid: member.sid,
            DequeuedCallQueueTime: queueTime,
            DialCallStatus: 'completed',
            DialCallDuration: wholeSeconds(bridgedAt, scheduler.now()),
          },
    );
  }
}

function wholeSeconds(from: number, to: number): string {
  return String(Math.max(0, Math.round((to - from) / 1000)));
}
