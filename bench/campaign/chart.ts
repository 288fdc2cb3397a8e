import type { CampaignResult } from '../../src/sim/campaign/campaign-meter.js';
import type { ScenarioRuns } from './run-scenario.js';

const WIDTH = 1200;
const HEIGHT = 520;
const PANEL = { top: 60, bottom: 90, gap: 80, left: 70, right: 20 };
/** Abandonment axis: the 3% cap sits well inside it; the original design runs off the top. */
const ABANDON_MAX = 0.1;
const DIALERS = ['holdline', 'progressive', 'adaptive', 'original', 'clairvoyant'] as const;
const COLOURS: Record<(typeof DIALERS)[number], string> = {
  holdline: '#e08214',
  progressive: '#4393c3',
  adaptive: '#d6604d',
  original: '#762a83',
  clairvoyant: '#1b7837',
};
const LABELS: Record<(typeof DIALERS)[number], string> = {
  holdline: 'holdline predictive',
  progressive: 'progressive 1:1',
  adaptive: 'VICIdial-style ADAPT_HARD_LIMIT',
  original: 'original design (abandons off the scale)',
  clairvoyant: 'clairvoyant (ceiling)',
};

interface Panel {
  readonly x0: number;
  readonly width: number;
  readonly yMax: number;
  readonly title: string;
  readonly ticks: readonly number[];
  readonly format: (v: number) => string;
}

/** Each bucket's occupancy, and the campaign's abandonment so far at each bucket's end. */
function series(
  result: CampaignResult,
  which: 'occupancy' | 'abandon',
  bucketSeconds: number,
): [number, number][] {
  let live = 0;
  let abandoned = 0;
  return result.timeline.map((b) => {
    live += b.liveAnswers;
    abandoned += b.abandoned;
    const hour = (b.fromSeconds + bucketSeconds / 2) / 3600; // plotted at the bucket's middle
    return which === 'occupancy' ? [hour, b.occupancy] : [hour, live === 0 ? 0 : abandoned / live];
  });
}

/**
 * Occupancy and abandonment over the day, one line per dialer, for one scenario: the picture
 * docs/pacing.md shows beside the table.
 */
export function pacingChartSvg(runs: ScenarioRuns): string {
  const hours = runs.scenario.config.durationSeconds / 3600;
  const width = (WIDTH - PANEL.left - PANEL.right - PANEL.gap) / 2;
  const plotHeight = HEIGHT - PANEL.top - PANEL.bottom;
  const panels: [Panel, 'occupancy' | 'abandon'][] = [
    [
      {
        x0: PANEL.left,
        width,
        yMax: 1,
        title: 'Occupancy per 15 minutes',
        ticks: [0, 0.25, 0.5, 0.75, 1],
        format: (v) => v.toFixed(2),
      },
      'occupancy',
    ],
    [
      {
        x0: PANEL.left + width + PANEL.gap,
        width,
        yMax: ABANDON_MAX,
        title: 'Abandoned ÷ live answers, campaign so far',
        ticks: [0, 0.03, 0.05, 0.1],
        format: (v) => `${Math.round(v * 100)}%`,
      },
      'abandon',
    ],
  ];
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="26" text-anchor="middle" font-size="18">` +
      `Scenario ${runs.scenario.name}: the dialers over the day (seed ${runs.scenario.config.seed})</text>`,
  ];
  for (const [panel, which] of panels) {
    const x = (hour: number) => panel.x0 + (panel.width * hour) / hours;
    const y = (v: number) => PANEL.top + plotHeight * (1 - Math.min(v, panel.yMax) / panel.yMax);
    parts.push(
      `<text x="${panel.x0 + panel.width / 2}" y="${PANEL.top - 12}" text-anchor="middle" font-size="14">${panel.title}</text>`,
    );
    for (const tick of panel.ticks) {
      const stroke = which === 'abandon' && tick === 0.03 ? '#999' : '#ddd';
      parts.push(
        `<line x1="${panel.x0}" x2="${panel.x0 + panel.width}" y1="${y(tick)}" y2="${y(tick)}" stroke="${stroke}"/>`,
        `<text x="${panel.x0 - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="12">${panel.format(tick)}</text>`,
      );
    }
    for (let h = 0; h <= hours; h++) {
      parts.push(
        `<text x="${x(h)}" y="${PANEL.top + plotHeight + 18}" text-anchor="middle" font-size="12">${h} h</text>`,
      );
    }
    for (const dialer of DIALERS) {
      const { bucketSeconds } = runs.scenario.config;
      const points = series(runs[dialer], which, bucketSeconds).map(
        ([h, v]) => `${x(h).toFixed(1)},${y(v).toFixed(1)}`,
      );
      parts.push(
        `<polyline fill="none" stroke="${COLOURS[dialer]}" stroke-width="2" points="${points.join(' ')}"/>`,
      );
    }
  }
  // Each legend entry as wide as its label (about 7.5 px a character at 13 px).
  let lx = PANEL.left;
  for (const dialer of DIALERS) {
    const ly = HEIGHT - 24;
    parts.push(
      `<rect x="${lx}" y="${ly - 11}" width="14" height="14" fill="${COLOURS[dialer]}"/>`,
      `<text x="${lx + 20}" y="${ly}" font-size="13">${LABELS[dialer]}</text>`,
    );
    lx += 20 + LABELS[dialer].length * 7.5 + 16;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
    `font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">${parts.join('')}</svg>`
  );
}
