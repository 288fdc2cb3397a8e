import { executionContext, type ExecutionRecord } from './studio-execution.js';

/** Studio's date-times: ISO 8601 in whole seconds, UTC. */
export function studioDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function executionUrl(base: string, execution: ExecutionRecord): string {
  return `${base}/v2/Flows/${execution.flowSid}/Executions/${execution.sid}`;
}

/** The Execution resource (studio.v2.flow.execution) of a REST-triggered execution. */
export function renderExecution(accountSid: string, base: string, execution: ExecutionRecord) {
  const url = executionUrl(base, execution);
  return {
    sid: execution.sid,
    account_sid: accountSid,
    flow_sid: execution.flowSid,
    contact_channel_address: execution.to,
    contact_sid: execution.contactSid,
    flow_version: 1,
    context: executionContext(execution),
    status: execution.status,
    date_created: studioDate(execution.createdAt),
    date_updated: studioDate(execution.updatedAt),
    // A REST-triggered execution is initiated by the API request.
    initiated_by: `RQ${execution.sid.slice(2)}`,
    url,
    links: { steps: `${url}/Steps`, execution_context: `${url}/Context` },
  };
}

/** The Execution Context resource (studio.v2.flow.execution.execution_context). */
export function renderExecutionContext(
  accountSid: string,
  base: string,
  execution: ExecutionRecord,
) {
  return {
    account_sid: accountSid,
    context: executionContext(execution),
    flow_sid: execution.flowSid,
    execution_sid: execution.sid,
    url: `${executionUrl(base, execution)}/Context`,
  };
}
