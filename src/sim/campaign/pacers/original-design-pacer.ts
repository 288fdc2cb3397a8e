import type { DialerView, Pacer } from '../pacer.js';

/**
 * The original "queue service" design as its description reads: once a second, fetch as many
 * records as the stats say agents are free and dial every one of them, with no account of the
 * calls already ringing or queued (bench/lib/original-dialer.ts plays the same rule against the
 * emulator). Calls beyond the account's CPS are queued by the account, as Twilio queues them.
 */
export function createOriginalDesignPacer(): Pacer {
  return {
    name: 'original',
    decide(view: DialerView): number {
      return view.trigger === 'tick' ? view.agents.idle : 0;
    },
  };
}
