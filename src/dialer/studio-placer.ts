import type { Twilio } from 'twilio';
import type { CallPlacer, CallRequest } from './call-placer.js';
import { classifyCreateError } from './create-outcome.js';

/**
 * What an execution's `flow.data` holds: the template flow (docs/outbound.md) reads
 * `{{flow.data.answer_url}}` and the rest by these names, and reports them back to /callstatus.
 */
function flowParameters(request: CallRequest): Record<string, string | number> {
  return {
    execution: request.campaignId,
    contact: request.contactId,
    attempt: request.attemptId,
    answer_url: request.answerUrl,
    status_url: request.flowStatusUrl,
    ring_timeout: request.ringTimeoutSeconds,
  };
}

/** Studio's largest page: a busy flow starts hundreds of executions in a window. */
const PAGE = 1000;
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/**
 * Dialing through a team's Studio Flow: one execution per attempt
 * (`POST /v2/Flows/{flowSid}/Executions`, To, From and the parameters above), whose flow places
 * the call. The same rules as calls.create: `creates` never retries; a lost answer is found
 * again by the attempt id in an execution's context, never by sending again. The call itself is
 * an ordinary call: fetched and ended through `calls`.
 */
export function createStudioPlacer(deps: {
  creates: Twilio;
  reads: Twilio;
  flowSid: string;
  calls: Pick<CallPlacer, 'fetch' | 'end' | 'redirect'>;
}): CallPlacer {
  const { creates, reads, flowSid, calls } = deps;
  const flow = (client: Twilio) => client.studio.v2.flows(flowSid);
  return {
    async create(request) {
      try {
        const execution = await flow(creates).executions.create({
          to: request.to,
          from: request.from,
          parameters: flowParameters(request),
        });
        return { kind: 'placed', executionSid: execution.sid };
      } catch (error) {
        return classifyCreateError(error);
      }
    },
    // The flow's executions for this contact created in the window, oldest first; the one whose
    // parameters name this attempt is its. Its call, once the flow placed it, is in the context
    // of the flow's call widget (`widgets.<name>.CallSid`).
    async findCreated(request, window, taken) {
      // Every page of the window: an execution missed here would be sent again.
      const executions = await flow(reads).executions.list({
        dateCreatedFrom: new Date(window.from),
        dateCreatedTo: new Date(window.to),
        pageSize: PAGE,
      });
      const candidates = executions
        .filter((execution) => execution.contactChannelAddress === request.to)
        .sort((a, b) => a.dateCreated.getTime() - b.dateCreated.getTime());
      for (const execution of candidates) {
        const found = await flow(reads).executions(execution.sid).executionContext().fetch();
        const context: unknown = found.context;
        if (flowData(context).attempt !== request.attemptId) continue;
        const callSid = placedCallSid(context);
        const call = callSid === undefined ? undefined : await calls.fetch(callSid);
        if (call !== undefined && !(await taken(call.sid))) return { kind: 'call', call };
        return { kind: 'execution', sid: execution.sid, active: execution.status === 'active' };
      }
      return undefined;
    },
    fetch: (callSid) => calls.fetch(callSid),
    end: (callSid, status) => calls.end(callSid, status),
    redirect: (callSid, url) => calls.redirect(callSid, url),
  };
}

function flowData(context: unknown): Record<string, unknown> {
  const data = (context as { flow?: { data?: unknown } } | null)?.flow?.data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/** A call SID any widget of the flow recorded (the Make Outgoing Call widget's `CallSid`). */
function placedCallSid(context: unknown): string | undefined {
  const widgets = (context as { widgets?: unknown } | null)?.widgets;
  if (typeof widgets !== 'object' || widgets === null) return undefined;
  for (const widget of Object.values(widgets as Record<string, unknown>)) {
    const sid = (widget as { CallSid?: unknown } | null)?.CallSid;
    if (typeof sid === 'string' && CALL_SID.test(sid)) return sid;
  }
  return undefined;
}
