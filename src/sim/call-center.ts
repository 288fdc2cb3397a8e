import { CallCenterRun, type SimulationObservers } from './call-center-run.js';
import { type CallCenterConfig, resolveConfig } from './call-center-config.js';
import type { SimulationResult } from './call-center-result.js';

export type { EndedCall, SimulationObservers } from './call-center-run.js';

export interface CallCenter {
  /** Virtual ms of the event being handled (`startAt` before the run): a clock for code under test. */
  now(): number;
  /** Runs the simulation to the end, once. Observers are called synchronously, in time order. */
  run(observers?: SimulationObservers): SimulationResult;
}

/**
 * Built before it runs, so code under test can be created with `now` as its clock and then be
 * handed in as a listener or predictor.
 */
export function createCallCenter(config: CallCenterConfig): CallCenter {
  const resolved = resolveConfig(config);
  let clock = resolved.startAt;
  let ran = false;
  return {
    now: () => clock,
    run(observers = {}) {
      if (ran) throw new Error('a call center runs once: create another one for another run');
      ran = true;
      return new CallCenterRun(resolved, observers, (at) => (clock = at)).run();
    },
  };
}
