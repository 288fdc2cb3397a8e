import { Resvg } from '@resvg/resvg-js';
import { PREDICTOR_LABELS, PREDICTOR_NAMES } from './predictors.js';
import type { ScenarioSummary } from './summary.js';

const COLOURS = ['#1b7837', '#762a83', '#d6604d', '#f4a582', '#4393c3', '#92c5de'];
const WIDTH = 1200;
const HEIGHT = 600;
const PLOT = { left: 70, right: 20, top: 50, bottom: 190 };
/** Relative MSE spans two orders of magnitude: a log axis keeps every bar readable. */
const Y_MIN = 0.01;
const Y_MAX = 10;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Grouped bars of each predictor's relative MSE (MSE ÷ mean true wait²) per scenario. */
export function accuracyChartSvg(summaries: readonly ScenarioSummary[]): string {
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (value: number) => {
    const clamped = Math.min(Y_MAX, Math.max(Y_MIN, value));
    const share = Math.log10(clamped / Y_MIN) / Math.log10(Y_MAX / Y_MIN);
    return PLOT.top + plotHeight * (1 - share);
  };
  const group = plotWidth / summaries.length;
  const bar = (group * 0.8) / PREDICTOR_NAMES.length;
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="18">` +
      'Wait-time prediction error by scenario (relative MSE, log scale; lower is better)</text>',
  ];
  for (const tick of [0.01, 0.1, 1, 10]) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${PLOT.left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="12">${tick}</text>`,
    );
  }
  summaries.forEach((summary, i) => {
    const x0 = PLOT.left + i * group + group * 0.1;
    PREDICTOR_NAMES.forEach((name, j) => {
      const top = y(summary.predictors[name].relativeMse);
      parts.push(
        `<rect x="${x0 + j * bar}" y="${top}" width="${bar - 1}" height="${
          PLOT.top + plotHeight - top
        }" fill="${COLOURS[j]}"/>`,
      );
    });
    const labelX = x0 + group * 0.4;
    const labelY = PLOT.top + plotHeight + 12;
    parts.push(
      `<text x="${labelX}" y="${labelY}" font-size="12" text-anchor="end" ` +
        `transform="rotate(-35 ${labelX} ${labelY})">${escape(summary.label)}</text>`,
    );
  });
  PREDICTOR_NAMES.forEach((name, j) => {
    const x = PLOT.left + j * 190;
    const legendY = HEIGHT - 22;
    parts.push(
      `<rect x="${x}" y="${legendY - 11}" width="14" height="14" fill="${COLOURS[j]}"/>`,
      `<text x="${x + 20}" y="${legendY}" font-size="13">${escape(PREDICTOR_LABELS[name])}</text>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
    `font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">${parts.join('')}</svg>`
  );
}

export function renderPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}
