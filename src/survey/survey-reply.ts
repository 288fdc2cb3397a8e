/**
 * What an SMS reply says. Carrier keywords (CTIA; Twilio honours the same words): a message
 * that is only the word, in any case, with spaces around it. "Stop texting me" is not one.
 */
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
]);
const START_WORDS = new Set(['START', 'YES', 'UNSTOP']);
const HELP_WORDS = new Set(['HELP', 'INFO']);

export type ReadReply =
  | { readonly kind: 'stop' | 'start' | 'help' }
  | { readonly kind: 'score'; readonly score: number; readonly comment?: string }
  | { readonly kind: 'comment'; readonly comment: string }
  | { readonly kind: 'empty' };

/** "4", "4/5", "5 stars", "3 - slow but kind" (a score and a comment); anything else is words. */
const SCORE = /^([1-5])(?:\s*\/\s*5|\s*stars?)?(?![\d.,])[\s.!:,-]*(.*)$/isu;
const MAX_COMMENT = 1000;

export function readReply(body: string): ReadReply {
  const text = body.trim();
  if (text === '') return { kind: 'empty' };
  const word = text.toUpperCase();
  if (STOP_WORDS.has(word)) return { kind: 'stop' };
  if (START_WORDS.has(word)) return { kind: 'start' };
  if (HELP_WORDS.has(word)) return { kind: 'help' };
  const match = SCORE.exec(text);
  if (match !== null) {
    const rest = (match[2] ?? '').trim().slice(0, MAX_COMMENT);
    const score = Number(match[1]);
    return rest === '' ? { kind: 'score', score } : { kind: 'score', score, comment: rest };
  }
  return { kind: 'comment', comment: text.slice(0, MAX_COMMENT) };
}
