import { type CallbackCenterConfig, resolveCallbackConfig } from './callback-center-config.js';
import type { CallbackCenterResult } from './callback-center-result.js';
import { CallbackCenterRun, type CallbackObservers } from './callback-center-run.js';

export interface CallbackCenter {
  /** Virtual ms of the event being handled: a clock for code under test. */
  now(): number;
  /** Runs the simulation to the end, once. Observers are called synchronously, in time order. */
  run(observers: CallbackObservers): CallbackCenterResult;
}

/**
 * A call center whose callers may take a callback that keeps their place. Built before it runs,
 * so code under test can take `now` as its clock and then be handed in as a listener or predictor.
 */
export function createCallbackCenter(config: CallbackCenterConfig): CallbackCenter {
  const resolved = resolveCallbackConfig(config);
  let clock = 0;
  let ran = false;
  return {
    now: () => clock,
    run(observers) {
      if (ran) throw new Error('a call center runs once: create another one for another run');
      ran = true;
      return new CallbackCenterRun(resolved, observers, (at) => (clock = at)).run();
    },
  };
}
