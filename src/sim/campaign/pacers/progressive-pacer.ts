import { progressiveCalls } from '../../../dialer/progressive-pacing.js';
import type { DialerView, Pacer } from '../pacer.js';

/**
 * Progressive 1:1, holdline's dialer rule today (src/dialer/progressive-pacing.ts): calls
 * outstanding — queued by the CPS, ringing, heard by AMD, answered and waiting — never outnumber
 * the free agents. It abandons nobody while agents keep their word, and leaves each free agent
 * idle through a whole ring.
 */
export function createProgressivePacer(): Pacer {
  return {
    name: 'progressive',
    decide(view: DialerView): number {
      const outstanding =
        view.queuedDials + view.ringing.length + view.detecting + view.waiting.length;
      return progressiveCalls(view.agents.idle, outstanding);
    },
  };
}
