/** Figures a benchmark reports, on stdout (what a person or CI keeps). */
export const say = (line: string) => process.stdout.write(`${line}\n`);

/** Where a long benchmark is, on stderr (out of the figures' way). */
export const progress = (line: string) => process.stderr.write(`… ${line}\n`);

/** A `--name` option's value as a positive number, or an error naming the option. */
export function positiveNumber(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}
