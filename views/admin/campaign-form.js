/*
 * The "New campaign" form: reads the chosen CSV file in the browser and sends it with the
 * settings to POST /admin/api/campaigns. The server imports the list; the page shows what it
 * answers: the rows it refused (line and reason), the duplicates it left out, or the problems
 * that kept the campaign from being created.
 */
import { callApi, errorOf } from './api.js';
import { byId, el, setText } from './dom.js';
import { formatNumber } from './campaign-figures.js';

/** The server takes up to 20 MB of JSON: a larger list could never be sent. */
const MAX_FILE_BYTES = 19 * 1024 * 1024;

/** Optional number settings: the API's name, read from #campaign-<name>. */
const NUMBER_SETTINGS = ['maxAttempts', 'ringTimeoutSeconds', 'retryDelaySeconds'];

/** The control a server problem's path names (e.g. "settings.callerId"), for its label. */
const CONTROL_OF_PATH = {
  name: 'campaign-name',
  'settings.targetQueue': 'campaign-queue',
  'settings.callerId': 'campaign-callerId',
  'settings.message': 'campaign-message',
  'settings.maxAttempts': 'campaign-maxAttempts',
  'settings.ringTimeoutSeconds': 'campaign-ringTimeoutSeconds',
  'settings.retryDelaySeconds': 'campaign-retryDelaySeconds',
  'settings.callingWindow': 'campaign-windowStart',
  'settings.callingWindow.start': 'campaign-windowStart',
  'settings.callingWindow.end': 'campaign-windowEnd',
  'settings.defaultCountry': 'campaign-defaultCountry',
  contacts: 'campaign-file',
  csv: 'campaign-file',
};

function readFileText(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error));
    reader.readAsText(file);
  });
}

/** The settings as the API takes them: empty optional fields left out (the server's defaults). */
function readSettings() {
  const value = (name) => byId(`campaign-${name}`).value.trim();
  const settings = {
    targetQueue: byId('campaign-queue').value,
    callerId: value('callerId'),
    message: value('message'),
  };
  for (const name of NUMBER_SETTINGS) {
    const text = value(name);
    // Not a number: sent as typed, so the server's answer says what is wrong with it.
    if (text !== '') settings[name] = /^\d+$/.test(text) ? Number(text) : text;
  }
  const start = value('windowStart');
  const end = value('windowEnd');
  if (start !== '' || end !== '') {
    settings.callingWindow = { start: start || '08:00', end: end || '21:00' };
  }
  const country = value('defaultCountry');
  if (country !== '') settings.defaultCountry = country.toUpperCase();
  if (byId('campaign-machineDetection').checked) settings.machineDetection = true;
  return settings;
}

function labelOf(path) {
  const id = CONTROL_OF_PATH[path];
  const label = id && document.querySelector(`label[for="${id}"]`);
  return label ? label.textContent.trim() : path;
}

const rowItem = (row) => el('li', {}, `Line ${row.line}: ${row.reason}`);

/** deps.onCreated(): after a campaign is created. deps.onSessionEnded(): on a 401. */
export function createCampaignForm({ onCreated, onSessionEnded }) {
  const form = byId('campaign-form');
  const submit = byId('campaign-create');
  const queue = byId('campaign-queue');
  const errorBox = byId('campaign-form-error');
  const errorText = byId('campaign-form-error-text');
  const problems = byId('campaign-form-problems');
  const result = byId('campaign-result');
  const summary = byId('campaign-result-summary');
  const refused = byId('campaign-refused');
  const duplicates = byId('campaign-duplicates');

  function showProblem(text, items = []) {
    setText(errorText, text);
    problems.replaceChildren(...items);
    problems.hidden = items.length === 0;
    errorBox.hidden = false;
    errorBox.focus();
  }

  function clearOutcome() {
    errorBox.hidden = true;
    result.hidden = true;
    for (const control of form.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
    }
  }

  function showRows(rows, dups) {
    refused.replaceChildren(...rows.map(rowItem));
    byId('campaign-refused-block').hidden = rows.length === 0;
    duplicates.replaceChildren(
      ...dups.map((d) =>
        el('li', {}, `Line ${d.line}: ${d.phone}, already on line ${d.firstLine}`),
      ),
    );
    byId('campaign-duplicates-block').hidden = dups.length === 0;
  }

  function showRefusal(answer) {
    const error = (answer.body && answer.body.error) || {};
    const { message } = errorOf(answer);
    const listed = Array.isArray(error.problems) ? error.problems : [];
    for (const problem of listed) {
      const control = byId(CONTROL_OF_PATH[problem.path] || '');
      if (control) control.setAttribute('aria-invalid', 'true');
    }
    const items = [
      ...listed.map((p) => el('li', {}, `${labelOf(p.path)}: ${p.message}`)),
      ...(Array.isArray(error.rows) ? error.rows.map(rowItem) : []),
    ];
    showProblem(`The campaign was not created: ${message}`, items);
  }

  async function create(event) {
    event.preventDefault();
    clearOutcome();
    const file = byId('campaign-file').files[0];
    if (!file) {
      showProblem('Choose the CSV file of contacts.');
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      showProblem(`The file is ${formatNumber(file.size / 1048576)} MB: the most is 19 MB.`);
      return;
    }
    submit.disabled = true;
    try {
      const csv = await readFileText(file);
      const name = byId('campaign-name').value.trim();
      const answer = await callApi('POST', '/campaigns', {
        body: { name, settings: readSettings(), csv },
      });
      if (answer.status === 401) {
        onSessionEnded();
        showProblem('Your session has ended: the campaign was not created. Reload the page.');
        return;
      }
      if (answer.status !== 201 || !answer.body || !answer.body.campaign) {
        showRefusal(answer);
        return;
      }
      const { campaign, rows = [], duplicates: dups = [] } = answer.body;
      const total = campaign.progress ? campaign.progress.total : 0;
      setText(
        summary,
        `Created the campaign ${campaign.name} with ${formatNumber(total)} ` +
          `${total === 1 ? 'contact' : 'contacts'}; ${formatNumber(rows.length)} ` +
          `${rows.length === 1 ? 'row' : 'rows'} not imported, ${formatNumber(dups.length)} ` +
          `${dups.length === 1 ? 'duplicate' : 'duplicates'} left out. It is ready to start.`,
      );
      showRows(rows, dups);
      result.hidden = false;
      result.focus();
      form.reset();
      onCreated(campaign);
    } catch (error) {
      showProblem(
        `The campaign was not created: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      submit.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => void create(event));

  /** Refills the queue chooser with the queues campaigns may target, keeping the selection. */
  function offerQueues(queues) {
    const current = [...queue.options].map((o) => o.value);
    if (JSON.stringify(current) === JSON.stringify(queues)) return;
    const selected = queue.value;
    queue.replaceChildren(...queues.map((q) => el('option', { value: q, textContent: q })));
    if (queues.includes(selected)) queue.value = selected;
  }

  function disable() {
    form.hidden = true;
  }

  return { offerQueues, disable };
}
