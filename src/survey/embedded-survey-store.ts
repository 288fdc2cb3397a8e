import path from 'node:path';
import type { Clock } from '../clock.js';
import { CompactedJournal } from '../storage/compacted-journal.js';
import {
  applyStep,
  emptySurveyState,
  latestSentIn,
  pruneState,
  restoreState,
  snapshotOf,
  stepSchema,
  type SurveyState,
  type SurveyStep,
} from './survey-steps.js';
import type {
  ScoredResponse,
  SurveyRecord,
  SurveyReply,
  SurveySettlement,
  SurveyStore,
} from './survey-store.js';

/** A journal past this (and past the last snapshot) is compacted while running. */
const COMPACT_ABOVE_BYTES = 4 * 1024 * 1024;

/**
 * Embedded mode's surveys and SMS opt-outs: in memory, every step journaled under DATA_DIR
 * (`survey/surveys.jsonl`, after the snapshot `survey/surveys.json`) before it resolves,
 * replayed on start. Compaction (on open, and while running past COMPACT_ABOVE_BYTES) keeps
 * the surveys of the last 30 days and every opt-out. An opt-out counts in memory at once,
 * before it is durable: the sender must stop at the first STOP, even if the write fails.
 */
export class EmbeddedSurveyStore implements SurveyStore {
  /** Numbers held by reserveSend; not journaled: after a restart the sent surveys still count. */
  private readonly held = new Map<string, number>();

  private constructor(
    private readonly state: SurveyState,
    private readonly journal: CompactedJournal | undefined,
  ) {}

  /** Nothing kept past the process (tests, simulations). */
  static inMemory(): EmbeddedSurveyStore {
    return new EmbeddedSurveyStore(emptySurveyState(), undefined);
  }

  /** `dataDir` undefined: memory only. `clock`: what compaction counts the 30 days from. */
  static async open(
    dataDir: string | undefined,
    options: { clock: Clock; compactAboveBytes?: number },
  ): Promise<EmbeddedSurveyStore> {
    if (dataDir === undefined) return EmbeddedSurveyStore.inMemory();
    const { state, journal } = await CompactedJournal.open<SurveyState>({
      snapshotFile: path.join(dataDir, 'survey', 'surveys.json'),
      journalFile: path.join(dataDir, 'survey', 'surveys.jsonl'),
      restore: restoreState,
      apply: (current, step) => void applyStep(current, stepSchema.parse(step)),
      // A compaction is when old surveys go: from memory and from the files alike.
      snapshot: (current) => {
        pruneState(current, options.clock.now());
        return snapshotOf(current);
      },
      compactAboveBytes: options.compactAboveBytes ?? COMPACT_ABOVE_BYTES,
    });
    return new EmbeddedSurveyStore(state, journal);
  }

  private async step(step: SurveyStep): Promise<boolean> {
    const changed = applyStep(this.state, step);
    if (changed) await this.journal?.append(step);
    return changed;
  }

  async noteTake(callSid: string, repCallSid: string, at: number): Promise<void> {
    await this.step({ op: 'take', callSid, repCallSid, at });
  }

  schedule(survey: Parameters<SurveyStore['schedule']>[0]): Promise<boolean> {
    return this.step({ op: 'schedule', ...survey });
  }

  get(callSid: string): Promise<SurveyRecord | undefined> {
    return Promise.resolve(this.state.surveys.get(callSid));
  }

  async claimDue(now: number, limit: number): Promise<SurveyRecord[]> {
    const due = [...this.state.surveys.values()]
      .filter((s) => s.status === 'due' && s.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit);
    for (const survey of due) await this.step({ op: 'claim', callSid: survey.callSid });
    return due.map((s) => this.state.surveys.get(s.callSid)!);
  }

  async settle(callSid: string, outcome: SurveySettlement): Promise<void> {
    await this.step({ op: 'settle', callSid, ...outcome });
  }

  async noteDelivery(callSid: string, status: string): Promise<void> {
    await this.step({ op: 'delivery', callSid, status });
  }

  latestSent(phone: string, now: number): Promise<SurveyRecord | undefined> {
    return Promise.resolve(latestSentIn(this.state, phone, now));
  }

  lastSentAt(phone: string): Promise<number | undefined> {
    return Promise.resolve(this.state.lastSent.get(phone)?.at);
  }

  reserveSend(phone: string, now: number, intervalMs: number): Promise<boolean> {
    const last = Math.max(
      this.state.lastSent.get(phone)?.at ?? -Infinity,
      this.held.get(phone) ?? -Infinity,
    );
    if (now - last < intervalMs) return Promise.resolve(false);
    this.held.set(phone, now);
    return Promise.resolve(true);
  }

  async respond(callSid: string, reply: SurveyReply): Promise<SurveyRecord | undefined> {
    await this.step({ op: 'respond', callSid, ...reply });
    return this.state.surveys.get(callSid);
  }

  responses(queue: string, since: number): Promise<ScoredResponse[]> {
    const scored: ScoredResponse[] = [];
    for (const s of this.state.surveys.values()) {
      if (
        s.queue === queue &&
        s.score !== undefined &&
        s.respondedAt !== undefined &&
        s.respondedAt > since
      )
        scored.push({ score: s.score, at: s.respondedAt });
    }
    return Promise.resolve(scored);
  }

  optOut(phone: string, at: number): Promise<boolean> {
    return this.step({ op: 'opt-out', phone, at });
  }

  optIn(phone: string): Promise<boolean> {
    return this.step({ op: 'opt-in', phone });
  }

  isOptedOut(phone: string): Promise<boolean> {
    return Promise.resolve(this.state.optOuts.has(phone));
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}
