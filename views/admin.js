/*
 * holdline admin page: the live queue table and the queue settings editor.
 * Plain browser JavaScript, no build step, no dependencies. Served from /admin/assets under a
 * Content-Security-Policy of script-src 'self': no inline code, no eval. Data reaches the page
 * only through textContent and attributes, never as HTML.
 */
(function () {
  'use strict';

  const REFRESH_MS = 5000;
  const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const API = '/admin/api';
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = csrfMeta ? csrfMeta.getAttribute('content') || '' : '';

  // ---------------------------------------------------------------- small DOM helpers

  /** el('td', {className: 'number'}, 'text', childNode): attributes by property or setAttribute. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'className' || name === 'textContent' || name === 'type' || name === 'value') {
        node[name] = value;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  const byId = (id) => document.getElementById(id);

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function capitalize(word) {
    return word.charAt(0).toUpperCase() + word.slice(1);
  }

  // ---------------------------------------------------------------- formatting

  function formatSeconds(seconds) {
    if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
    const whole = Math.max(0, Math.round(seconds));
    if (whole < 60) return `${whole} s`;
    const minutes = Math.floor(whole / 60);
    const rest = whole % 60;
    if (minutes < 60) return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
    const hours = Math.floor(minutes / 60);
    return `${hours} h ${minutes % 60} min`;
  }

  function formatCount(value) {
    return value === null || value === undefined ? '—' : String(value);
  }

  const weekdayTime = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const clockTime = new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  function formatMoment(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : weekdayTime.format(date);
  }

  function describeReason(reason) {
    return String(reason || '').replace(/[-_]/g, ' ');
  }

  // ---------------------------------------------------------------- requests

  async function callApi(method, path, options) {
    const headers = { Accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-cache' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
    if (options && options.ifMatch !== undefined) headers['If-Match'] = options.ifMatch;
    if (options && options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const response = await fetch(API + path, init);
    let body = null;
    if ((response.headers.get('Content-Type') || '').includes('application/json')) {
      body = await response.json().catch(() => null);
    }
    return { status: response.status, ok: response.ok, body, headers: response.headers };
  }

  function errorOf(result) {
    const error = result.body && result.body.error;
    return {
      code: (error && error.code) || `HTTP_${result.status}`,
      message: (error && error.message) || `The server answered ${result.status}.`,
    };
  }

  // ---------------------------------------------------------------- the queue table

  const table = {
    body: byId('queues-body'),
    lastUpdated: byId('last-updated'),
    error: byId('refresh-error'),
    timer: undefined,
    inFlight: false,
    stopped: false,
    lastSuccess: undefined,
  };
  /** The clock difference between the server and this browser, from the Date header. */
  let serverSkewMs = 0;

  function serviceLevelList(queue) {
    const splits = (queue.window && queue.window.serviceLevel) || [];
    const items = splits.map((split) => {
      const accepted = (split.acceptedWithin || 0) + (split.acceptedAbove || 0);
      const share = accepted > 0 ? `${Math.round((100 * split.acceptedWithin) / accepted)} %` : '—';
      return el('li', {}, `${formatSeconds(split.thresholdSeconds)}: ${share}`);
    });
    return items.length === 0 ? '—' : el('ul', {}, ...items);
  }

  function openCell(queue) {
    if (queue.open === true) {
      return el(
        'td',
        {},
        el('span', { className: 'badge open' }, 'Open'),
        queue.closesAt
          ? el('span', { className: 'sub' }, `closes ${formatMoment(queue.closesAt)}`)
          : null,
      );
    }
    if (queue.open === false) {
      return el(
        'td',
        {},
        el('span', { className: 'badge closed' }, 'Closed'),
        queue.nextOpenAt
          ? el('span', { className: 'sub' }, `opens ${formatMoment(queue.nextOpenAt)}`)
          : null,
      );
    }
    return el('td', {}, '—');
  }

  function estimateCell(estimate) {
    if (!estimate) return el('td', {}, '—');
    if (estimate.kind === 'known') return el('td', {}, `about ${formatSeconds(estimate.seconds)}`);
    return el(
      'td',
      {},
      'unknown',
      estimate.reason ? el('span', { className: 'sub' }, describeReason(estimate.reason)) : null,
    );
  }

  function ageCell(queue, now) {
    const fetched = Date.parse(queue.fetchedAt);
    const age = Number.isNaN(fetched) ? null : Math.max(0, (now + serverSkewMs - fetched) / 1000);
    return el(
      'td',
      { className: 'number' },
      formatSeconds(age),
      queue.stale
        ? el('span', { className: 'sub' }, el('span', { className: 'badge stale' }, 'stale'))
        : null,
      queue.stale && queue.lastError ? el('span', { className: 'sub' }, queue.lastError) : null,
    );
  }

  function queueRow(queue, now) {
    const name = queue.displayName || queue.name;
    return el(
      'tr',
      { 'data-queue': queue.name },
      el(
        'th',
        { scope: 'row' },
        name,
        name !== queue.name ? el('span', { className: 'sub' }, queue.name) : null,
      ),
      openCell(queue),
      el('td', { className: 'number' }, formatCount(queue.waitingCallers)),
      el('td', { className: 'number' }, formatSeconds(queue.longestWaitSeconds)),
      estimateCell(queue.estimate),
      el(
        'td',
        { className: 'number' },
        `${formatCount(queue.availableWorkers)} / ${formatCount(queue.eligibleWorkers)}`,
      ),
      el('td', {}, serviceLevelList(queue)),
      ageCell(queue, now),
    );
  }

  function byPriority(a, b) {
    const pa = a.priority === null || a.priority === undefined ? Infinity : a.priority;
    const pb = b.priority === null || b.priority === undefined ? Infinity : b.priority;
    return pa - pb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }

  function renderQueues(queues) {
    const now = Date.now();
    const rows = queues.map((queue) => queueRow(queue, now));
    if (rows.length === 0) {
      rows.push(
        el('tr', {}, el('td', { colspan: '8' }, 'No queues yet: the stats have not been read.')),
      );
    }
    table.body.replaceChildren(...rows);
    editor.offerQueues(queues);
  }

  function showRefreshError(text) {
    if (text === undefined) {
      table.error.hidden = true;
      setText(table.error, '');
      return;
    }
    setText(table.error, text);
    table.error.hidden = false;
  }

  function describeLastUpdate(suffix) {
    const when = table.lastSuccess
      ? `Last updated ${clockTime.format(table.lastSuccess)}`
      : 'Not loaded yet';
    setText(table.lastUpdated, `${when}. ${suffix}`);
  }

  async function refresh() {
    clearTimeout(table.timer);
    if (table.inFlight || table.stopped) return;
    table.inFlight = true;
    try {
      const result = await callApi('GET', '/queues');
      if (result.status === 401) {
        table.stopped = true;
        sessionEnded();
        return;
      }
      if (!result.ok || !result.body || !Array.isArray(result.body.queues)) {
        const { code, message } = errorOf(result);
        throw new Error(`${message} (${code})`);
      }
      const serverDate = Date.parse(result.headers.get('Date') || '');
      serverSkewMs = Number.isNaN(serverDate) ? 0 : serverDate - Date.now();
      // The Date header has whole seconds: a skew under two seconds is its rounding, not a skew.
      if (Math.abs(serverSkewMs) < 2000) serverSkewMs = 0;
      renderQueues([...result.body.queues].sort(byPriority));
      table.lastSuccess = new Date();
      showRefreshError(undefined);
      describeLastUpdate('Refreshes every 5 seconds.');
    } catch (error) {
      const shown = table.lastSuccess
        ? `The table shows what was read at ${clockTime.format(table.lastSuccess)}.`
        : '';
      showRefreshError(
        `Could not refresh the queues: ${error instanceof Error ? error.message : String(error)}. ` +
          `Trying again every 5 seconds. ${shown}`,
      );
      describeLastUpdate('Refresh failed.');
    } finally {
      table.inFlight = false;
      if (!table.stopped && !document.hidden) table.timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (table.stopped) return;
    if (document.hidden) {
      clearTimeout(table.timer);
      describeLastUpdate('Paused while this tab is hidden.');
    } else {
      void refresh();
    }
  });

  function sessionEnded() {
    showRefreshError('Your session has ended. Reload the page to log in again.');
    editor.setStatus(
      'Your session has ended: nothing can be saved. Reload the page to log in again.',
    );
  }

  // ---------------------------------------------------------------- the settings editor

  const editor = (function createEditor() {
    const choice = byId('queue-choice');
    const select = byId('queue-select');
    const form = byId('metadata-form');
    const heading = byId('form-heading');
    const status = byId('editor-status');
    const problem = byId('editor-problem');
    const problemText = byId('editor-problem-text');
    const summary = byId('form-summary');
    const summaryList = byId('form-summary-list');
    const hoursBox = byId('weekly-hours');
    const closuresList = byId('closures-list');
    const field = (name) => byId(`f-${name}`);
    const state = {
      queue: undefined,
      displayName: '',
      version: undefined,
      dirty: false,
      busy: false,
    };

    function setStatus(text) {
      setText(status, text);
    }

    function showProblem(text) {
      if (text === undefined) {
        problem.hidden = true;
        return;
      }
      setText(problemText, text);
      problem.hidden = false;
    }

    /** The queue list of the table's last refresh, kept in the chooser (selection kept). */
    function offerQueues(queues) {
      const wanted = queues.map((q) => {
        const label = q.displayName || q.name;
        return [q.name, label === q.name ? q.name : `${label} (${q.name})`];
      });
      const current = [...select.options].map((o) => [o.value, o.textContent]);
      // Unchanged: leave the list alone, so a refresh never disturbs someone choosing.
      if (JSON.stringify(wanted) === JSON.stringify(current)) return;
      const selected = select.value;
      select.replaceChildren(
        ...wanted.map(([name, text]) => el('option', { value: name, textContent: text })),
      );
      if (wanted.some(([name]) => name === selected)) select.value = selected;
    }

    // ---- time zones: a suggestion list, the server has the final word
    const zones = byId('time-zones');
    if (typeof Intl.supportedValuesOf === 'function') {
      zones.replaceChildren(
        ...Intl.supportedValuesOf('timeZone').map((zone) => el('option', { value: zone })),
      );
    }

    // ---- weekday ranges

    function rangeRow(day, index, range) {
      const prefix = `f-weeklyHours-${day}-${index}`;
      const input = (part, label) =>
        el(
          'div',
          { className: 'field time-field' },
          el('label', { for: `${prefix}-${part}` }, label),
          el('input', {
            id: `${prefix}-${part}`,
            type: 'text',
            value: range[part] || '',
            inputmode: 'numeric',
            autocomplete: 'off',
            placeholder: part === 'open' ? '09:00' : '17:00',
            'aria-describedby': 'hours-hint',
            'data-hint': 'hours-hint',
          }),
          el('p', { id: `${prefix}-${part}-error`, className: 'field-error' }),
        );
      return el(
        'li',
        { className: 'row', id: prefix, 'data-day': day },
        input('open', 'Opens'),
        input('close', 'Closes'),
        el(
          'div',
          { className: 'row-actions' },
          el(
            'button',
            {
              type: 'button',
              className: 'secondary',
              'data-action': 'remove-range',
              'data-index': String(index),
            },
            'Remove',
            el('span', { className: 'visually-hidden' }, ` ${capitalize(day)} hours ${index + 1}`),
          ),
        ),
      );
    }

    function readDay(day) {
      const ranges = [];
      for (let index = 0; field(`weeklyHours-${day}-${index}`); index += 1) {
        ranges.push({
          open: field(`weeklyHours-${day}-${index}-open`).value.trim(),
          close: field(`weeklyHours-${day}-${index}-close`).value.trim(),
        });
      }
      return ranges;
    }

    function renderDay(day, ranges) {
      const list = byId(`hours-${day}`);
      list.replaceChildren(...ranges.map((range, index) => rangeRow(day, index, range)));
      byId(`closed-${day}`).hidden = ranges.length > 0;
    }

    function buildWeek() {
      hoursBox.replaceChildren(
        ...WEEKDAYS.map((day) =>
          el(
            'fieldset',
            { id: `f-weeklyHours-${day}`, 'data-day': day },
            el('legend', {}, capitalize(day)),
            el('p', { id: `closed-${day}`, className: 'day-closed' }, 'Closed all day.'),
            el('ul', { id: `hours-${day}`, className: 'rows' }),
            el(
              'button',
              {
                type: 'button',
                className: 'secondary',
                'data-action': 'add-range',
                'data-day': day,
              },
              'Add hours',
              el('span', { className: 'visually-hidden' }, ` on ${capitalize(day)}`),
            ),
            el('p', { id: `f-weeklyHours-${day}-error`, className: 'field-error' }),
          ),
        ),
      );
    }

    hoursBox.addEventListener('click', (event) => {
      const button =
        event.target instanceof Element ? event.target.closest('button[data-action]') : null;
      if (!button) return;
      const fieldset = button.closest('fieldset[data-day]');
      const day = fieldset ? fieldset.getAttribute('data-day') : null;
      if (!day) return;
      const ranges = readDay(day);
      if (button.getAttribute('data-action') === 'add-range') {
        const last = ranges[ranges.length - 1];
        ranges.push(last ? { open: '', close: '' } : { open: '09:00', close: '17:00' });
        renderDay(day, ranges);
        field(`weeklyHours-${day}-${ranges.length - 1}-open`).focus();
      } else {
        const index = Number(button.getAttribute('data-index'));
        ranges.splice(index, 1);
        renderDay(day, ranges);
        const next = field(`weeklyHours-${day}-${Math.min(index, ranges.length - 1)}-open`);
        (next || fieldset.querySelector('button[data-action="add-range"]')).focus();
      }
      markDirty();
    });

    // ---- closures

    function closureRow(index, closure) {
      const prefix = `f-closures-${index}`;
      return el(
        'li',
        { className: 'row', id: prefix },
        el(
          'div',
          { className: 'field' },
          el('label', { for: `${prefix}-date` }, 'Date'),
          el('input', { id: `${prefix}-date`, type: 'date', value: closure.date || '' }),
          el('p', { id: `${prefix}-date-error`, className: 'field-error' }),
        ),
        el(
          'div',
          { className: 'field' },
          el('label', { for: `${prefix}-reason` }, 'Reason (optional)'),
          el('input', {
            id: `${prefix}-reason`,
            type: 'text',
            value: closure.reason || '',
            maxlength: '200',
          }),
          el('p', { id: `${prefix}-reason-error`, className: 'field-error' }),
        ),
        el(
          'div',
          { className: 'row-actions' },
          el(
            'button',
            {
              type: 'button',
              className: 'secondary',
              'data-action': 'remove-closure',
              'data-index': String(index),
            },
            'Remove',
            el('span', { className: 'visually-hidden' }, ` closed day ${index + 1}`),
          ),
        ),
      );
    }

    function readClosures() {
      const closures = [];
      for (let index = 0; field(`closures-${index}`); index += 1) {
        const date = field(`closures-${index}-date`).value.trim();
        const reason = field(`closures-${index}-reason`).value.trim();
        closures.push(reason === '' ? { date } : { date, reason });
      }
      return closures;
    }

    function renderClosures(closures) {
      closuresList.replaceChildren(...closures.map((closure, index) => closureRow(index, closure)));
    }

    byId('add-closure').addEventListener('click', () => {
      const closures = readClosures();
      closures.push({ date: '' });
      renderClosures(closures);
      field(`closures-${closures.length - 1}-date`).focus();
      markDirty();
    });

    closuresList.addEventListener('click', (event) => {
      const button =
        event.target instanceof Element ? event.target.closest('button[data-action]') : null;
      if (!button) return;
      const closures = readClosures();
      const index = Number(button.getAttribute('data-index'));
      closures.splice(index, 1);
      renderClosures(closures);
      const next = field(`closures-${Math.min(index, closures.length - 1)}-date`);
      (next || byId('add-closure')).focus();
      markDirty();
    });

    // ---- the whole form

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

    function collect() {
      return withoutUndefined({
        displayName: field('displayName').value,
        timeZone: field('timeZone').value.trim(),
        weeklyHours: Object.fromEntries(WEEKDAYS.map((day) => [day, readDay(day)])),
        closures: readClosures(),
        closedMessage: field('closedMessage').value,
        announcements: withoutUndefined({
          positionCap: optionalNumber('announcements-positionCap'),
          minIntervalSeconds: optionalNumber('announcements-minIntervalSeconds'),
          voice: optionalText('announcements-voice'),
          language: optionalText('announcements-language'),
        }),
        holdAudioUrl: optionalText('holdAudioUrl'),
        maxQueueSize: optionalNumber('maxQueueSize'),
      });
    }

    function fill(metadata) {
      const text = (value) => (value === undefined || value === null ? '' : String(value));
      const announcements = metadata.announcements || {};
      field('displayName').value = text(metadata.displayName);
      field('timeZone').value = text(metadata.timeZone);
      for (const day of WEEKDAYS) renderDay(day, (metadata.weeklyHours || {})[day] || []);
      renderClosures(metadata.closures || []);
      field('closedMessage').value = text(metadata.closedMessage);
      field('announcements-positionCap').value = text(announcements.positionCap);
      field('announcements-minIntervalSeconds').value = text(announcements.minIntervalSeconds);
      field('announcements-voice').value = text(announcements.voice);
      field('announcements-language').value = text(announcements.language);
      field('holdAudioUrl').value = text(metadata.holdAudioUrl);
      field('maxQueueSize').value = text(metadata.maxQueueSize);
    }

    // ---- validation problems, next to their fields

    function clearProblems() {
      for (const node of form.querySelectorAll('[aria-invalid="true"]')) {
        clearFieldProblem(node);
      }
      for (const node of form.querySelectorAll('.field-error')) setText(node, '');
      summaryList.replaceChildren();
      summary.hidden = true;
    }

    function clearFieldProblem(node) {
      node.removeAttribute('aria-invalid');
      const errorId = `${node.id}-error`;
      const described = (node.getAttribute('aria-describedby') || '')
        .split(' ')
        .filter((id) => id && id !== errorId);
      if (described.length > 0) node.setAttribute('aria-describedby', described.join(' '));
      else node.removeAttribute('aria-describedby');
      const error = byId(errorId);
      if (error) setText(error, '');
    }

    /**
     * "weeklyHours.monday.0.close" → #f-weeklyHours-monday-0-close; a problem with a whole list
     * or object ("weeklyHours.monday": ranges overlap) goes to its fieldset, an unknown path to
     * the nearest container that exists, else only the summary.
     */
    function targetOf(path) {
      const parts = path === '' ? [] : path.split('.');
      for (let length = parts.length; length > 0; length -= 1) {
        const node = field(parts.slice(0, length).join('-'));
        if (node && byId(`${node.id}-error`)) return node;
      }
      return undefined;
    }

    function labelOf(node) {
      if (node.tagName === 'FIELDSET') {
        const legends = [];
        for (let at = node; at && at !== form; at = at.parentElement) {
          if (at.tagName === 'FIELDSET') {
            const legend = at.querySelector(':scope > legend');
            if (legend) legends.unshift(legend.textContent.trim());
          }
        }
        return legends.join(', ');
      }
      const label = form.querySelector(`label[for="${node.id}"]`);
      const day = node.closest('fieldset[data-day]');
      const text = label ? label.textContent.trim() : node.id;
      return day ? `${capitalize(day.getAttribute('data-day'))}, ${text.toLowerCase()}` : text;
    }

    function showProblems(problems) {
      clearProblems();
      let first;
      const messages = new Map();
      for (const { field: path, message } of problems) {
        const node = targetOf(String(path || ''));
        const key = node ? node.id : '';
        messages.set(key, [...(messages.get(key) || []), message]);
      }
      for (const [id, list] of messages) {
        const node = id === '' ? undefined : byId(id);
        const text = list.join(' ');
        if (node) {
          const errorId = `${id}-error`;
          setText(byId(errorId), text);
          if (node.tagName !== 'FIELDSET') node.setAttribute('aria-invalid', 'true');
          const described = (node.getAttribute('aria-describedby') || '')
            .split(' ')
            .filter(Boolean);
          if (!described.includes(errorId))
            node.setAttribute('aria-describedby', [...described, errorId].join(' '));
          if (!first)
            first =
              node.tagName === 'FIELDSET' ? node.querySelector('input, button') || node : node;
        }
        const item = node
          ? el(
              'a',
              { href: `#${node.tagName === 'FIELDSET' ? `${id}-error` : id}` },
              `${labelOf(node)}: ${text}`,
            )
          : document.createTextNode(text);
        summaryList.append(el('li', {}, item));
      }
      summary.hidden = false;
      (first || summary).focus();
    }

    summary.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      const target = byId(link.getAttribute('href').slice(1));
      if (!target) return;
      event.preventDefault();
      const focusable = target.matches('input, select, textarea, button')
        ? target
        : target.closest('fieldset') && target.closest('fieldset').querySelector('input, button');
      (focusable || target).focus();
    });

    form.addEventListener('input', (event) => {
      markDirty();
      const target = event.target;
      if (target instanceof Element && target.getAttribute('aria-invalid') === 'true')
        clearFieldProblem(target);
    });

    function markDirty() {
      state.dirty = true;
    }

    // ---- load and save

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
        state.version = result.body.version;
        state.displayName = result.body.metadata.displayName || name;
        buildWeek();
        fill(result.body.metadata);
        clearProblems();
        state.dirty = false;
        setText(heading, `Settings of ${state.displayName}`);
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
          body: collect(),
        });
        if (result.ok && result.body && result.body.metadata) {
          state.version = result.body.version;
          state.displayName = result.body.metadata.displayName || state.queue;
          fill(result.body.metadata);
          clearProblems();
          state.dirty = false;
          setText(heading, `Settings of ${state.displayName}`);
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
          showProblems(result.body.error.problems);
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

    function reportFailure(result, what) {
      const { code, message } = errorOf(result);
      if (result.status === 401) {
        sessionEnded();
        return;
      }
      if (code === 'CSRF_FAILED') {
        setStatus(`${what}: this page is out of date. Reload the page and try again.`);
        return;
      }
      if (code === 'QUEUE_NOT_FOUND') {
        setStatus(`${what}: this queue no longer exists.`);
        return;
      }
      if (code === 'METADATA_UNAVAILABLE') {
        setStatus(
          `${what}: the settings store cannot be reached right now. Try again in a moment.`,
        );
        return;
      }
      setStatus(`${what}: ${message} (${code}).`);
    }

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

    window.addEventListener('beforeunload', (event) => {
      if (state.dirty) event.preventDefault();
    });

    return { offerQueues, setStatus };
  })();

  void refresh();
})();
