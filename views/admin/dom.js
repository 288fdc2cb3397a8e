/*
 * Element helpers. Data reaches the page only through textContent and attributes, never as
 * HTML: that, with the Content-Security-Policy, is what keeps queue names and messages inert.
 */

/** el('td', {className: 'number'}, 'text', childNode): attributes by property or setAttribute. */
export function el(tag, attributes, ...children) {
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

export const byId = (id) => document.getElementById(id);

/**
 * A settings form control by its path: the control for `weeklyHours.monday.0.open` has the id
 * `f-weeklyHours-monday-0-open`, and its error text `f-weeklyHours-monday-0-open-error`.
 */
export const field = (name) => byId(`f-${name}`);

/** Writes only on change, so a refresh that shows the same text does not disturb a reader. */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Shows a banner with this text; `undefined` hides and empties it. */
export function showBanner(banner, text) {
  setText(banner, text === undefined ? '' : text);
  banner.hidden = text === undefined;
}

export function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The nearest `selector` from a click's target (which may be a text node, not an Element). */
export function closestTo(event, selector) {
  return event.target instanceof Element ? event.target.closest(selector) : null;
}

/**
 * A row's "Remove" button, named for screen readers by what it removes (`which`), and found by
 * the editor's click handler through data-action and data-index.
 */
export function removeRowAction(action, index, which) {
  return el(
    'div',
    { className: 'row-actions' },
    el(
      'button',
      {
        type: 'button',
        className: 'secondary',
        'data-action': action,
        'data-index': String(index),
      },
      'Remove',
      el('span', { className: 'visually-hidden' }, ` ${which}`),
    ),
  );
}
