import { randomBytes } from 'node:crypto';
import { createCallFaults, type CallFaults } from './call-faults.js';
import type { CallOptions } from './call-options.js';
import { ENDED_STATUSES } from './call-record.js';
import type { CallScheduler } from './call-scheduler.js';
import type { CallState, EmulatedCall } from './call-state.js';
import { deriveSid } from './sids.js';
import type { ExecutionRecord } from './studio-execution.js';
import { callWidget, postReport, templateCall } from './studio-flow.js';
import { twilioErrors } from './twilio-errors.js';

/** An execution as tests read it: a copy, not the live record. */
export type EmulatedExecution = Readonly<Omit<ExecutionRecord, 'reports'>> & {
  readonly reports: ExecutionRecord['reports'][number][];
};

/** Studio Flow executions: what the REST routes and the tests both use. */
export interface EmulatorStudio {
  list(): EmulatedExecution[];
  get(sid: string): EmulatedExecution | undefined;
  /** Create faults for executions, as calls have (call-faults.ts). */
  readonly faults: Omit<CallFaults, 'decide' | 'waitForRelease'>;
  /** Resolves when every report the flows made so far has been answered. */
  settled(): Promise<void>;
}

export interface StudioState extends EmulatorStudio {
  /** Starts the template flow for the contact, or a 409 (20409) while one is active. */
  create(
    flowSid: string,
    request: { to: string; from: string; parameters: Record<string, unknown> },
  ): ExecutionRecord;
  find(flowSid: string, sid: string): ExecutionRecord | undefined;
  /** The flow's executions, oldest first. */
  of(flowSid: string): ExecutionRecord[];
  end(execution: ExecutionRecord): void;
  decideCreate: CallFaults['decide'];
  waitForRelease(): Promise<void>;
  close(): void;
}

/**
 * Executions run the template flow (studio-flow.ts) on the emulator's own calls, so a flow's call
 * has the same CPS pacing, scripted outcomes and timing as one created through the Calls API.
 * The execution ends once the flow has reported the call.
 */
export function createStudioState(deps: {
  accountSid: string;
  calls: CallState;
  scheduler: CallScheduler;
  options: CallOptions;
  /** What the flow's HTTP Request widget sends as `Authorization: Bearer …`. */
  bearerToken: string | undefined;
  signal: AbortSignal;
}): StudioState {
  const { calls, scheduler } = deps;
  const faults = createCallFaults(deps.options);
  const executions = new Map<string, ExecutionRecord>();
  const byCall = new Map<string, ExecutionRecord>();
  let seq = 0;
  let reports: Promise<void>[] = [];

  const touch = (execution: ExecutionRecord) => {
    execution.updatedAt = scheduler.now();
  };
  const end = (execution: ExecutionRecord) => {
    if (execution.status === 'ended') return;
    execution.status = 'ended';
    touch(execution);
  };
  const followed = (call: EmulatedCall) => {
    const execution = byCall.get(call.sid);
    if (execution === undefined || execution.status === 'ended') return;
    execution.widgets.call = callWidget(call);
    if (call.status === 'in-progress') execution.widgets.answer = { Url: String(call.request.url) };
    touch(execution);
    if (!ENDED_STATUSES.has(call.status)) return;
    byCall.delete(call.sid);
    const reported = postReport(execution, call, deps.bearerToken, deps.signal).then((report) => {
      if (report !== undefined) {
        execution.reports.push(report);
        execution.widgets.report = { status_code: String(report.status ?? 0) };
      }
      end(execution);
    });
    reports = [...reports, reported];
  };
  calls.on('status', followed);

  const state: StudioState = {
    list: () => [...executions.values()].map(snapshot),
    get(sid) {
      const execution = executions.get(sid);
      return execution === undefined ? undefined : snapshot(execution);
    },
    faults,
    async settled() {
      await calls.settled();
      while (reports.length > 0) {
        const pending = reports;
        reports = [];
        await Promise.all(pending);
      }
    },
    create(flowSid, request) {
      const active = [...executions.values()].find(
        (e) =>
          e.flowSid === flowSid &&
          e.status === 'active' &&
          e.to === request.to &&
          e.from === request.from,
      );
      if (active !== undefined) throw twilioErrors.executionActive(active.sid);
      const now = scheduler.now();
      seq += 1;
      const execution: ExecutionRecord = {
        sid: `FN${randomBytes(16).toString('hex')}`,
        seq,
        flowSid,
        to: request.to,
        from: request.from,
        contactSid: deriveSid('FC', flowSid, request.to),
        parameters: request.parameters,
        createdAt: now,
        updatedAt: now,
        status: 'active',
        widgets: {},
        reports: [],
      };
      executions.set(execution.sid, execution);
      const call = calls.create(templateCall(execution));
      byCall.set(call.sid, execution);
      execution.widgets.call = callWidget(call);
      return execution;
    },
    find(flowSid, sid) {
      const execution = executions.get(sid);
      return execution?.flowSid === flowSid ? execution : undefined;
    },
    of: (flowSid) => [...executions.values()].filter((e) => e.flowSid === flowSid),
    end,
    decideCreate: (roll) => faults.decide(roll),
    waitForRelease: () => faults.waitForRelease(),
    close() {
      calls.off('status', followed);
      faults.clear();
    },
  };
  return state;
}

function snapshot(execution: ExecutionRecord): EmulatedExecution {
  return {
    ...execution,
    widgets: structuredClone(execution.widgets),
    reports: [...execution.reports],
  };
}
