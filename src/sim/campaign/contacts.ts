import { type Random, createSeededRandom, seedFrom } from '../../lib/seeded-random.js';
import { sample } from '../distributions.js';
import type { CampaignConfig, SecondsRange } from './campaign-config.js';

export type ContactOutcome = 'human' | 'machine' | 'busy' | 'no-answer';

/** One number on the list and everything its dial will do: the ground truth, fixed per seed. */
export interface Contact {
  readonly index: number;
  readonly outcome: ContactOutcome;
  /** Ringing before the outcome: pick-up, busy signal, or the ring timeout. */
  readonly ringSeconds: number;
  /** With an agent: the conversation (a person) or the agent hanging up on a machine. */
  readonly talkSeconds: number;
  /** What answering-machine detection would say (machines always, people at the false-positive rate). */
  readonly amdSaysMachine: boolean;
}

const uniform = (range: SecondsRange, random: Random) =>
  range.min + (range.max - range.min) * random();

/**
 * The list, drawn once per scenario and seed so every dialer meets the same people. One stream
 * per purpose, and every draw taken for every contact, so turning AMD on or changing the talk
 * time leaves who answers, and when, as it was.
 */
export function generateContacts(config: CampaignConfig): Contact[] {
  const stream = (purpose: string) =>
    createSeededRandom(seedFrom(config.seed, 'campaign', purpose));
  const outcomeRandom = stream('outcome');
  const ringRandom = stream('ring');
  const talkRandom = stream('talk');
  const amdRandom = stream('amd');
  const { human, machine, busy } = config.mix;
  const contacts: Contact[] = [];
  for (let index = 0; index < config.contacts; index++) {
    const u = outcomeRandom();
    const outcome: ContactOutcome =
      u < human
        ? 'human'
        : u < human + machine
          ? 'machine'
          : u < human + machine + busy
            ? 'busy'
            : 'no-answer';
    const answerRing = uniform(config.answerSeconds, ringRandom);
    const busyRing = uniform(config.busySeconds, ringRandom);
    const talk = sample(config.talk, talkRandom);
    const falsePositive = amdRandom() < (config.amd?.falsePositiveRate ?? 0);
    contacts.push({
      index,
      outcome,
      ringSeconds:
        outcome === 'busy'
          ? busyRing
          : outcome === 'no-answer'
            ? config.ringTimeoutSeconds
            : answerRing,
      talkSeconds: outcome === 'machine' ? config.machineSeconds : talk,
      amdSaysMachine: outcome === 'machine' || (outcome === 'human' && falsePositive),
    });
  }
  return contacts;
}

/** Whether this contact's dial will need an agent, given the campaign's detection. */
export function needsAgent(contact: Contact, amdOn: boolean): boolean {
  if (contact.outcome === 'busy' || contact.outcome === 'no-answer') return false;
  return amdOn ? !contact.amdSaysMachine : true;
}
