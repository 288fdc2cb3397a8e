/*
 * One row of the campaigns table, built from a campaign of GET /admin/api/campaigns and updated
 * in place on every refresh, so a keyboard user's focus on a button survives it.
 */
import { el, setText } from './dom.js';
import { formatMoment } from './format.js';
import { ABANDONMENT_CAP, formatNumber, formatRate } from './campaign-figures.js';
import { describeBudget, describeDialLevel, describeWindow, ruledRate } from './campaign-pacing.js';

const STATUSES = {
  ready: 'Ready',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  complete: 'Complete',
};

/** Each command's button, and the statuses it applies from (as the queue service moves them). */
export const COMMANDS = [
  { command: 'start', label: 'Start', from: ['ready'] },
  { command: 'pause', label: 'Pause', from: ['running'] },
  { command: 'resume', label: 'Resume', from: ['paused'] },
  { command: 'stop', label: 'Stop', from: ['ready', 'running', 'paused'] },
];

/** The call counts listed in the "Calls" column, in the API's words. */
const CALL_COUNTS = ['answered', 'connected', 'abandoned', 'machine', 'failed', 'remaining'];

export function statusName(status) {
  return Object.hasOwn(STATUSES, status) ? STATUSES[status] : String(status);
}

/**
 * A row for one campaign; `onCommand(campaign, command, button)` when a button is pressed.
 * row.update(campaign) shows the campaign as read.
 */
export function createCampaignRow(onCommand) {
  const name = el('span', { className: 'campaign-name' });
  const about = el('span', { className: 'sub' });
  const status = el('span', { className: 'badge' });
  const progress = el('progress', { className: 'campaign-progress' });
  const finished = el('span', { className: 'sub campaign-finished' });
  const dialed = el('span', { className: 'sub campaign-dialed' });
  const dialLevel = el('span', { className: 'sub campaign-dial-level' });
  const counts = new Map(CALL_COUNTS.map((count) => [count, el('li', { 'data-count': count })]));
  const rate = el('span', { className: 'campaign-rate' });
  const rateAbout = el('span', { className: 'sub' });
  const buttons = COMMANDS.map(({ command, label }) => {
    const which = el('span', { className: 'visually-hidden' });
    const button = el(
      'button',
      { type: 'button', className: 'secondary', 'data-command': command },
      label,
      which,
    );
    button.addEventListener('click', () => onCommand(current, command, button));
    return { command, button, which };
  });
  const node = el(
    'tr',
    {},
    el('th', { scope: 'row' }, name, about),
    el('td', {}, status),
    el('td', { className: 'campaign-bar' }, progress, finished, dialed, dialLevel),
    el('td', {}, el('ul', { className: 'campaign-counts' }, ...counts.values())),
    el('td', { className: 'number' }, rate, rateAbout),
    el('td', {}, el('div', { className: 'actions' }, ...buttons.map((b) => b.button))),
  );
  let current;

  function update(campaign) {
    current = campaign;
    const p = campaign.progress || {};
    const total = Number(p.total) || 0;
    const done = Math.min(Number(p.finished) || 0, total);
    node.setAttribute('data-campaign', campaign.id);
    node.setAttribute('data-status', campaign.status);
    setText(name, campaign.name);
    const queue = campaign.settings ? campaign.settings.targetQueue : '';
    setText(about, `to ${queue} · created ${formatMoment(campaign.createdAt)}`);
    status.className = `badge state-${campaign.status}`;
    setText(status, statusName(campaign.status));

    // An empty campaign has nothing left to do: a full bar (a <progress> max must be above 0).
    progress.max = total > 0 ? total : 1;
    progress.value = total > 0 ? done : 1;
    progress.setAttribute(
      'aria-label',
      `${campaign.name}: ${formatNumber(done)} of ${formatNumber(total)} contacts finished`,
    );
    setText(finished, `${formatNumber(done)} of ${formatNumber(total)} finished`);
    setText(dialed, `dialed ${formatNumber(p.dialed)} · active ${formatNumber(p.active)}`);
    setText(dialLevel, describeDialLevel(campaign));
    for (const [count, item] of counts) setText(item, `${count} ${formatNumber(p[count])}`);

    // The rate over the legal window the campaign's rule counts, as the cap applies to it.
    const abandonment = ruledRate(campaign);
    setText(rate, formatRate(abandonment));
    rate.classList.toggle('over-cap', abandonment !== null && abandonment > ABANDONMENT_CAP);
    setText(rateAbout, describeWindow(campaign) + describeBudget(campaign.pacing));

    for (const { command, button, which } of buttons) {
      const allowed = COMMANDS.find((c) => c.command === command).from;
      button.disabled = !allowed.includes(campaign.status);
      setText(which, ` the campaign ${campaign.name}`);
    }
  }

  return {
    node,
    update,
    get campaign() {
      return current;
    },
  };
}
