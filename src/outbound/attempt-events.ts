import type { Logger } from '../logger.js';
import type { Attempt, AttemptState } from './attempt.js';
import type { CampaignExecution } from './campaign.js';
import type { CampaignStore } from './campaign-store.js';
import { isFinalCallStatus, outcomeOfEndedCall, retryAtFor } from './call-outcome.js';

/** What Twilio said about a call, from whichever source (status callback, Event Streams, REST). */
export interface CallReport {
  readonly callSid: string;
  readonly status: string;
  readonly answeredBy?: string;
  /** Why the call failed, when the reporter knows (a Studio Flow does). */
  readonly reason?: string;
  readonly at: number;
}

/** States in which Twilio may be telling us about the attempt's call. */
const MAY_HAVE_A_CALL: readonly AttemptState[] = ['dialing', 'unknown', 'live'];

/**
 * The one place where what Twilio reports moves an attempt, so that the status callback, Event
 * Streams and reconciliation, in any order and any number of times, end each attempt once.
 * Every step is a compare-and-set in the store: a duplicate or late report changes nothing.
 */
export class AttemptEvents {
  constructor(
    private readonly store: CampaignStore,
    private readonly logger: Logger,
  ) {}

  /** A status: the call is known (its SID), and ends the attempt when it is over. */
  async callReported(campaign: CampaignExecution, attemptId: string, report: CallReport) {
    const attempt = await this.store.attempt(campaign.id, attemptId);
    if (attempt === undefined || attempt.state === 'ended' || attempt.state === 'claimed') return;
    // Reports come unordered (Event Streams): a late "ringing" never undoes a final status.
    const regresses =
      attempt.callStatus !== undefined &&
      isFinalCallStatus(attempt.callStatus) &&
      !isFinalCallStatus(report.status);
    const known = await this.store.advance(campaign.id, attemptId, MAY_HAVE_A_CALL, {
      state: 'live',
      callSid: report.callSid,
      callStatus: regresses ? (attempt.callStatus ?? report.status) : report.status,
      ...(report.answeredBy === undefined ? {} : { answeredBy: report.answeredBy }),
    });
    if (known === undefined) {
      this.logger.warn(
        { campaign: campaign.id, attempt: attemptId, callSid: report.callSid },
        'a call reported for an attempt that has another call: ignored',
      );
      return;
    }
    if (isFinalCallStatus(report.status)) {
      await this.endIfKnown(campaign, known, report.at, report.reason);
    }
  }

  /** Our answer webhook ran: a person (or a machine) picked up and was put in the queue. */
  async callAnswered(campaign: CampaignExecution, attemptId: string, report: CallReport) {
    await this.store.advance(campaign.id, attemptId, MAY_HAVE_A_CALL, {
      state: 'live',
      callSid: report.callSid,
      answeredAt: report.at,
      ...(report.answeredBy === undefined ? {} : { answeredBy: report.answeredBy }),
    });
  }

  /** A rep took the callee (the dial's <Queue url>, or a bridged queue result). */
  async callConnected(campaign: CampaignExecution, attemptId: string, at: number) {
    const attempt = await this.store.attempt(campaign.id, attemptId);
    if (attempt === undefined || attempt.connectedAt !== undefined) return;
    const moved = await this.store.advance(campaign.id, attemptId, ['live'], {
      state: 'live',
      connectedAt: at,
    });
    if (moved !== undefined) await this.endIfKnown(campaign, moved, at);
  }

  /** No rep in time: the callee heard the campaign's message instead. */
  async callAbandoned(campaign: CampaignExecution, attemptId: string, at: number) {
    const attempt = await this.store.attempt(campaign.id, attemptId);
    if (attempt === undefined || attempt.connectedAt !== undefined) return;
    const moved = await this.store.advance(campaign.id, attemptId, ['live'], {
      state: 'live',
      abandonedAt: at,
    });
    if (moved !== undefined) await this.endIfKnown(campaign, moved, at);
  }

  /**
   * Ends the attempt when its call is over and its outcome is known: a completed call waits for
   * the queue's result (connected or not) unless it already came.
   */
  private async endIfKnown(
    campaign: CampaignExecution,
    attempt: Attempt,
    at: number,
    reason?: string,
  ) {
    const status = attempt.callStatus;
    if (status === undefined || !isFinalCallStatus(status)) return;
    const outcome = outcomeOfEndedCall(attempt, status, attempt.answeredBy);
    if (outcome === undefined) return;
    await this.store.end(campaign.id, attempt.id, {
      outcome,
      callStatus: status,
      at,
      ...(attempt.callSid === undefined ? {} : { callSid: attempt.callSid }),
      ...optional('reason', reason),
      ...optional('retryAt', retryAtFor(campaign.settings, attempt, outcome, at)),
    });
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
