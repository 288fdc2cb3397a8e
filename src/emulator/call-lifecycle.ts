import type { CallDice, CallScript } from './call-outcomes.js';
import type { CallOptions } from './call-options.js';
import type { CallPacing } from './call-pacing.js';
import {
  ENDED_STATUSES,
  type CallRecord,
  type CallStatus,
  type HttpMethod,
} from './call-record.js';
import type { CallScheduler } from './call-scheduler.js';
import { createScriptedCaller, type ScriptedCaller } from './caller-script.js';
import type { TwimlPlayer } from './twiml-player.js';
import { HUNG_UP, REDIRECTED, type VoiceLeg } from './voice-leg.js';
import {
  callParams,
  sendSigned,
  statusCallbackParams,
  type SignedRequest,
} from './call-webhooks.js';

/**
 * A call's life on the scheduler: queued until its CPS slot → initiated (dialing) and ringing →
 * answered by a human or a machine (in-progress: the Url is fetched, signed, and the TwiML kept;
 * with MachineDetection the AnsweredBy comes with it, or with AsyncAmd in its own callback), busy,
 * no-answer (after the Timeout) or failed → ended, by talk time or by the app (`end`). Each
 * requested status callback goes out in order per call, one request at a time.
 */
export interface CallLifecycle {
  start(call: CallRecord, script: CallScript): void;
  /** Ends a call now with this status (canceled, completed); the completed callback follows. */
  end(call: CallRecord, status: CallStatus): void;
  /**
   * An answered call's TwiML is replaced (a REST update with Url): whatever it was doing stops
   * — a queue is left, a bridge ends — and the URL's answer is played.
   */
  redirect(call: CallRecord, url: string, method: HttpMethod): void;
  /** Resolves when every call's webhooks so far have been answered. */
  settled(): Promise<void>;
  close(): void;
}

