import type { TwimlVerb } from './twiml-document.js';
import type { VoiceLeg } from './voice-leg.js';

/** How a run of verbs ended: ran out, reached <Leave>, is over, or goes on in another document. */
export type Flow =
  | { readonly kind: 'done' }
  | { readonly kind: 'left' }
  | { readonly kind: 'over' }
  | { readonly kind: 'goto'; readonly verbs: readonly TwimlVerb[] };

export const DONE: Flow = { kind: 'done' };
export const OVER: Flow = { kind: 'over' };

/** Where verbs play: a call's own document, or a caller's wait URL (where <Leave> means something). */
export interface PlayScope {
  readonly signal: AbortSignal;
  readonly inQueue: boolean;
}

/** What the queue verbs need of the player: to play verbs and fetch the next document. */
export interface VerbPlayer {
  /** Plays verbs and the documents they go on to; the last flow (never `goto`). */
  follow(leg: VoiceLeg, verbs: readonly TwimlVerb[], scope: PlayScope): Promise<Flow>;
  fetchTwiml(
    leg: VoiceLeg,
    url: string,
    method: string | undefined,
    extra: Record<string, string>,
  ): Promise<readonly TwimlVerb[]>;
}
