/*
 * The queue settings editor: choose a queue, load its settings, edit, save. Saves name the
 * version they were loaded at (If-Match), so when someone else saved first ours is refused and
 * we say so, instead of silently overwriting their changes.
 */
import { callApi, errorOf } from './api.js';
import { byId, setText } from './dom.js';
import { createClosures } from './editor-closures.js';
import { clearFieldProblem, createFieldProblems } from './editor-errors.js';
import { collectMetadata, fillMetadata } from './editor-form.js';
import { createWeeklyHours } from './editor-hours.js';
import { failureMessage } from './editor-messages.js';
import { offerQueues, suggestTimeZones } from './queue-chooser.js';

/** deps.onSessionEnded(): when the API answers 401. */
export function createEditor({ onSessionEnded }) {
  const choice = byId('queue-choice');
  const select = byId('queue-select');
  const form = byId('metadata-form');
  const heading = byId('form-heading');
  const status = byId('editor-status');
  const problem = byId('editor-problem');
  const problemText = byId('editor-problem-text');
  const state = {
    queue: undefined,
    displayName: '',
    version: undefined,
    dirty: false,
    busy: false,
  };
  const markDirty = () => {
    state.dirty = true;
  };
  const parts = {
    hours: createWeeklyHours(byId('weekly-hours'), markDirty),
    closures: createClosures(byId('closures-list'), byId('add-closure'), markDirty),
  };
  const problems = createFieldProblems({
    form,
    summary: byId('form-summary'),
    summaryList: byId('form-summary-list'),
  });
  suggestTimeZones(byId('time-zones'));

  function setStatus(text) {
    setText(status, text);
  }

  /** The banner for a problem that needs a decision (a conflicting save); undefined hides it. */
  function showProblem(text) {
    if (text === undefined) {
      problem.hidden = true;
      return;
    }
    setText(problemText, text);
    problem.hidden = false;
  }

  /** Shows what the server now holds, as the clean state of the form. */
  function showSaved(body) {
    state.version = body.version;
    state.displayName = body.metadata.displayName || state.queue;
    fillMetadata(body.metadata, parts);
    problems.clearProblems();
    state.dirty = false;
    setText(heading, `Settings of ${state.displayName}`);
  }

  function reportFailure(result, what) {
    const text = failureMessage(result, what);
    if (text === undefined) onSessionEnded();
    else setStatus(text);
  }

  async function load(name, options) {
    if (state.busy) return;
    state.busy = true;
    showProblem(undefined);
    setStatus(`Loading the settings of ${name}…`);
    try {
      const result = await callApi('GET', `/queues/${encodeURIComponent(name)}/metadata`);
      if (!result.ok || !result.body || !result.body.metadata) {
        reportFailure(result, 'Could not load the settings');
        return;
      }
      state.queue = name;
      parts.hours.build();
      showSaved(result.body);
      form.hidden = false;
      const verb = (options && options.verb) || 'Loaded';
      setStatus(`${verb} the settings of ${state.displayName} (version ${state.version}).`);
      if (!options || options.focus !== false) heading.focus();
    } catch {
      setStatus('Could not load the settings: the server could not be reached.');
    } finally {
      state.busy = false;
    }
  }

  async function save() {
    if (state.busy || state.queue === undefined) return;
    state.busy = true;
    showProblem(undefined);
    setStatus(`Saving the settings of ${state.displayName}…`);
    try {
      const result = await callApi('PUT', `/queues/${encodeURIComponent(state.queue)}/metadata`, {
        ifMatch: `"${state.version}"`,
        body: collectMetadata(parts),
      });
      if (result.ok && result.body && result.body.metadata) {
        showSaved(result.body);
        setStatus(
          `Saved the settings of ${state.displayName} (version ${state.version}). Callers get them from now on.`,
        );
        return;
      }
      const { code } = errorOf(result);
      if (code === 'INVALID_METADATA' && Array.isArray(result.body.error.problems)) {
        const count = result.body.error.problems.length;
        setStatus(
          `Not saved: ${count} ${count === 1 ? 'problem' : 'problems'}. Fix the marked fields and save again.`,
        );
        problems.showProblems(result.body.error.problems);
        return;
      }
      if (code === 'VERSION_CONFLICT') {
        setStatus('Not saved: someone else saved this queue first.');
        showProblem(
          `Someone else saved the settings of ${state.displayName} after you loaded them, so yours were not saved. ` +
            'Reload to see their changes, then make yours again.',
        );
        byId('editor-reload').focus();
        return;
      }
      reportFailure(result, 'Not saved');
    } catch {
      setStatus(
        'Not saved: the server could not be reached. Your changes are still here; try again.',
      );
    } finally {
      state.busy = false;
    }
  }

  form.addEventListener('input', (event) => {
    markDirty();
    const target = event.target;
    if (target instanceof Element && target.getAttribute('aria-invalid') === 'true')
      clearFieldProblem(target);
  });

  choice.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = select.value;
    if (!name) return;
    if (state.dirty && !window.confirm(`Discard your unsaved changes to ${state.displayName}?`))
      return;
    void load(name);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });

  byId('discard-metadata').addEventListener('click', () => {
    if (state.queue !== undefined) {
      void load(state.queue, { verb: 'Discarded your changes. Reloaded' });
    }
  });

  byId('editor-reload').addEventListener('click', () => {
    if (state.queue !== undefined) {
      void load(state.queue, { verb: 'Reloaded' });
    }
  });

  // The browser's own "leave this page?" prompt, so unsaved settings are not lost to a click.
  window.addEventListener('beforeunload', (event) => {
    if (state.dirty) event.preventDefault();
  });

  return { offerQueues: (queues) => offerQueues(select, queues), setStatus };
}
