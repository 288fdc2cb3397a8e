import type { z } from 'zod';

/**
 * Bad input to the emulator (options, a fixture, a control request), with every problem named
 * by its field path, e.g. `queues[2].live.waitingCallers: Too small: expected number to be >=0`.
 */
export class EmulatorInputError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(`${subject}: ${problems.join('; ')}`);
    this.name = 'EmulatorInputError';
  }
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new EmulatorInputError(
    subject,
    result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`),
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
