/**
 * The agents on shift and what they do. Agents are interchangeable (one skill, one service
 * distribution), so counts are all there is to keep.
 */
export interface AgentPool {
  /** Agents the staffing calls for now. */
  readonly scheduled: number;
  /** Busy + idle: more than `scheduled` while agents going off shift finish their call. */
  readonly onShift: number;
  readonly busy: number;
  readonly idle: number;
  startCall(): void;
  /** A call ended. True: the agent stays for the next caller; false: it went off shift. */
  endCall(): boolean;
  /**
   * The staffing changes. Idle agents leave at once; busy ones leave when their call ends.
   * Returns how many agents came on shift: each of them looks for a caller now.
   */
  restaff(agents: number): number;
}

export function createAgentPool(agents: number): AgentPool {
  let scheduled = agents;
  let onShift = agents;
  let busy = 0;
  return {
    get scheduled() {
      return scheduled;
    },
    get onShift() {
      return onShift;
    },
    get busy() {
      return busy;
    },
    get idle() {
      return onShift - busy;
    },
    startCall() {
      if (busy === onShift) throw new Error('no idle agent to take a call');
      busy++;
    },
    endCall() {
      busy--;
      if (onShift <= scheduled) return true;
      onShift--;
      return false;
    },
    restaff(target) {
      scheduled = target;
      if (onShift >= target) {
        onShift -= Math.min(onShift - busy, onShift - target);
        return 0;
      }
      // Agents still finishing a call before leaving simply stay on: none of them is new.
      const joining = target - onShift;
      onShift = target;
      return joining;
    },
  };
}
