/**
 * One person a campaign calls. `phone` is E.164, normalised on import; `timeZone` is an IANA
 * zone when the list gave one (calling hours are the callee's), else derived from the number.
 */
export interface Contact {
  /** Unique within its campaign: the list's own id column, else the row's line. */
  readonly id: string;
  readonly phone: string;
  readonly name?: string;
  readonly timeZone?: string;
  /** The list's other columns, kept for the rep's screen and the dispositions. */
  readonly attributes?: Readonly<Record<string, string>>;
}
