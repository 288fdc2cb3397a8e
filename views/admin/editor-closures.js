/*
 * The closed days in the settings form: one row per date, with an optional reason. As with the
 * hours, the rows are the state: a change reads them, edits the list, and renders it again.
 */
import { closestTo, el, field, removeRowAction } from './dom.js';

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
    removeRowAction('remove-closure', index, `closed day ${index + 1}`),
  );
}

/**
 * list: the <ul> of rows; addButton: "Add a closed day";
 * onChange(): after a row is added or removed.
 */
export function createClosures(list, addButton, onChange) {
  /** The API's closures: `{date}`, or `{date, reason}` when a reason was typed. */
  function read() {
    const closures = [];
    for (let index = 0; field(`closures-${index}`); index += 1) {
      const date = field(`closures-${index}-date`).value.trim();
      const reason = field(`closures-${index}-reason`).value.trim();
      closures.push(reason === '' ? { date } : { date, reason });
    }
    return closures;
  }

  function render(closures) {
    list.replaceChildren(...closures.map((closure, index) => closureRow(index, closure)));
  }

  addButton.addEventListener('click', () => {
    const closures = read();
    closures.push({ date: '' });
    render(closures);
    field(`closures-${closures.length - 1}-date`).focus();
    onChange();
  });

  list.addEventListener('click', (event) => {
    const button = closestTo(event, 'button[data-action]');
    if (!button) return;
    const closures = read();
    const index = Number(button.getAttribute('data-index'));
    closures.splice(index, 1);
    render(closures);
    // Focus stays where the removed row was, so a keyboard user is not thrown to the top.
    const next = field(`closures-${Math.min(index, closures.length - 1)}-date`);
    (next || addButton).focus();
    onChange();
  });

  return { read, render };
}
