/*
 * One entry of the voicemails list, built from a voicemail of GET /admin/api/voicemails and
 * updated in place on every refresh: a refresh must not stop a message someone is listening to,
 * so the player is made once and its source set only when the recording first shows.
 */
import { el, setText } from './dom.js';
import { formatMomentIn, formatSeconds } from './format.js';

const STATES = { requested: 'No recording yet', new: 'New', done: 'Done' };

/** Who left it: the caller's number, or words for a withheld one. */
export function callerOf(voicemail) {
  return voicemail.from ? String(voicemail.from) : 'a withheld number';
}

/** A moment as "Mon 23 Nov, 09:55" in this browser's time zone ('' when not a date). */
const formatWhen = (iso) => (iso ? formatMomentIn(iso) : '');

/** The transcription in words: its text, or why there is none. */
function describeTranscription(voicemail) {
  const transcription = voicemail.transcription;
  if (transcription && transcription.status === 'completed' && transcription.text) {
    return { text: transcription.text, quoted: true };
  }
  if (transcription && transcription.status === 'failed') {
    return { text: 'Twilio could not transcribe this message.', quoted: false };
  }
  if (transcription) return { text: 'The transcription is empty.', quoted: false };
  // Requested: the caller may still be speaking, or hung up before anything was kept.
  if (!voicemail.recording) return { text: 'No recording has arrived yet.', quoted: false };
  return { text: 'No transcription yet.', quoted: false };
}

/**
 * An entry for one voicemail; `onDone(voicemail, entry)` when its "Mark done" button is pressed.
 * entry.update(voicemail) shows it as read.
 */
export function createVoicemailItem(onDone) {
  const heading = el('h3', { className: 'voicemail-caller', tabindex: '-1' });
  const state = el('span', { className: 'badge' });
  const doneWhich = el('span', { className: 'visually-hidden' });
  const done = el('button', { type: 'button', className: 'secondary' }, 'Mark done', doneWhich);
  const about = el('p', { className: 'hint voicemail-about' });
  const transcription = el('p', { className: 'voicemail-transcription' });
  const player = el('audio', { controls: true, preload: 'none' });
  const playerError = el('p', { className: 'field-error voicemail-player-error' });
  const node = el(
    'li',
    { className: 'voicemail' },
    el('div', { className: 'voicemail-head' }, heading, state, done),
    about,
    transcription,
    player,
    playerError,
  );
  let current;
  done.addEventListener('click', () => onDone(current, entry));
  // The player shows no reason of its own when the recording cannot be fetched (Twilio away,
  // the recording still processing): say it in words. A media element that failed refuses
  // play() from then on, so its source is set again (the load algorithm starts afresh and,
  // with preload none, fetches nothing until the next press of play, which tries again).
  player.addEventListener('error', () => {
    setText(playerError, 'The recording could not be loaded. Try again in a moment.');
    const src = player.getAttribute('src');
    player.preload = 'none';
    if (src) player.setAttribute('src', src);
  });
  player.addEventListener('loadeddata', () => setText(playerError, ''));

  function update(voicemail) {
    current = voicemail;
    const caller = callerOf(voicemail);
    node.setAttribute('data-voicemail', voicemail.id);
    node.setAttribute('data-state', voicemail.state);
    setText(heading, voicemail.from ? `From ${voicemail.from}` : 'From a withheld number');
    state.className = `badge state-${voicemail.state}`;
    setText(
      state,
      Object.hasOwn(STATES, voicemail.state) ? STATES[voicemail.state] : String(voicemail.state),
    );

    const parts = [`to ${voicemail.queue}`, formatWhen(voicemail.requestedAt)];
    if (voicemail.recording) parts.push(formatSeconds(voicemail.recording.durationSeconds));
    if (voicemail.state === 'done' && voicemail.doneAt) {
      parts.push(`done ${formatWhen(voicemail.doneAt)}`);
    }
    setText(about, parts.filter(Boolean).join(' · '));

    const words = describeTranscription(voicemail);
    setText(transcription, words.text);
    transcription.classList.toggle('quoted', words.quoted);

    // The player only once there is something to play; its source never changes after that.
    player.hidden = !voicemail.recording;
    const src = `/admin/api/voicemails/${encodeURIComponent(voicemail.id)}/recording`;
    if (voicemail.recording && player.getAttribute('src') !== src) player.setAttribute('src', src);
    player.setAttribute('aria-label', `Message from ${caller}`);

    // A message nobody has dealt with yet, or a request in which nothing was recorded (the
    // caller hung up before the tone), can be marked done; a recording that still comes reopens it.
    done.hidden = voicemail.state === 'done';
    setText(doneWhich, ` the message from ${caller}`);
  }

  const entry = { node, heading, done, update };
  return entry;
}
