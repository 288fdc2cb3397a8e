import { twilioErrors } from './twilio-errors.js';

/** The create's form parameters (CreateExecutionRequest): To and From required. */
export const ACCEPTED_EXECUTION_PARAMETERS: ReadonlySet<string> = new Set([
  'To',
  'From',
  'Parameters',
]);
const ADDRESS = /^(\+[1-9]\d{6,14}|client:[\w.@-]+|sip:\S+|MG[0-9a-fA-F]{32})$/;

export interface ExecutionCreate {
  readonly to: string;
  readonly from: string;
  readonly parameters: Record<string, unknown>;
}

/** Checks the create as Studio does: 20001 naming the parameter; Parameters a JSON object. */
export function parseCreateExecution(form: Readonly<Record<string, string>>): ExecutionCreate {
  for (const key of Object.keys(form)) {
    if (!ACCEPTED_EXECUTION_PARAMETERS.has(key))
      throw twilioErrors.invalidParameter(key, 'not a create parameter');
  }
  const address = (name: 'To' | 'From') => {
    const value = form[name];
    if (value === undefined || value === '') {
      throw twilioErrors.invalidParameter(name, 'missing required parameter');
    }
    if (!ADDRESS.test(value)) throw twilioErrors.invalidParameter(name, `"${value}" is invalid`);
    return value;
  };
  const to = address('To');
  const from = address('From');
  let parameters: unknown = {};
  if (form.Parameters !== undefined && form.Parameters !== '') {
    try {
      parameters = JSON.parse(form.Parameters);
    } catch {
      throw twilioErrors.invalidParameter('Parameters', 'not valid JSON');
    }
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    throw twilioErrors.invalidParameter('Parameters', 'must be a JSON object');
  }
  return { to, from, parameters: parameters as Record<string, unknown> };
}

/** A DateCreatedFrom / DateCreatedTo filter as epoch ms, or a 400 that names it. */
export function dateParam(query: Readonly<Record<string, string>>, name: string) {
  const text = query[name];
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms)) {
    throw twilioErrors.invalidParameter(name, `"${text}" is not an ISO 8601 date-time`);
  }
  return ms;
}
