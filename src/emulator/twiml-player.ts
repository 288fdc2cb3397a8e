import type { CallScheduler } from './call-scheduler.js';
import { httpMethod } from './call-record.js';
import { sendSigned } from './call-webhooks.js';
import { playGather } from './gather-keys.js';
import { QueueCalls, type QueueVisit } from './queue-calls.js';
import { playRecord } from './record-verb.js';
import type { RecordingState } from './recording-state.js';
import type { VerbPlayer } from './twiml-flow.js';
import { numberAttribute, readTwiml, type TwimlVerb } from './twiml-document.js';
import { DONE, OVER, type Flow, type PlayScope } from './twiml-flow.js';
import { pause, speakingMs, type VoiceLeg } from './voice-leg.js';

/** How long a <Play> holds the call: the emulator has no audio to measure. */
const PLAY_MS = 5_000;

/**
 * Plays TwiML on call legs as Twilio's voice engine does, for the verbs holdline answers with:
 * <Say>, <Play>, <Pause>, <Gather> (the keys of the leg's caller script, else none),
 * <Record> (record-verb.ts), <Redirect>, <Hangup>, and the queue verbs <Enqueue> (wait URL,
 * <Leave>, action) and <Dial><Queue> (queue-calls.ts). A document that runs out ends the call,
 * as Twilio hangs up after the last verb. Requests are signed as Twilio signs them, with the
 * leg's parameters. Verbs holdline never sends (<Dial><Number>…) are skipped rather than
 * guessed at.
 */
export class TwimlPlayer implements VerbPlayer {
  private readonly queueCalls: QueueCalls;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      readonly authToken: string;
      readonly scheduler: CallScheduler;
      /** Cut when the emulator closes: every request and wait stops. */
      readonly signal: AbortSignal;
      /** The Voice queue SID Twilio reports for a queue name. */
      readonly queueSid: (name: string) => string;
      /** Where <Record> keeps its recordings (and sends their callbacks from). */
      readonly recordings: RecordingState;
    },
  ) {
    this.queueCalls = new QueueCalls({ ...deps, player: this });
  }

  /** Plays the document a leg was answered with, until the leg ends. */
  play(leg: VoiceLeg, body: string | null): void {
    void this.playDocument(leg, readTwiml(body));
  }

  /**
   * Resolves once no TwiML request is in flight and what their answers started has run up to
   * its next wait; true when it had to wait for any (a test's step on a manual scheduler).
   */
  async settled(): Promise<boolean> {
    let waited = false;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.inFlight.size === 0) {
        if (!(await this.deps.recordings.settled())) return waited;
        waited = true;
        continue;
      }
      waited = true;
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Every caller's time in a queue so far: when they joined, were taken, bridged, or left. */
  visits(): readonly QueueVisit[] {
    return this.queueCalls.visits();
  }

  /** Plays verbs and whatever they hand the call on to; hangs up when the last document runs out. */
  async playDocument(leg: VoiceLeg, verbs: readonly TwimlVerb[]): Promise<void> {
    const flow = await this.follow(leg, verbs, { signal: leg.gone, inQueue: false });
    if (flow.kind === 'done' && !leg.gone.aborted) leg.hangUp();
  }

  async follow(leg: VoiceLeg, first: readonly TwimlVerb[], scope: PlayScope): Promise<Flow> {
    let verbs = first;
    for (;;) {
      const flow = await this.run(leg, verbs, scope);
      if (flow.kind !== 'goto') return flow;
      verbs = flow.verbs;
    }
  }

  private async run(leg: VoiceLeg, verbs: readonly TwimlVerb[], scope: PlayScope): Promise<Flow> {
    for (const verb of verbs) {
      if (scope.signal.aborted) return OVER;
      const flow = await this.verb(leg, verb, scope);
      if (flow !== DONE) return flow;
    }
    return DONE;
  }

  /** A TwiML request on the leg (signed); its verbs, or none when the answer is not TwiML. */
  async fetchTwiml(
    leg: VoiceLeg,
    url: string,
    method: string | undefined,
    extra: Record<string, string>,
  ): Promise<readonly TwimlVerb[]> {
    const params = { ...leg.params, ...extra };
    const verb = httpMethod(method);
    const sending = sendSigned(
      { kind: 'twiml', url, method: verb, params },
      this.deps.authToken,
      this.deps.signal,
    );
    this.inFlight.add(sending);
    const answer = await sending.finally(() => this.inFlight.delete(sending));
    leg.requested?.({ url, method: verb, params, status: answer.status });
    return answer.status === 200 ? readTwiml(answer.body) : [];
  }

  private async verb(leg: VoiceLeg, verb: TwimlVerb, scope: PlayScope): Promise<Flow> {
    const { scheduler } = this.deps;
    switch (verb.name) {
      case 'Say':
        await pause(scheduler, speakingMs(verb.text) * loops(verb), scope.signal);
        return DONE;
      case 'Play':
        await pause(scheduler, PLAY_MS * loops(verb), scope.signal);
        return DONE;
      case 'Pause':
        await pause(scheduler, numberAttribute(verb.attributes.length, 1) * 1000, scope.signal);
        return DONE;
      case 'Gather':
        return playGather({ scheduler, player: this }, leg, verb, scope);
      case 'Record':
        return scope.inQueue
          ? DONE // not a verb a wait URL may use
          : playRecord({ ...this.deps, player: this }, leg, verb, scope.signal);
      case 'Redirect':
        return {
          kind: 'goto',
          verbs: await this.fetchTwiml(leg, verb.text, verb.attributes.method, {}),
        };
      case 'Hangup':
        leg.hangUp();
        return OVER;
      case 'Leave':
        return scope.inQueue ? { kind: 'left' } : DONE;
      case 'Enqueue':
        return scope.inQueue ? DONE : this.queueCalls.enqueue(leg, verb);
      case 'Dial':
        return scope.inQueue ? DONE : this.queueCalls.dial(leg, verb);
      default:
        return DONE;
    }
  }
}

/** `loop="0"` repeats until something else happens; the emulator plays it ten times. */
function loops(verb: TwimlVerb): number {
  const count = numberAttribute(verb.attributes.loop, 1);
  return count === 0 ? 10 : Math.max(1, Math.floor(count));
}
