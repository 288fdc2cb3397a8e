/*
 * One row of the callbacks table, built from a callback of GET /admin/api/callbacks and updated
 * in place on every refresh. The order the rows are shown in is decided here too.
 */
import { el, setText } from './dom.js';
import { formatMoment } from './format.js';

const CALLBACK_STATES = {
  waiting: 'Waiting',
  dialing: 'Dialing',
  connected: 'Connected',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** The states in which a callback still holds its place ahead of later callers. */
const HOLDING = ['waiting', 'dialing'];

const holdsPlace = (callback) => HOLDING.includes(callback.state);

/** When it last changed: its last history step, else when it was asked for (ms). */
function lastChange(callback) {
  const history = Array.isArray(callback.history) ? callback.history : [];
  const last = history[history.length - 1];
  return Date.parse((last && last.at) || callback.requestedAt) || 0;
}

/**
 * Those still holding a place first, in place order (as the API lists them: who entered the
 * queue first); then the finished ones, the latest change first.
 */
export function orderCallbacks(callbacks) {
  const holding = callbacks.filter(holdsPlace);
  const finished = callbacks.filter((c) => !holdsPlace(c));
  finished.sort((a, b) => lastChange(b) - lastChange(a));
  return [...holding, ...finished];
}

/** The note of the latest history step that has one ("not reached after 3 calls"), or ''. */
function lastNote(callback) {
  const history = Array.isArray(callback.history) ? callback.history : [];
  for (let i = history.length - 1; i >= 0; i -= 1) {
    if (history[i] && history[i].note) return String(history[i].note);
  }
  return '';
}

/**
 * A row for one callback; `onCancel(callback, row)` when its Cancel button is pressed.
 * row.update(callback) shows it as read.
 */
export function createCallbackRow(onCancel) {
  const phone = el('span', { className: 'callback-phone' });
  const queue = el('td');
  const state = el('span', { className: 'badge' });
  const entered = el('td');
  const requested = el('td');
  const attempts = el('td', { className: 'number' });
  const note = el('td', { className: 'callback-note' });
  const cancelWhich = el('span', { className: 'visually-hidden' });
  const cancel = el('button', { type: 'button', className: 'secondary' }, 'Cancel', cancelWhich);
  const actions = el('td', {}, el('div', { className: 'actions' }, cancel));
  const node = el(
    'tr',
    {},
    el('th', { scope: 'row' }, phone),
    queue,
    el('td', {}, state),
    entered,
    requested,
    attempts,
    note,
    actions,
  );
  let current;
  cancel.addEventListener('click', () => onCancel(current, row));

  function update(callback) {
    current = callback;
    node.setAttribute('data-callback', callback.id);
    node.setAttribute('data-state', callback.state);
    setText(phone, callback.phone);
    setText(queue, callback.queue);
    state.className = `badge state-${callback.state}`;
    setText(
      state,
      Object.hasOwn(CALLBACK_STATES, callback.state)
        ? CALLBACK_STATES[callback.state]
        : String(callback.state),
    );
    setText(entered, formatMoment(callback.enteredAt));
    setText(requested, formatMoment(callback.requestedAt));
    setText(attempts, String(Number(callback.attempts) || 0));
    setText(note, lastNote(callback) || '—');
    // Only a waiting callback can be canceled: one being dialed is its campaign's to stop.
    cancel.hidden = callback.state !== 'waiting';
    // On a phone's card an empty Actions line is left out.
    actions.classList.toggle('no-actions', cancel.hidden);
    setText(cancelWhich, ` the callback to ${callback.phone}`);
  }

  const row = { node, cancel, update };
  return row;
}
