/**
 * A TargetWorkers expression that cannot be read. `position` is the 0-based offset into the
 * expression text where reading stopped, so an editor can point at it; the message says what was
 * expected there and what was found instead.
 */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * The one message shape every reading error uses, so people (and tests) see the same sentence:
 * `expected a value after "==" at 14, found end of expression`. `why` adds a reason after the
 * position: `expected ")" at 7 to close the "(" at 0, found end of expression`.
 */
export function expectedError(
  expected: string,
  position: number,
  found: string,
  why?: string,
): ExpressionError {
  const reason = why === undefined ? '' : ` ${why}`;
  return new ExpressionError(
    `expected ${expected} at ${position}${reason}, found ${found}`,
    position,
  );
}
