/*
 * The voicemails section: the messages callers left, newest first, refreshed every 5 seconds
 * (refresh-loop.js) and filtered by state on the server; "Mark done" on each new one. A 401 ends
 * the session; a 404 means this server keeps no voicemail: the section says so and stops.
 */
import { callApi, errorOf } from './api.js';
import { byId, setText } from './dom.js';
import { showKeyed } from './keyed-views.js';
import { createRefreshLoop } from './refresh-loop.js';
import { callerOf, createVoicemailItem } from './voicemail-item.js';

const REFRESH_MS = 5000;
/** Entries shown at most: the newest, since every message ever left is listed. */
const SHOWN = 50;
/** "2 new messages", "1 message waiting for its recording", "No messages marked done". */
function messages(count, state) {
  const many = count !== 1;
  const noun = many ? 'messages' : 'message';
  if (state === 'new') return `${count} new ${noun}`;
  if (state === 'requested')
    return `${count} ${noun} waiting for ${many ? 'their' : 'its'} recording`;
  if (state === 'done') return `${count} ${noun} marked done`;
  return `${count} ${noun}`;
}

/** deps.onSessionEnded(): when the API answers 401. */
export function createVoicemailList({ onSessionEnded }) {
  const list = byId('voicemails-list');
  const empty = byId('voicemails-empty');
  const count = byId('voicemails-count');
  const errorBanner = byId('voicemails-error');
  const status = byId('voicemails-status');
  const filter = byId('voicemails-filter');
  const stateChoice = byId('voicemails-state');
  /** The entry of each voicemail shown, by id: updated in place, so a playing message plays on. */
  const entries = new Map();

  function describeCount(shown, total, state) {
    if (total === 0) return '';
    if (shown < total) return `The newest ${shown} of ${messages(total, state)}.`;
    return `${messages(total, state)}.`;
  }

  function render(voicemails, state) {
    const shown = voicemails.slice(0, SHOWN);
    const showing = showKeyed(
      list,
      entries,
      shown,
      () => createVoicemailItem(markDone),
      (entry, voicemail) => entry.update(voicemail),
    );
    list.hidden = showing === 0;
    setText(count, describeCount(showing, voicemails.length, state));
    setText(empty, state ? `${messages('No', state)}.` : 'No messages yet.');
    empty.hidden = showing > 0;
  }

  const loop = createRefreshLoop({
    read: async () => {
      const state = stateChoice.value;
      const query = state ? `?state=${encodeURIComponent(state)}` : '';
      const result = await callApi('GET', `/voicemails${query}`);
      if (result.status === 401) return 'session-ended';
      if (result.status === 404) {
        setText(empty, 'Voicemail is off on this server.');
        empty.hidden = false;
        list.hidden = true;
        filter.hidden = true;
        setText(count, '');
        return 'stop';
      }
      if (!result.ok || !result.body || !Array.isArray(result.body.voicemails)) {
        const { code, message } = errorOf(result);
        throw new Error(`${message} (${code})`);
      }
      // The choice may have changed while the request was out: its own refresh follows.
      if (state === stateChoice.value) render(result.body.voicemails, state);
      return 'shown';
    },
    delayMs: () => REFRESH_MS,
    banner: errorBanner,
    what: 'the voicemails',
    shown: 'The list',
    onFirstFailure: () => (empty.hidden = true),
    onSessionEnded,
  });

  /** POST …/done, then shows the answer at once and refreshes the list. */
  async function markDone(voicemail, entry) {
    const which = `the message from ${callerOf(voicemail)}`;
    const hadFocus = document.activeElement === entry.done;
    entry.done.disabled = true;
    setText(status, `Marking ${which} done…`);
    try {
      const result = await callApi('POST', `/voicemails/${encodeURIComponent(voicemail.id)}/done`);
      if (result.status === 401) {
        loop.endSession();
        return;
      }
      const marked = result.body && (result.body.voicemail || result.body);
      if (!result.ok || !marked || !marked.state) {
        const { code, message } = errorOf(result);
        setText(status, `Could not mark ${which} done: ${message} (${code})`);
        return;
      }
      entry.update(marked);
      setText(
        status,
        marked.state === 'done' ? `Marked ${which} done.` : `Could not mark ${which} done yet.`,
      );
      void loop.refresh();
    } catch {
      setText(status, `Could not mark ${which} done: the server could not be reached.`);
    } finally {
      entry.done.disabled = false;
      // The button is gone once the message is done: keep the keyboard user at the message.
      if (hadFocus) (entry.done.hidden ? entry.heading : entry.done).focus();
    }
  }

  filter.addEventListener('submit', (event) => event.preventDefault());
  stateChoice.addEventListener('change', () => void loop.refresh());

  return { start: loop.start, showRefreshError: loop.showError };
}
