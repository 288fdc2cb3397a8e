/**
 * One emulated Studio Flow execution (studio.v2.flow.execution): mutable, owned by
 * studio-state.ts. Times are scheduler ms.
 */
export interface ExecutionRecord {
  readonly sid: string;
  /** Creation order, for paging. */
  readonly seq: number;
  readonly flowSid: string;
  /** The contact (`contact.channel.address`) and the flow's number (`flow.channel.address`). */
  readonly to: string;
  readonly from: string;
  readonly contactSid: string;
  /** The create's Parameters: the flow's `flow.data`. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  updatedAt: number;
  status: 'active' | 'ended';
  /** What each widget recorded, by widget name (the context's `widgets`). */
  readonly widgets: Record<string, Record<string, string>>;
  /** The flow's HTTP Request widget's posts, as tests read them back. */
  readonly reports: FlowReport[];
}

/** A post the flow made (the template's HTTP Request widget). */
export interface FlowReport {
  readonly url: string;
  readonly body: Readonly<Record<string, string>>;
  /** The answer's status, or null when there was none. */
  readonly status: number | null;
}

/** The execution's context, as Studio keeps it: flow, contact and widgets. */
export function executionContext(execution: ExecutionRecord) {
  return {
    flow: {
      flow_sid: execution.flowSid,
      sid: execution.sid,
      channel: { address: execution.from },
      data: execution.parameters,
    },
    contact: { channel: { address: execution.to } },
    widgets: execution.widgets,
  };
}
