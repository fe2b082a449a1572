import { h } from '../dom.js';

/**
 * A labelled progress bar for a percentage (0–100; the API's goal progress is a percentage). The number
 * sits beside the bar, not on it, so it is never clipped nor low in contrast over the fill.
 */
export function progressBar(percent: number, label: string): HTMLElement {
  const value = Math.round(Math.min(100, Math.max(0, percent)));
  return h(
    'span',
    {
      class: 'progress',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': value,
    },
    h('span', { class: 'progress-track' }, h('span', { class: 'progress-fill', style: `width:${value}%` })),
    h('span', { class: 'progress-text' }, `${value}%`),
  );
}
