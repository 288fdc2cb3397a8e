/* One row of the queue table per queue, built from GET /admin/api/queues. */
import { el } from './dom.js';
import { describeReason, formatCount, formatMomentIn, formatSeconds } from './format.js';

function serviceLevelList(queue) {
  const splits = (queue.window && queue.window.serviceLevel) || [];
  const items = splits.map((split) => {
    const accepted = (split.acceptedWithin || 0) + (split.acceptedAbove || 0);
    const share = accepted > 0 ? `${Math.round((100 * split.acceptedWithin) / accepted)} %` : '—';
    return el('li', {}, `${formatSeconds(split.thresholdSeconds)}: ${share}`);
  });
  return items.length === 0 ? '—' : el('ul', {}, ...items);
}

function openCell(queue) {
  if (queue.open === true) {
    return el(
      'td',
      {},
      el('span', { className: 'badge open' }, 'Open'),
      queue.closesAt
        ? el(
            'span',
            { className: 'sub' },
            `closes ${formatMomentIn(queue.closesAt, queue.timeZone)}`,
          )
        : null,
    );
  }
  if (queue.open === false) {
    return el(
      'td',
      {},
      el('span', { className: 'badge closed' }, 'Closed'),
      queue.nextOpenAt
        ? el(
            'span',
            { className: 'sub' },
            `opens ${formatMomentIn(queue.nextOpenAt, queue.timeZone)}`,
          )
        : null,
    );
  }
  return el('td', {}, '—');
}

/** A closed queue takes no new caller: no wait to estimate, only when it opens again. */
function estimateCell(queue) {
  const { estimate } = queue;
  if (queue.open === false) {
    return el(
      'td',
      { className: 'estimate' },
      'Closed',
      el(
        'span',
        { className: 'sub' },
        queue.nextOpenAt
          ? `opens ${formatMomentIn(queue.nextOpenAt, queue.timeZone)}`
          : 'no opening within a year',
      ),
    );
  }
  if (!estimate) return el('td', { className: 'estimate' }, '—');
  if (estimate.kind === 'known') {
    return el('td', { className: 'estimate' }, `about ${formatSeconds(estimate.seconds)}`);
  }
  return el(
    'td',
    { className: 'estimate' },
    'unknown',
    estimate.reason ? el('span', { className: 'sub' }, describeReason(estimate.reason)) : null,
  );
}

/**
 * Whether what callers heard on entry held true over the last hour, with the hour's chart when
 * it could be read.
 */
function accuracyCell(queue, chart) {
  const a = queue.announcements;
  if (!a || !a.served) {
    return el(
      'td',
      { className: 'accuracy' },
      '—',
      el('span', { className: 'sub' }, 'no caller told an estimate was taken this hour'),
      chart,
    );
  }
  const bias = a.biasSeconds;
  const leaning =
    Math.abs(bias) < 1
      ? 'no lean either way'
      : `told ${formatSeconds(Math.abs(bias))} too ${bias > 0 ? 'long' : 'short'} on average`;
  return el(
    'td',
    { className: 'accuracy' },
    `${Math.round(100 * a.withinShare)} % within ±30 s or 20 %`,
    el(
      'span',
      { className: 'sub' },
      `average error ${formatSeconds(a.meanAbsoluteErrorSeconds)}, ${leaning}; ` +
        `${formatCount(a.served)} callers`,
    ),
    chart,
  );
}

/** How old the stats are: `now` is this browser's clock, `serverSkewMs` its lag behind the server's. */
function ageCell(queue, now, serverSkewMs) {
  // A configured queue Twilio lists only from its first caller: no numbers yet, none invented.
  if (queue.seenOnTwilio === false) {
    return el(
      'td',
      { className: 'number' },
      '—',
      el('span', { className: 'sub' }, 'not yet seen on Twilio'),
    );
  }
  const fetched = Date.parse(queue.fetchedAt);
  const age = Number.isNaN(fetched) ? null : Math.max(0, (now + serverSkewMs - fetched) / 1000);
  return el(
    'td',
    { className: 'number' },
    formatSeconds(age),
    queue.stale
      ? el('span', { className: 'sub' }, el('span', { className: 'badge stale' }, 'stale'))
      : null,
    queue.stale && queue.lastError ? el('span', { className: 'sub' }, queue.lastError) : null,
  );
}

/** `chart`: the queue's accuracy chart element, or null when it could not be read. */
export function queueRow(queue, now, serverSkewMs, chart) {
  const name = queue.displayName || queue.name;
  return el(
    'tr',
    { 'data-queue': queue.name },
    el(
      'th',
      { scope: 'row' },
      name,
      name !== queue.name ? el('span', { className: 'sub' }, queue.name) : null,
    ),
    openCell(queue),
    el('td', { className: 'number' }, formatCount(queue.waitingCallers)),
    el('td', { className: 'number' }, formatSeconds(queue.longestWaitSeconds)),
    estimateCell(queue),
    accuracyCell(queue, chart),
    el(
      'td',
      { className: 'number agents' },
      `${formatCount(queue.availableWorkers)} / ${formatCount(queue.eligibleWorkers)}`,
    ),
    el('td', {}, serviceLevelList(queue)),
    ageCell(queue, now, serverSkewMs),
  );
}

/** Table order: by priority (none = last), then by name. */
export function byPriority(a, b) {
  const pa = a.priority === null || a.priority === undefined ? Infinity : a.priority;
  const pb = b.priority === null || b.priority === undefined ? Infinity : b.priority;
  return pa - pb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
