/*
 * One entry of the background jobs list, built from a job of GET /admin/api/jobs and updated in
 * place on every refresh, so a failure list someone opened, or focus on a button, survives it.
 */
import { el, setText } from './dom.js';
import { formatMoment } from './format.js';

/** Job kinds in words, with what their items are; any other kind shows as it is. */
const KINDS = {
  'worker-eligibility': { name: 'Worker eligibility', one: 'worker', many: 'workers' },
  'eligibility-sync': { name: 'Full eligibility sync', one: 'item', many: 'items' },
  'taskrouter-event': { name: 'TaskRouter event', one: 'event', many: 'events' },
};
const OTHER_KIND = { one: 'item', many: 'items' };
const STATES = { running: 'Running', done: 'Done', cancelled: 'Cancelled' };
/** Failures listed under "details"; the server keeps a sample, the counts stay exact. */
const FAILURES_SHOWN = 5;

const numbers = new Intl.NumberFormat();
const formatNumber = (value) => numbers.format(Number(value) || 0);

const kindOf = (kind) => (Object.hasOwn(KINDS, kind) ? KINDS[kind] : OTHER_KIND);

export function kindName(kind) {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind].name : String(kind);
}

/** "about 2 min left" within the hour, else when it should finish; `now` is the server's time. */
export function describeEta(eta, now) {
  const at = Date.parse(eta || '');
  if (Number.isNaN(at)) return 'time left not known yet';
  const left = at - now;
  if (left < 60_000) return 'less than a minute left';
  if (left < 3_600_000) return `about ${Math.round(left / 60_000)} min left`;
  return `should finish about ${formatMoment(eta)}`;
}

function describeTimes(job, now) {
  const started = `Started ${formatMoment(job.startedAt)}`;
  if (job.state === 'running') return `${started} · ${describeEta(job.eta, now)}`;
  if (!job.finishedAt) return started;
  const verb = job.state === 'cancelled' ? 'cancelled' : 'finished';
  return `${started} · ${verb} ${formatMoment(job.finishedAt)}`;
}

function failureItems(job) {
  return (Array.isArray(job.failures) ? job.failures : [])
    .slice(0, FAILURES_SHOWN)
    .map((failure) =>
      el('li', {}, el('code', {}, String(failure.item)), ` — ${String(failure.reason)}`),
    );
}

/**
 * An entry for one job; `onCancel(job, entry)` when its Cancel button is pressed.
 * entry.update(job, now) shows the job as `now` (the server's time, in ms) sees it.
 */
export function createJobItem(onCancel) {
  const heading = el('h3', { className: 'job-kind', tabindex: '-1' });
  const state = el('span', { className: 'badge job-state' });
  const cancelWhich = el('span', { className: 'visually-hidden' });
  const cancel = el('button', { type: 'button', className: 'secondary' }, 'Cancel', cancelWhich);
  const progress = el('progress', { className: 'job-progress' });
  const counts = el('p', { className: 'job-counts' });
  const times = el('p', { className: 'hint job-times' });
  const summary = el('summary');
  const failureList = el('ul');
  const failureMore = el('p', { className: 'hint' });
  const failures = el('details', { className: 'job-failures' }, summary, failureList, failureMore);
  const node = el(
    'li',
    { className: 'job' },
    el('div', { className: 'job-head' }, heading, state, cancel),
    el('div', { className: 'job-bar' }, progress, counts),
    times,
    failures,
  );
  let current;
  /** What the failure list shows, so it is rebuilt only when that changes. */
  let failuresShown = '';
  cancel.addEventListener('click', () => onCancel(current, entry));

  function update(job, now) {
    current = job;
    const name = kindName(job.kind);
    const kind = kindOf(job.kind);
    const total = Number(job.total) || 0;
    const finished = (Number(job.done) || 0) + (Number(job.failed) || 0);
    node.setAttribute('data-job', job.id);
    node.setAttribute('data-state', job.state);
    setText(heading, name);
    state.className = `badge job-state state-${job.state}`;
    setText(state, STATES[job.state] || String(job.state));

    // An empty job is done as it starts: a full bar (a <progress> max must be above 0).
    progress.max = total > 0 ? total : 1;
    progress.value = total > 0 ? Math.min(finished, total) : 1;
    const unit = total === 1 ? kind.one : kind.many;
    progress.setAttribute(
      'aria-label',
      `${name}: ${formatNumber(finished)} of ${formatNumber(total)} ${unit} processed`,
    );
    setText(
      counts,
      `done ${formatNumber(job.done)} · failed ${formatNumber(job.failed)} · ` +
        `remaining ${formatNumber(job.remaining)}`,
    );
    setText(times, describeTimes(job, now));

    failures.hidden = !(job.failed > 0);
    const shown = JSON.stringify([job.failed, (job.failures || []).slice(0, FAILURES_SHOWN)]);
    if (shown !== failuresShown) {
      failuresShown = shown;
      setText(summary, job.failed === 1 ? '1 failure' : `${formatNumber(job.failed)} failures`);
      const items = failureItems(job);
      failureList.replaceChildren(...items);
      let more = '';
      if (items.length === 0) more = 'Which items failed, and why, was not kept.';
      else if (job.failed > items.length) {
        more = `The first ${items.length} of ${formatNumber(job.failed)} are listed.`;
      }
      setText(failureMore, more);
    }

    cancel.hidden = job.state !== 'running';
    setText(cancelWhich, ` the ${name} job started ${formatMoment(job.startedAt)}`);
  }

  const entry = { node, heading, cancel, update };
  return entry;
}
