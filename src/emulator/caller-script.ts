/**
 * What a scripted caller does on a call the emulator plays: the keys they press at <Gather>s
 * and the message they leave at each <Record>. Without a script a caller presses nothing and
 * stays silent, as every emulated caller did before scripts existed.
 */
export interface CallerScript {
  /** Keys for Gathers, used in order: each entry waits for the first Gather it fits. */
  readonly keys?: readonly GatherKeys[];
  /** One per <Record>, in order; past the last the caller stays silent. */
  readonly messages?: readonly RecordedMessage[];
}

export interface GatherKeys {
  /** The keys, e.g. "2", or a typed number and its end: "4155550123#". */
  readonly digits: string;
  /**
   * Only a Gather whose prompt (the text of its <Say>s) contains this, ignoring case: the
   * caller answers the offer they hear, not the first Gather that comes.
   */
  readonly heard?: string;
  /**
   * When the first key is pressed, ms after the Gather begins (its prompt starts: a key
   * during the prompt cuts it short, as on Twilio); default: as soon as the prompt is over.
   */
  readonly afterMs?: number;
  /** Between two keys, ms (default 300). */
  readonly gapMs?: number;
}

export interface RecordedMessage {
  /** Seconds the caller speaks after the beep (0: nothing). */
  readonly seconds: number;
  /**
   * How the caller ends it: stays on the line in silence (the Record's `timeout` ends it),
   * presses a key (`#` by default; it ends the recording when it is in `finishOnKey`), or
   * hangs up.
   */
  readonly end?: 'silence' | 'hangup' | { readonly key: string };
  /** What a transcription reads; `null`: the transcription fails. */
  readonly transcript?: string | null;
}

/** A script being used up along one call (every leg of the call shares it). */
export interface ScriptedCaller {
  /** The keys for a Gather with this prompt, used up; undefined: the caller presses nothing. */
  keysFor(prompt: string): GatherKeys | undefined;
  /** The message for the next <Record>: silence when the script has none left. */
  nextMessage(): RecordedMessage;
}

export const SILENT: RecordedMessage = { seconds: 0, end: 'silence' };
export const DEFAULT_KEY_GAP_MS = 300;

export function createScriptedCaller(script: CallerScript = {}): ScriptedCaller {
  const keys = [...(script.keys ?? [])];
  const messages = [...(script.messages ?? [])];
  return {
    keysFor(prompt) {
      const next = keys[0];
      if (next === undefined) return undefined;
      const wanted = next.heard?.toLowerCase();
      if (wanted !== undefined && !prompt.toLowerCase().includes(wanted)) return undefined;
      keys.shift();
      return next;
    },
    nextMessage: () => messages.shift() ?? SILENT,
  };
}
