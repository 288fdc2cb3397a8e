import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Requests per second across all connections; unset = as fast as the server answers. */
  readonly overallRate?: number;
}

export interface LoadResult {
  /** Mean of autocannon's per-second samples. */
  readonly rps: number;
  /** Requests answered in the run. */
  readonly requests: number;
  /** From every response's own time, in fractional milliseconds (see recordLatencies). */
  readonly p99Ms: number;
  /** Every response's time (ms), so runs can be pooled. */
  readonly latenciesMs: readonly number[];
  /** Anything that makes the figures meaningless: non-2xx, errors, timeouts, wrong bodies. */
  readonly problems: readonly string[];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        body: options.body,
        headers: { ...options.headers },
        connections: options.connections,
        duration: options.durationSeconds,
        ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
        // Both servers answer TwiML with a Say; a 200 with anything else is a wrong answer.
        verifyBody: (body) => typeof body === 'string' && body.includes('<Say'),
      },
      (error: unknown, done) => (error ? reject(toError(error)) : resolve(done)),
    );
    recordLatencies(instance, latencies);
  });
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p99Ms: percentile(latencies, 99),
    latenciesMs: latencies,
    problems: findProblems(result),
  };
}

/**
 * autocannon's own latency histogram keeps whole milliseconds, too coarse on loopback where a
 * bare answer takes a fraction of one (a p99 of 0 or 1 makes a meaningless ratio); and with a
 * rate set it adds coordinated-omission fill-ins at a 1 ms interval, which inflates the tail
 * of whichever server is slower. The response event carries each request's exact time.
 */
function recordLatencies(instance: autocannon.Instance, into: number[]): void {
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    into.push(responseTime);
  });
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function findProblems(result: autocannon.Result): string[] {
  const problems: string[] = [];
  if (result.non2xx > 0) {
    const byStatus = Object.entries(result.statusCodeStats ?? {})
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, stats]) => `${status}×${stats.count ?? 0}`)
      .join(', ');
    problems.push(`${result.non2xx} non-2xx responses (${byStatus})`);
  }
  // autocannon counts a timeout as an error too.
  if (result.errors > 0) {
    problems.push(`${result.errors} connection errors (${result.timeouts} of them timeouts)`);
  }
  if (result.mismatches > 0) problems.push(`${result.mismatches} bodies without a <Say>`);
  return problems;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
