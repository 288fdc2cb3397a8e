/**
 * Ofcom: a number whose call was abandoned (a person answered and no rep was connected within
 * 2 s) is not called again within 72 hours unless a rep is guaranteed. The register remembers
 * each number's last abandonment this long; a campaign may wait less (`abandonedCooldownHours`),
 * never more.
 */
export const ABANDONED_MEMORY_HOURS = 72;
export const ABANDONED_MEMORY_MS = ABANDONED_MEMORY_HOURS * 3_600_000;

/**
 * Numbers whose call was abandoned, for every campaign: the rule is about the number, so an
 * abandonment by one campaign holds back all of them. Numbers are E.164, as contacts store them.
 * Written where attempts end (abandonment-recording-store.ts), read by the dialer right before
 * each call.
 */
export interface AbandonedNumbers {
  /** The call to `phone` was abandoned at `at` (epoch ms); an earlier one is superseded. */
  record(phone: string, at: number): Promise<void>;
  /** When the number's last call was abandoned, if within ABANDONED_MEMORY_MS before `now`. */
  lastAbandonedAt(phone: string, now: number): Promise<number | undefined>;
}
