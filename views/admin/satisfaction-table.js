/* The caller satisfaction table: each queue's survey scores, from GET /admin/api/queues. */
import { byId, el } from './dom.js';
import { formatCount } from './format.js';

function windowCell(figures) {
  if (!figures || figures.responses === 0) {
    return el('td', {}, '—', el('span', { className: 'sub' }, 'no scores'));
  }
  return el(
    'td',
    { className: 'number' },
    `${figures.average.toFixed(1)} / 5`,
    el(
      'span',
      { className: 'sub' },
      `${formatCount(figures.responses)} ${figures.responses === 1 ? 'score' : 'scores'}`,
    ),
  );
}

function distributionCell(figures) {
  const counts = ['1', '2', '3', '4', '5'].map((score) =>
    figures ? figures.distribution[score] : 0,
  );
  return el(
    'td',
    {},
    el(
      'ol',
      { className: 'distribution' },
      ...counts.map((n, i) =>
        el('li', { 'data-score': String(i + 1) }, `${i + 1}: ${formatCount(n)}`),
      ),
    ),
  );
}

/** show(queues): one row per queue in table order; queues without survey figures say so. */
export function createSatisfactionTable() {
  const body = byId('satisfaction-body');
  // Each cell names its column: on a narrow screen the rows show as cards, headings hidden.
  const columns = [...byId('satisfaction-table').querySelectorAll('thead th')].map((th) =>
    th.textContent.trim(),
  );
  const labelCells = (row) => {
    [...row.children].forEach((cell, i) => {
      if (i > 0 && columns[i]) cell.setAttribute('data-label', columns[i]);
    });
    return row;
  };
  return {
    show(queues) {
      const rows = queues.map((queue) => {
        const s = queue.satisfaction;
        return labelCells(
          el(
            'tr',
            { 'data-queue': queue.name },
            el('th', { scope: 'row' }, queue.displayName || queue.name),
            windowCell(s && s.lastDay),
            windowCell(s && s.lastWeek),
            distributionCell(s && s.lastWeek),
          ),
        );
      });
      if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: '4' }, 'No queues yet.')));
      body.replaceChildren(...rows);
    },
  };
}