export function createCallLifecycle(deps: {
  accountSid: string;
  authToken: string;
  options: CallOptions;
  scheduler: CallScheduler;
  dice: CallDice;
  pacing: CallPacing;
  /** Told of every status change, after the record changed. */
  changed: (call: CallRecord) => void;
  /** Told of every status callback sent (Event Streams publishes them). */
  progressed?: (call: CallRecord, event: string, request: SignedRequest) => void;
  /** Plays each answered call's TwiML (options.playTwiml); the call then ends as its TwiML says. */
  player?: TwimlPlayer;
}): CallLifecycle {
  const { scheduler, dice, options } = deps;
  const abort = new AbortController();
  const timers = new Map<string, (() => void)[]>();
  /** Aborted when a call whose TwiML is being played ends. */
  const legs = new Map<string, AbortController>();
  /** With the player, how long each answered callee talks once bridged to a rep. */
  const talkTimes = new Map<string, number>();
  /** With the player, each answered callee's script, used up across the call's documents. */
  const callers = new Map<string, ScriptedCaller>();
  const chains = new Map<string, Promise<void>>();

  const later = (call: CallRecord, ms: number, run: () => void) => {
    const cancel = scheduler.after(ms, run);
    timers.set(call.sid, [...(timers.get(call.sid) ?? []), cancel]);
  };
  const send = (call: CallRecord, request: SignedRequest, then?: (body: string | null) => void) => {
    const previous = chains.get(call.sid) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (abort.signal.aborted) return;
      const webhook = await sendSigned(request, deps.authToken, abort.signal);
      call.webhooks.push(webhook);
      then?.(webhook.body);
    });
    chains.set(call.sid, next);
  };
  const setStatus = (call: CallRecord, status: CallStatus) => {
    call.status = status;
    call.updatedAt = scheduler.now();
    deps.changed(call);
  };
  const progress = (
    call: CallRecord,
    event: 'initiated' | 'ringing' | 'answered' | 'completed',
    callStatus: string,
  ) => {
    const url = call.request.statusCallback;
    if (url === null || !call.request.statusCallbackEvents.includes(event)) return;
    const params = statusCallbackParams(deps.accountSid, call, callStatus, scheduler.now());
    call.sequence += 1;
    const request = {
      kind: 'status-callback',
      url,
      method: call.request.statusCallbackMethod,
      params,
    } as const;
    send(call, request);
    deps.progressed?.(call, event, request);
  };
  const fetchUrl = (
    call: CallRecord,
    extra: Record<string, string>,
    target: { url: string | null; method: HttpMethod } = call.request,
  ) => {
    if (target.url === null) {
      call.twiml = call.request.twiml;
      return;
    }
    const params = { ...callParams(deps.accountSid, call, 'in-progress'), ...extra };
    send(call, { kind: 'url', url: target.url, method: target.method, params }, (body) => {
      call.twiml = body;
      if (deps.player !== undefined) deps.player.play(legOf(call), body);
    });
  };
  const legOf = (call: CallRecord): VoiceLeg => {
    const gone = new AbortController();
    legs.set(call.sid, gone);
    return {
      sid: call.sid,
      params: callParams(deps.accountSid, call, 'in-progress'),
      talkMs: talkTimes.get(call.sid),
      startedAt: call.answeredAt ?? scheduler.now(),
      gone: gone.signal,
      hangUp: () => end(call, 'completed'),
      ...(callers.has(call.sid) ? { caller: callers.get(call.sid) } : {}),
      requested: (request) => call.webhooks.push({ kind: 'twiml', body: null, ...request }),
    };
  };

  const end = (call: CallRecord, status: CallStatus) => {
    if (ENDED_STATUSES.has(call.status)) return;
    for (const cancel of timers.get(call.sid) ?? []) cancel();
    timers.delete(call.sid);
    talkTimes.delete(call.sid);
    callers.delete(call.sid);
    legs.get(call.sid)?.abort(HUNG_UP);
    legs.delete(call.sid);
    call.endedAt = scheduler.now();
    setStatus(call, status);
    progress(call, 'completed', status);
  };

  const answer = (call: CallRecord, script: CallScript) => {
    call.answeredAt = scheduler.now();
    setStatus(call, 'in-progress');
    progress(call, 'answered', 'in-progress');
    const detection = call.request.machineDetection;
    const detected =
      script.outcome === 'human'
        ? 'human'
        : detection === 'DetectMessageEnd'
          ? 'machine_end_beep'
          : 'machine_start';
    if (detection === null) {
      fetchUrl(call, {});
    } else {
      const amdMs = dice.amdMs();
      const duration = { MachineDetectionDuration: String(amdMs) };
      if (call.request.asyncAmd) fetchUrl(call, {});
      later(call, amdMs, () => {
        call.answeredBy = detected;
        call.updatedAt = scheduler.now();
        if (!call.request.asyncAmd) {
          fetchUrl(call, { AnsweredBy: detected, ...duration });
          return;
        }
        const url = call.request.asyncAmdStatusCallback;
        if (url === null) return;
        const params = {
          AccountSid: deps.accountSid,
          CallSid: call.sid,
          AnsweredBy: detected,
          ...duration,
        };
        send(call, {
          kind: 'amd-callback',
          url,
          method: call.request.asyncAmdStatusCallbackMethod,
          params,
        });
      });
    }
    const talkMs = script.talkMs ?? dice.talkMs();
    // Played, the call lasts as its TwiML says, and the callee talks this long once bridged.
    if (deps.player === undefined) later(call, talkMs, () => end(call, 'completed'));
    else {
      talkTimes.set(call.sid, talkMs);
      callers.set(call.sid, createScriptedCaller(script.caller));
    }
  };

  const dial = (call: CallRecord, script: CallScript) => {
    if (call.status !== 'queued') return;
    call.startedAt = call.dialAt;
    deps.pacing.countDial(call.dialAt);
    progress(call, 'initiated', 'initiated');
    if (script.outcome === 'failed') {
      end(call, 'failed');
      return;
    }
    setStatus(call, 'ringing');
    progress(call, 'ringing', 'ringing');
    const timeoutMs = options.noAnswerMs ?? call.request.timeoutSeconds * 1000;
    const ringMs = script.ringMs ?? dice.ringMs();
    if (script.outcome === 'noAnswer' || ringMs >= timeoutMs) {
      later(call, timeoutMs, () => end(call, 'no-answer'));
    } else if (script.outcome === 'busy') {
      later(call, ringMs, () => end(call, 'busy'));
    } else {
      later(call, ringMs, () => answer(call, script));
    }
  };

  return {
    start(call, script) {
      later(call, call.dialAt - scheduler.now(), () => dial(call, script));
    },
    end,
    redirect(call, url, method) {
      legs.get(call.sid)?.abort(REDIRECTED);
      legs.delete(call.sid);
      fetchUrl(call, {}, { url, method });
    },
    async settled() {
      for (;;) {
        const pending = [...chains.values()];
        await Promise.all(pending);
        const now = [...chains.values()];
        if (now.length === pending.length && now.every((chain, i) => chain === pending[i])) return;
      }
    },
    close() {
      abort.abort();
      for (const cancels of timers.values()) for (const cancel of cancels) cancel();
      timers.clear();
      for (const gone of legs.values()) gone.abort();
      legs.clear();
    },
  };
}
