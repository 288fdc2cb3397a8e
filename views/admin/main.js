/*
 * holdline admin page: the live queue table, the callbacks, the voicemails, the outbound
 * campaigns, the background jobs and the queue settings editor.
 * The entry module, loaded by dashboard.html; the others it imports live beside it in
 * views/admin/.
 *
 * Native ES modules, no build step, no dependencies. Served from /admin/assets under a
 * Content-Security-Policy of script-src 'self': no inline code, no eval. Data reaches the page
 * only through textContent and attributes, never as HTML.
 */
import { createCallbackList } from './callback-list.js';
import { createCampaignForm } from './campaign-form.js';
import { createCampaignList } from './campaign-list.js';
import { createEditor } from './editor.js';
import { createJobList } from './job-list.js';
import { createQueueTable } from './queue-table.js';
import { createSatisfactionTable } from './satisfaction-table.js';
import { createVoicemailList } from './voicemail-list.js';

/** A 401 from any request: nothing more can load or save until the supervisor logs in again. */
function sessionEnded() {
  const ended = 'Your session has ended. Reload the page to log in again.';
  for (const section of [table, callbacks, voicemails, jobs, campaigns]) {
    section.showRefreshError(ended);
  }
  editor.setStatus(
    'Your session has ended: nothing can be saved. Reload the page to log in again.',
  );
}

const editor = createEditor({ onSessionEnded: sessionEnded });
const satisfaction = createSatisfactionTable();
const table = createQueueTable({
  // Each refresh also keeps the editor's queue chooser and the satisfaction table up to date.
  onQueues: (queues) => {
    editor.offerQueues(queues);
    satisfaction.show(queues);
  },
  onSessionEnded: sessionEnded,
});
const callbacks = createCallbackList({ onSessionEnded: sessionEnded });
const voicemails = createVoicemailList({ onSessionEnded: sessionEnded });
const jobs = createJobList({ onSessionEnded: sessionEnded });
const campaignForm = createCampaignForm({
  // A new campaign shows in the table at once, not at the next refresh.
  onCreated: () => void campaigns.refresh(),
  onSessionEnded: sessionEnded,
});
const campaigns = createCampaignList({
  onTargetQueues: (queues) => campaignForm.offerQueues(queues),
  onUnavailable: () => campaignForm.disable(),
  onSessionEnded: sessionEnded,
});
table.start();
callbacks.start();
voicemails.start();
campaigns.start();
jobs.start();
