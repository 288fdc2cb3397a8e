import type { RecordingRecord } from './recording-state.js';
import { rfc2822 } from './voice-resources.js';

/** The 2010 API's Recording resource (api.v2010.account.recording) of a <Record>'s recording. */
export function renderRecording(accountSid: string, apiBase: string, recording: RecordingRecord) {
  const path = `/2010-04-01/Accounts/${accountSid}/Recordings/${recording.sid}`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    conference_sid: null,
    date_created: rfc2822(recording.endedAt),
    date_updated: rfc2822(recording.updatedAt),
    start_time: rfc2822(recording.startedAt),
    duration: String(recording.durationSeconds),
    sid: recording.sid,
    price: null,
    price_unit: 'USD',
    status: recording.status,
    channels: 1,
    source: 'RecordVerb',
    error_code: recording.status === 'absent' ? recording.errorCode : null,
    uri: `${path}.json`,
    encryption_details: null,
    subresource_uris: {
      add_on_results: `${path}/AddOnResults.json`,
      transcriptions: `${path}/Transcriptions.json`,
    },
    media_url: `${apiBase}${path}`,
  };
}
