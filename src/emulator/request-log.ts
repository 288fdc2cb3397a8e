/** What a request met on its way through the emulator (null: nothing was injected). */
export type InjectedFault = 'rate-limited' | 'server-error' | 'drop' | 'malformed' | 'delay';

export interface RequestLogEntry {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The status sent, or 'dropped' when the connection closed without an answer. */
  readonly status: number | 'dropped';
  readonly fault: InjectedFault | null;
  /** When the request arrived, epoch ms of the real clock (the log measures real traffic). */
  readonly at: number;
  readonly durationMs: number;
}

export interface RequestCounters {
  readonly total: number;
  /** Keyed by status code, or 'dropped'. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byFault: Readonly<Partial<Record<InjectedFault, number>>>;
}

export interface RequestLog {
  /** Oldest first; at most `limit` entries (the counters keep counting past it). */
  readonly entries: readonly RequestLogEntry[];
  readonly counters: RequestCounters;
  /** How many logged entries satisfy `match` (a regular expression tests the path). */
  count(match?: RegExp | ((entry: RequestLogEntry) => boolean)): number;
  record(entry: RequestLogEntry): void;
  clear(): void;
}

/**
 * The Twilio-API requests the emulator saw, for tests and benchmarks to count. Bounded, so a
 * long benchmark cannot grow it without end; control requests (/__emulator) are not in it.
 */
export function createRequestLog(options: { limit?: number } = {}): RequestLog {
  const limit = options.limit ?? 10_000;
  let entries: RequestLogEntry[] = [];
  let total = 0;
  let byStatus: Record<string, number> = {};
  let byFault: Partial<Record<InjectedFault, number>> = {};

  return {
    get entries() {
      return [...entries];
    },
    get counters() {
      return { total, byStatus: { ...byStatus }, byFault: { ...byFault } };
    },
    count(match) {
      if (match === undefined) return entries.length;
      const test =
        match instanceof RegExp ? (entry: RequestLogEntry) => match.test(entry.path) : match;
      return entries.filter(test).length;
    },
    record(entry) {
      entries.push(Object.freeze({ ...entry, query: Object.freeze({ ...entry.query }) }));
      if (entries.length > limit) entries = entries.slice(entries.length - limit);
      total += 1;
      const status = String(entry.status);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (entry.fault !== null) byFault[entry.fault] = (byFault[entry.fault] ?? 0) + 1;
    },
    clear() {
      entries = [];
      total = 0;
      byStatus = {};
      byFault = {};
    },
  };
}
