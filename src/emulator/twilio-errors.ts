/**
 * The errors the emulator answers, in Twilio's shape: `{code, message, more_info, status}`.
 * Handlers throw a TwilioApiError; one middleware (see error-handler.ts) writes it.
 */
export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Extra response headers (Retry-After, WWW-Authenticate). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'TwilioApiError';
  }
}

export interface TwilioErrorBody {
  readonly code: number;
  readonly message: string;
  readonly more_info: string;
  readonly status: number;
}

export function twilioErrorBody(error: TwilioApiError): TwilioErrorBody {
  return {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
}

/** The catalogue: one factory per answer, with Twilio's codes. */
export const twilioErrors = {
  notFound: (path: string) =>
    new TwilioApiError(404, 20404, `The requested resource ${path} was not found`),
  unauthorized: () =>
    new TwilioApiError(401, 20003, 'Authenticate', {
      'WWW-Authenticate': 'Basic realm="Twilio API"',
    }),
  invalidParameter: (name: string, problem: string) =>
    new TwilioApiError(400, 20001, `Invalid parameter ${name}: ${problem}`),
  /**
   * A Worker's Attributes that TaskRouter would refuse: not a JSON object, or over its 4096 limit.
   * Twilio documents no code of its own for these; 20001 is its generic bad-parameter code.
   */
  invalidAttributes: (problem: string) => new TwilioApiError(400, 20001, problem),
  methodNotAllowed: (method: string) =>
    new TwilioApiError(405, 20004, `Method ${method} is not allowed on this resource`),
  /** retryAfterSeconds undefined: no Retry-After header (Twilio does not always send one). */
  tooManyRequests: (retryAfterSeconds: number | undefined) =>
    new TwilioApiError(
      429,
      20429,
      'Too Many Requests',
      retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
    ),
  internal: () => new TwilioApiError(500, 20500, 'An internal server error has occurred'),
  unavailable: () => new TwilioApiError(503, 20503, 'Service is unavailable, please try again'),
  /**
   * A create or update of a Call that Twilio refuses with a code of its own (21201 no To,
   * 21213 no From, 21205 no or a bad Url, 21211 a bad To, 21212 a bad From).
   */
  callParameter: (code: number, message: string) => new TwilioApiError(400, code, message),
  /** Ending a call that is not in a state the update applies to (Twilio's 21220). */
  callNotInProgress: () =>
    new TwilioApiError(400, 21220, 'Call is not in-progress. Cannot redirect.'),
  /** Studio: one active execution per contact (To/From) and flow (Twilio's 20409, a 409). */
  executionActive: (sid: string) =>
    new TwilioApiError(
      409,
      20409,
      `Execution ${sid} is already active for this contact. End it before creating a new one.`,
    ),
  forbidden: (message: string) => new TwilioApiError(403, 20403, message),
  /** An If-Match that names another version than the resource's ETag (Twilio's error 20412). */
  preconditionFailed: (etag: string) =>
    new TwilioApiError(
      412,
      20412,
      `Precondition Failed: If-Match does not match the resource's current ETag ${etag}`,
    ),
} as const;
