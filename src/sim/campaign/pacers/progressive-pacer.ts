import { progressiveCalls } from '../../../dialer/progressive-pacing.js';
import type { DialerView, Pacer } from '../pacer.js';

/**
 * Progressive 1:1, holdline's dialer rule today (src/dialer/progressive-pacing.ts): calls
 * outstanding — queued by the CPS, ringing, heard by AMD, answered and waiting — never outnumber
 * the free agents. As the dialer counts only reps parked until a call dialed now could have rung
 * out, this counts only free agents the shift plan keeps that long (`lookAheadMs`). It abandons
 * nobody while agents keep their word, and leaves each free agent idle through a whole ring.
 */
export function createProgressivePacer(lookAheadMs = 0): Pacer {
  return {
    name: 'progressive',
    decide(view: DialerView): number {
      const { agents } = view;
      const staying = Math.max(0, agents.scheduledAt(view.now + lookAheadMs) - agents.busy.length);
      const outstanding =
        view.queuedDials + view.ringing.length + view.detecting + view.waiting.length;
      return progressiveCalls(Math.min(agents.idle, staying), outstanding);
    },
  };
}
