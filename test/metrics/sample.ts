import type { Metrics } from '../../src/metrics/registry.js';

/**
 * The value of one sample as a scrape shows it (`name{labels}`, labels in the order the metric
 * declares them), or undefined when the scrape has no such line.
 */
export async function sampleOf(
  metrics: Pick<Metrics, 'registry'>,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const series = pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
