import { PacingModel } from '../../../dialer/pacing-model.js';
import {
  FORECAST_SLOT_MS,
  GRACE_SLOTS,
  predictiveCallsToDial,
} from '../../../dialer/predictive-pacing.js';
import { chanceOf, type Timeline } from '../../../dialer/abandon-forecast.js';
import { abandonAllowance } from '../../../outbound/abandonment.js';
import type { CallEvent, DialerView, Pacer } from '../pacer.js';

export interface PredictivePacerSettings {
  /** The share of live answers the pacer aims to abandon at most (under the 3% cap). */
  readonly abandonTarget: number;
  /** Free agents count only if the shift plan keeps them this long (as progressive does). */
  readonly lookAheadMs: number;
  /** AMD's listening time: an answer needs an agent only after it. */
  readonly detectMs: number;
}

/**
 * Holdline's predictive pacer (src/dialer/predictive-pacing.ts, pacing-model.ts) on the
 * simulator's view: at each tick and call event, the calls to start, weighing every call out
 * (queued, ringing, heard by AMD, waiting) by when it may be answered and every busy agent by
 * when they may be free: one in wrap-up (its call's end is reported) at the end of a wrap-up,
 * one still talking as such calls end. What a call may risk follows the campaign's abandonment
 * so far against its target; with the cap's slack spent it dials as progressive does.
 */
export class PredictivePacer implements Pacer {
  readonly name = 'predictive';
  private readonly model = new PacingModel();
  private readonly startedAt = new Map<number, number>();
  private readonly answeredAt = new Map<number, number>();
  private readonly connectedAt = new Map<number, number>();
  /** When each call's talk ended (its agent went into wrap-up), by the call's connect time. */
  private readonly talkEndedAt = new Map<number, number>();

  constructor(private readonly settings: PredictivePacerSettings) {}

  observe(event: CallEvent): void {
    const { contact, at } = event;
    const rang = () => (this.answeredAt.get(contact) ?? at) - (this.startedAt.get(contact) ?? at);
    switch (event.kind) {
      case 'started':
        this.startedAt.set(contact, at);
        return;
      case 'answered':
        this.answeredAt.set(contact, at);
        return;
      case 'connected':
        this.connectedAt.set(contact, at);
        this.model.dialSettled(true, rang());
        return;
      case 'dropped':
        this.model.dialSettled(true, rang());
        this.forget(contact);
        return;
      case 'amd-machine':
      case 'busy':
      case 'no-answer':
        this.model.dialSettled(false, rang());
        this.forget(contact);
        return;
      case 'agent-free': {
        const connected = this.connectedAt.get(contact);
        if (connected !== undefined) {
          // A call seen going into wrap-up has its talk and wrap-up apart; else all talk.
          const talkEnded = this.talkEndedAt.get(connected) ?? at;
          this.model.repFreed(talkEnded - connected, at - talkEnded);
          this.talkEndedAt.delete(connected);
        }
        this.forget(contact);
        return;
      }
      default:
        return;
    }
  }

  decide(view: DialerView): number {
    const { model, settings } = this;
    const { agents, tally, now } = view;
    // AMD listens before a person is reachable: answers need an agent that much later.
    const afterAmd = (timeline: Timeline) => [
      ...zeros(settings.detectMs / FORECAST_SLOT_MS),
      ...timeline,
    ];
    const newCallAnswers = afterAmd(model.answerTimeline(0, FORECAST_SLOT_MS));
    const horizonSlots = newCallAnswers.length + GRACE_SLOTS;
    const repsFree = Math.min(
      agents.idle,
      Math.max(0, agents.scheduledAt(now + settings.lookAheadMs) - agents.busy.length),
    );
    // Agents leaving at a shift's end finish their call and go: only the plan's count returns.
    const returning = Math.max(
      0,
      agents.scheduledAt(now + horizonSlots * FORECAST_SLOT_MS) - repsFree,
    );
    // The end of each call is reported (its status callback), so a rep in wrap-up is known.
    for (const agent of agents.busy) {
      if (agent.phase === 'wrap-up') this.talkEndedAt.set(agent.connectedAt, agent.phaseSince);
    }
    const repsFreeing = agents.busy
      .map((agent) =>
        agent.phase === 'wrap-up'
          ? model.freeTimelineWrapping(now - agent.phaseSince, FORECAST_SLOT_MS)
          : model.freeTimelineTalking(now - agent.connectedAt, FORECAST_SLOT_MS, horizonSlots),
      )
      .sort((a, b) => chanceOf(b) - chanceOf(a))
      .slice(0, returning);
    const answeredNeedAgent = tally.connectedHumans + tally.connectedMachines + tally.dropped;
    const heardByAmd =
      answeredNeedAgent + tally.amdMachines === 0
        ? 1
        : answeredNeedAgent / (answeredNeedAgent + tally.amdMachines);
    const answersComing = [
      ...Array.from({ length: view.queuedDials }, () => newCallAnswers),
      ...view.ringing.map((call) =>
        afterAmd(model.answerTimeline(now - call.startedAt, FORECAST_SLOT_MS)),
      ),
      ...Array.from({ length: view.detecting }, () => [heardByAmd]),
      ...view.waiting.map(() => [1]),
    ];
    const liveAnswers = tally.connectedHumans + tally.dropped;
    return predictiveCallsToDial({
      repsFree,
      repsFreeing,
      answersComing,
      newCallAnswers,
      graceSlots: GRACE_SLOTS,
      allowance: abandonAllowance(settings.abandonTarget, liveAnswers, tally.dropped),
      maxNew: Math.min(view.startsAvailableNow, view.contactsLeft),
    });
  }

  private forget(contact: number): void {
    this.startedAt.delete(contact);
    this.answeredAt.delete(contact);
    this.connectedAt.delete(contact);
  }
}

function zeros(count: number): number[] {
  return Array.from({ length: Math.floor(count) }, () => 0);
}
