/** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const fixed2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
export const whole = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toString() : 'n/a';

/** "0.82 >= 0.70 met" — reported, never asserted: the machine is shared and noisy. */
export function verdict(value: number, comparison: '>=' | '<=', target: number): string {
  const met = comparison === '>=' ? value >= target : value <= target;
  return `${comparison} ${fixed2(target)} ${met ? 'met' : 'MISSED'}`;
}
