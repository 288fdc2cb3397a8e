/*
 * A small chart of one queue's last hour (GET /admin/api/queues/{name}/announcements): the
 * callers waiting as a grey line, and for each greeted caller a rep took, what they were told
 * (a blue dot) against what they waited (an orange dot), joined by a line as long as the error.
 */
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 160;
const HEIGHT = 56;
const PAD = 3;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** `data`: the announcements answer; `nowMs`: the server's time, for the hour's right edge. */
export function accuracyChart(data, nowMs) {
  const start = nowMs - data.windowSeconds * 1000;
  const x = (iso) =>
    PAD + ((WIDTH - 2 * PAD) * Math.max(0, Date.parse(iso) - start)) / (data.windowSeconds * 1000);
  const chart = svg('svg', {
    width: WIDTH,
    height: HEIGHT,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    class: 'accuracy-chart',
  });
  const told = data.told || [];
  const waiting = data.waiting || [];
  const label = `Last hour: ${told.length} callers told an estimate and taken, ${waiting.length} readings of callers waiting`;
  chart.append(svg('title', {}));
  chart.firstChild.textContent = label;
  chart.append(svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: 'frame' }));

  const mostWaiting = Math.max(1, ...waiting.map((p) => p.waiting));
  if (waiting.length > 0) {
    const yWaiting = (n) => HEIGHT - PAD - ((HEIGHT - 2 * PAD) * n) / mostWaiting;
    const points = waiting.map((p) => `${x(p.at).toFixed(1)},${yWaiting(p.waiting).toFixed(1)}`);
    chart.append(svg('polyline', { points: points.join(' '), class: 'waiting' }));
  }
  const longest = Math.max(1, ...told.flatMap((p) => [p.announcedSeconds, p.waitedSeconds]));
  const ySeconds = (s) => HEIGHT - PAD - ((HEIGHT - 2 * PAD) * s) / longest;
  for (const pair of told) {
    const at = x(pair.at).toFixed(1);
    const said = ySeconds(pair.announcedSeconds).toFixed(1);
    const waited = ySeconds(pair.waitedSeconds).toFixed(1);
    chart.append(svg('line', { x1: at, x2: at, y1: said, y2: waited, class: 'error' }));
    chart.append(svg('circle', { cx: at, cy: said, r: 2, class: 'told' }));
    chart.append(svg('circle', { cx: at, cy: waited, r: 2, class: 'waited' }));
  }
  return el(
    'figure',
    { className: 'accuracy' },
    chart,
    el(
      'figcaption',
      {},
      el('span', { className: 'key told' }, 'told'),
      ' ',
      el('span', { className: 'key waited' }, 'waited'),
      ' ',
      el('span', { className: 'key waiting' }, 'callers waiting'),
    ),
  );
}
