/*
 * What the campaigns section works out from the counts of GET /admin/api/campaigns: the
 * abandonment rate the outbound rules cap, and the calls per second the campaigns are using,
 * measured by this page between two refreshes.
 */

const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export const formatNumber = (value) => numbers.format(Number(value) || 0);

/** The US and UK rules cap abandoned calls at 3 % of the calls a person answered. */
export const ABANDONMENT_CAP = 0.03;

/**
 * Abandoned calls among those a person answered: abandoned / (connected + abandoned); null
 * while no one has answered (no rate to speak of).
 */
export function abandonmentRate(progress) {
  const abandoned = Number(progress.abandoned) || 0;
  const answered = (Number(progress.connected) || 0) + abandoned;
  return answered === 0 ? null : abandoned / answered;
}

export function formatRate(rate) {
  return rate === null ? '—' : `${numbers.format(rate * 100)} %`;
}

/**
 * Calls per second, from two readings of every campaign's `dialed` count taken `ms` apart
 * (performance.now() times). Only campaigns in both readings count, so a campaign created
 * in between adds nothing; a count that went down (an attempt found never created) counts 0.
 * Null when there is no earlier reading or no time between the two.
 */
export function measureCallsPerSecond(before, after) {
  if (!before || after.at <= before.at) return null;
  let calls = 0;
  for (const [id, dialed] of after.dialed) {
    const earlier = before.dialed.get(id);
    if (earlier !== undefined) calls += Math.max(0, dialed - earlier);
  }
  return calls / ((after.at - before.at) / 1000);
}

/** A reading of every campaign's dialed count now, for measureCallsPerSecond. */
export function readDialed(campaigns, at) {
  return {
    at,
    dialed: new Map(campaigns.map((c) => [c.id, Number(c.progress && c.progress.dialed) || 0])),
  };
}
