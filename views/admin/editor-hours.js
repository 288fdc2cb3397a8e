/*
 * The opening hours in the settings form: a fieldset per weekday, each with its list of
 * open–close ranges. The rows are the state: reading the week reads the inputs, so nothing
 * typed is ever lost to a re-render (a change re-renders from what was read).
 */
import { byId, capitalize, closestTo, el, field, removeRowAction } from './dom.js';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

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
    removeRowAction('remove-range', index, `${capitalize(day)} hours ${index + 1}`),
  );
}

function dayFieldset(day) {
  return el(
    'fieldset',
    { id: `f-weeklyHours-${day}`, 'data-day': day },
    el('legend', {}, capitalize(day)),
    el('p', { id: `closed-${day}`, className: 'day-closed' }, 'Closed all day.'),
    el('ul', { id: `hours-${day}`, className: 'rows' }),
    el(
      'button',
      { type: 'button', className: 'secondary', 'data-action': 'add-range', 'data-day': day },
      'Add hours',
      el('span', { className: 'visually-hidden' }, ` on ${capitalize(day)}`),
    ),
    el('p', { id: `f-weeklyHours-${day}-error`, className: 'field-error' }),
  );
}

/** box: the element that holds the week; onChange(): after a range is added or removed. */
export function createWeeklyHours(box, onChange) {
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

  box.addEventListener('click', (event) => {
    const button = closestTo(event, 'button[data-action]');
    if (!button) return;
    const fieldset = button.closest('fieldset[data-day]');
    const day = fieldset ? fieldset.getAttribute('data-day') : null;
    if (!day) return;
    const ranges = readDay(day);
    if (button.getAttribute('data-action') === 'add-range') {
      // The first range of a day gets the usual office hours; later ones start empty.
      const last = ranges[ranges.length - 1];
      ranges.push(last ? { open: '', close: '' } : { open: '09:00', close: '17:00' });
      renderDay(day, ranges);
      field(`weeklyHours-${day}-${ranges.length - 1}-open`).focus();
    } else {
      const index = Number(button.getAttribute('data-index'));
      ranges.splice(index, 1);
      renderDay(day, ranges);
      // Focus stays where the removed row was, so a keyboard user is not thrown to the top.
      const next = field(`weeklyHours-${day}-${Math.min(index, ranges.length - 1)}-open`);
      (next || fieldset.querySelector('button[data-action="add-range"]')).focus();
    }
    onChange();
  });

  return {
    /** Rebuilds the seven empty day fieldsets (a fresh form for a newly loaded queue). */
    build() {
      box.replaceChildren(...WEEKDAYS.map(dayFieldset));
    },
    /** The API's weeklyHours: every weekday, with its ranges as typed (trimmed). */
    read() {
      return Object.fromEntries(WEEKDAYS.map((day) => [day, readDay(day)]));
    },
    render(weeklyHours) {
      for (const day of WEEKDAYS) renderDay(day, (weeklyHours || {})[day] || []);
    },
  };
}
