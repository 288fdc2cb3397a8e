/*
 * The settings form as a whole: the API's queue metadata in, the same shape out. Fields left
 * empty are left out, so the server applies the app's setting; what is typed is sent as typed
 * (trimmed), for the server, which has the final word, to name any problem.
 */
import { field } from './dom.js';

const optionalText = (name) => {
  const value = field(name).value.trim();
  return value === '' ? undefined : value;
};

/** A whole number as a number; anything else as typed, for the server to name the problem. */
const optionalNumber = (name) => {
  const value = optionalText(name);
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
};

const withoutUndefined = (object) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

const text = (value) => (value === undefined || value === null ? '' : String(value));

/** parts: the weekly hours (editor-hours.js) and closures (editor-closures.js) of the form. */
export function collectMetadata({ hours, closures }) {
  return withoutUndefined({
    displayName: field('displayName').value,
    timeZone: field('timeZone').value.trim(),
    weeklyHours: hours.read(),
    closures: closures.read(),
    closedMessage: field('closedMessage').value,
    announcements: withoutUndefined({
      positionCap: optionalNumber('announcements-positionCap'),
      minIntervalSeconds: optionalNumber('announcements-minIntervalSeconds'),
      voice: optionalText('announcements-voice'),
      language: optionalText('announcements-language'),
    }),
    holdAudioUrl: optionalText('holdAudioUrl'),
    maxQueueSize: optionalNumber('maxQueueSize'),
    callbackOfferSeconds: optionalNumber('callbackOfferSeconds'),
    callbackMaxAttempts: optionalNumber('callbackMaxAttempts'),
    callbackRetrySeconds: optionalNumber('callbackRetrySeconds'),
    voicemailMaxSeconds: optionalNumber('voicemailMaxSeconds'),
    // Left out when off, like an empty field: the stored form has no false to carry.
    voicemailTranscribe: field('voicemailTranscribe').checked ? true : undefined,
    survey: collectSurvey(),
  });
}

/** Left out while off and never worded: the queue has no survey. */
function collectSurvey() {
  const enabled = field('survey-enabled').checked;
  const wording = field('survey-wording').value.trim();
  if (!enabled && wording === '') return undefined;
  const start = optionalText('survey-quietHours-start');
  const end = optionalText('survey-quietHours-end');
  return withoutUndefined({
    enabled,
    wording,
    delaySeconds: optionalNumber('survey-delaySeconds') ?? 0,
    quietHours:
      start === undefined && end === undefined ? undefined : { start: start ?? '', end: end ?? '' },
  });
}

export function fillMetadata(metadata, { hours, closures }) {
  const announcements = metadata.announcements || {};
  field('displayName').value = text(metadata.displayName);
  field('timeZone').value = text(metadata.timeZone);
  hours.render(metadata.weeklyHours);
  closures.render(metadata.closures || []);
  field('closedMessage').value = text(metadata.closedMessage);
  field('announcements-positionCap').value = text(announcements.positionCap);
  field('announcements-minIntervalSeconds').value = text(announcements.minIntervalSeconds);
  field('announcements-voice').value = text(announcements.voice);
  field('announcements-language').value = text(announcements.language);
  field('holdAudioUrl').value = text(metadata.holdAudioUrl);
  field('maxQueueSize').value = text(metadata.maxQueueSize);
  field('callbackOfferSeconds').value = text(metadata.callbackOfferSeconds);
  field('callbackMaxAttempts').value = text(metadata.callbackMaxAttempts);
  field('callbackRetrySeconds').value = text(metadata.callbackRetrySeconds);
  field('voicemailMaxSeconds').value = text(metadata.voicemailMaxSeconds);
  field('voicemailTranscribe').checked = metadata.voicemailTranscribe === true;
  const survey = metadata.survey || {};
  const quiet = survey.quietHours || {};
  field('survey-enabled').checked = survey.enabled === true;
  field('survey-wording').value = text(survey.wording);
  field('survey-delaySeconds').value = text(survey.delaySeconds);
  field('survey-quietHours-start').value = text(quiet.start);
  field('survey-quietHours-end').value = text(quiet.end);
}
