import { createCallCenter } from '../../src/sim/call-center.js';
import { startE2eApp } from '../../src/sim/e2e-app.js';
import { createTraceRecorder } from '../../src/sim/e2e-trace.js';
import {
  asterisk,
  average30,
  avgQueueTime,
  lastToEnterService,
  oracle,
  type Contender,
} from './predictors.js';
import { scoreQueue, type QueueScore } from './run.js';
import type { RunLength, Scenario } from './scenarios.js';

/**
 * One run with holdline as Twilio meets it: the real app on loopback, played the simulated calls
 * over HTTP with Twilio's timing (src/sim/e2e-driver.ts: the take at the <Queue url>, a bridged
 * result when the call ends). The other predictors answer in-process on the same callers;
 * holdline's answer is the app's own estimate for each caller as they ring in.
 * `takesReported: false` leaves out the <Queue url>: the app then learns of a take only from
 * the bridged result at the end of the call.
 */
export async function runOverHttp(
  scenario: Scenario,
  seed: number,
  length: RunLength,
  options: { takesReported: boolean },
): Promise<QueueScore[]> {
  const config = { ...scenario.config(seed, length), startAt: Date.parse('2026-11-23T08:00:00Z') };
  const queues = config.classes.map((c) => c.queue);
  const { trace, observers } = createTraceRecorder();
  const others: Record<string, Contender> = {
    oracle,
    average30,
    avgQueueTime,
    asterisk: asterisk(),
    lastToEnterService: lastToEnterService(),
  };
  const result = createCallCenter(config).run({
    listeners: [
      observers.listener,
      ...Object.values(others).flatMap((c) => (c.listener ? [c.listener] : [])),
    ],
    predictors: Object.fromEntries(Object.entries(others).map(([name, c]) => [name, c.predictor])),
    callEnded: observers.callEnded,
  });

  const app = await startE2eApp({ queues, startAt: config.startAt });
  const heard = new Map<string, number | undefined>();
  try {
    const report = await app.play(trace, queues, {
      takesReported: options.takesReported,
      onArrival: ({ queue, callSid }) => heard.set(callSid, app.estimateForNewCaller(queue)),
    });
    if (report.problems.length > 0) {
      throw new Error(`the app disagreed with the simulation: ${report.problems[0]}`);
    }
  } finally {
    await app.stop();
  }
  const callers = result.callers.map((caller) => ({
    ...caller,
    predictions: { ...caller.predictions, holdline: heard.get(caller.id) },
  }));
  return queues.map((queue) => scoreQueue(queue, callers));
}
