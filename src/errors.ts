/**
 * One error type with a stable code. Handlers throw; the error middleware answers (TwiML under
 * /voice, JSON elsewhere) and never shows a stack or a cause to the client.
 */
export const errorCatalogue = {
  SIGNATURE_MISSING: { status: 400, message: 'X-Twilio-Signature header is missing' },
  SIGNATURE_INVALID: { status: 403, message: 'X-Twilio-Signature does not match the request' },
  BODY_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  BODY_INVALID: { status: 400, message: 'Request body could not be parsed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Request body encoding is not supported' },
  NOT_FOUND: { status: 404, message: 'No such route' },
  UNAUTHORIZED: { status: 401, message: 'A valid bearer token is required' },
  CREDENTIALS_INVALID: { status: 401, message: 'Valid Basic credentials are required' },
  API_DISABLED: { status: 503, message: 'The API is off: set API_TOKEN to turn it on' },
  QUEUE_NOT_FOUND: { status: 404, message: 'No such queue' },
  INVALID_PARAMETER: { status: 400, message: 'A parameter is invalid' },
  INVALID_METADATA: { status: 400, message: 'The queue metadata is invalid' },
  VERSION_REQUIRED: {
    status: 428,
    message: 'Send If-Match with the version you edited (the ETag of GET)',
  },
  VERSION_CONFLICT: {
    status: 409,
    message: 'Somebody saved this queue since you read it; nothing was changed',
  },
  METADATA_UNAVAILABLE: { status: 503, message: 'Queue metadata cannot be read or saved now' },
  JOB_NOT_FOUND: { status: 404, message: 'No such job' },
  JOBS_UNAVAILABLE: { status: 503, message: 'Jobs cannot be read or changed now' },
  INVALID_CAMPAIGN: { status: 400, message: 'The campaign is invalid' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: 'No such campaign' },
  CAMPAIGNS_UNAVAILABLE: { status: 503, message: 'Campaigns cannot be read or changed now' },
  INVALID_OPT_OUT: { status: 400, message: 'The phone number is invalid' },
  OPT_OUT_NOT_FOUND: { status: 404, message: 'The number is not on the opt-out list' },
  OPT_OUTS_UNAVAILABLE: { status: 503, message: 'The opt-out list cannot be read or changed now' },
  CALLBACKS_UNAVAILABLE: { status: 503, message: 'The callbacks cannot be read now' },
  CALLBACK_NOT_FOUND: { status: 404, message: 'No such callback' },
  CALLBACK_NOT_WAITING: {
    status: 409,
    message: 'Only a callback still waiting to be dialed can be canceled',
  },
  VOICEMAIL_NOT_FOUND: { status: 404, message: 'No such voicemail' },
  VOICEMAIL_NOT_RECORDED: {
    status: 409,
    message: 'Nothing has been recorded for this voicemail yet; it cannot be marked done',
  },
  VOICEMAILS_UNAVAILABLE: { status: 503, message: 'The voicemails cannot be read or changed now' },
  RECORDING_UNAVAILABLE: { status: 502, message: 'Twilio did not hand over the recording' },
  EVENT_NOT_TAKEN: { status: 503, message: 'The event could not be taken now; send it again' },
  ATTEMPT_NOT_FOUND: { status: 404, message: 'No such attempt' },
  INTERNAL: { status: 500, message: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;

  /** Extra fields of the JSON error for the client to act on (validation problems, say). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: ErrorCode,
    options: { message?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
    this.details = options.details;
  }
}

const MESSAGE_TEXT_LIMIT = 64;

/**
 * A client's text (a queue name, a parameter name) as an error message may quote it: a line at
 * most, so a 10 kB name is not echoed back whole or written whole into the log.
 */
export function clipForMessage(text: string): string {
  return text.length <= MESSAGE_TEXT_LIMIT ? text : `${text.slice(0, MESSAGE_TEXT_LIMIT)}…`;
}

/** Body-parser and other http-errors style failures carry `status` and `type`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 413) return new AppError('BODY_TOO_LARGE', { cause: error });
  // The router could not percent-decode a path parameter: the path is wrong, not a body.
  if (error instanceof URIError && status === 400) {
    return new AppError('INVALID_PARAMETER', {
      message: 'The path is not validly percent-encoded',
      cause: error,
    });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('BODY_INVALID', { cause: error });
  }
  return new AppError('INTERNAL', { cause: error });
}

/**
 * Runs a store's call for a route; a failure becomes `code` (its store cannot be reached now),
 * the cause kept for the log, never shown to the client.
 */
export async function storeCall<T>(code: ErrorCode, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AppError(code, { cause: error });
  }
}
