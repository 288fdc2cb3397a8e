/*
 * The server's validation problems ({field: "weeklyHours.monday.0.close", message}), shown next
 * to their fields and listed in a summary at the top of the form, with aria-invalid and
 * aria-describedby so assistive technology reads each problem with its field.
 */
import { byId, capitalize, closestTo, el, field, setText } from './dom.js';

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

/** The field's name in the summary: its label, or its legends for a fieldset. */
function labelOf(form, node) {
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

/** The text of the label of the control with this id, if the form has one. */
function labelText(form, id) {
  const label = id ? form.querySelector(`label[for="${id}"]`) : null;
  return label ? label.textContent.replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * The server names fields by their code names ("timeZone must be an IANA time zone…", "close
 * must be after open"): each word that names a control beside the problem's path, or beside
 * one of its parents, reads as that control's label ("Time zone must be…", "Closes must be
 * after opens"), as the supervisor sees them on the form.
 */
export function labelMessage(form, path, message) {
  const parts = path === '' ? [] : path.split('.');
  const labelOfWord = (word) => {
    for (let length = parts.length - 1; length >= 0; length -= 1) {
      const label = labelText(form, `f-${[...parts.slice(0, length), word].join('-')}`);
      if (label) return label;
    }
    return undefined;
  };
  return message.replace(/\b[a-z][A-Za-z]*\b/g, (word, offset) => {
    const label = labelOfWord(word);
    if (!label) return word;
    return offset === 0 ? label : label.toLowerCase();
  });
}

/** "Time zone: …", unless the message already begins with the field's label. */
function summaryText(label, text) {
  return label && text.startsWith(label) ? text : `${label}: ${text}`;
}

export function clearFieldProblem(node) {
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

/** form: the settings form; summary and summaryList: the banner at its top and its list. */
export function createFieldProblems({ form, summary, summaryList }) {
  function clearProblems() {
    for (const node of form.querySelectorAll('[aria-invalid="true"]')) {
      clearFieldProblem(node);
    }
    for (const node of form.querySelectorAll('.field-error')) setText(node, '');
    summaryList.replaceChildren();
    summary.hidden = true;
  }

  /** Marks every problem's field, fills the summary, and focuses the first field to fix. */
  function showProblems(problems) {
    clearProblems();
    let first;
    const messages = new Map();
    for (const { field: path, message } of problems) {
      const node = targetOf(String(path || ''));
      const key = node ? node.id : '';
      messages.set(key, [
        ...(messages.get(key) || []),
        labelMessage(form, String(path || ''), String(message)),
      ]);
    }
    for (const [id, list] of messages) {
      const node = id === '' ? undefined : byId(id);
      const text = list.join(' ');
      if (node) {
        const errorId = `${id}-error`;
        setText(byId(errorId), text);
        if (node.tagName !== 'FIELDSET') node.setAttribute('aria-invalid', 'true');
        const described = (node.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (!described.includes(errorId))
          node.setAttribute('aria-describedby', [...described, errorId].join(' '));
        if (!first)
          first = node.tagName === 'FIELDSET' ? node.querySelector('input, button') || node : node;
      }
      const item = node
        ? el(
            'a',
            { href: `#${node.tagName === 'FIELDSET' ? `${id}-error` : id}` },
            summaryText(labelOf(form, node), text),
          )
        : document.createTextNode(text);
      summaryList.append(el('li', {}, item));
    }
    summary.hidden = false;
    (first || summary).focus();
  }

  // A summary link moves focus to its field (following the #fragment would only scroll to it).
  summary.addEventListener('click', (event) => {
    const link = closestTo(event, 'a[href^="#"]');
    if (!link) return;
    const target = byId(link.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    const focusable = target.matches('input, select, textarea, button')
      ? target
      : target.closest('fieldset') && target.closest('fieldset').querySelector('input, button');
    (focusable || target).focus();
  });

  return { clearProblems, showProblems };
}
