import { h } from '../dom.js';

/**
 * A progress bar for a 0–1 or 0–100 value (the API's goal progress may be either; tasks give 0–1).
 * Values above 1 are read as percentages.
 */
export function progressBar(value: number, label: string): HTMLElement {
  const percent = Math.round(Math.min(100, Math.max(0, value > 1 ? value : value * 100)));
  return h(
    'span',
    { class: 'progress', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent },
    h('span', { class: 'progress-fill', style: `width:${percent}%` }),
    h('span', { class: 'progress-text' }, `${percent}%`),
  );
}
