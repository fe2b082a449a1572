/**
 * Taking the chart along: print it (one landscape A4 page, print.css), save it as a PNG, or share that
 * image where the browser can share files (Web Share API; phones mostly).
 */
import type { Chart } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h } from '../dom.js';
import { canShareImage, chartPng } from '../chart-image.js';
import { t } from '../i18n.js';
import { saveFile } from './download-data.js';

export function takeAlongButtons(context: AppContext, chart: () => Chart, error: HTMLElement): HTMLElement {
  const run = (button: HTMLButtonElement, work: (file: File) => Promise<void>) => async () => {
    button.disabled = true;
    try {
      await work(await chartPng(chart()));
    } catch (failure) {
      // The person closing the share sheet is no failure.
      if (!(failure instanceof DOMException && failure.name === 'AbortError'))
        context.reportError(failure, error);
    } finally {
      button.disabled = false;
    }
  };
  const save = h('button', { type: 'button', class: 'secondary small' }, t('saveImage'));
  save.addEventListener(
    'click',
    run(save, async (file) => {
      saveFile(file, file.name);
    }),
  );
  const share = canShareImage() && h('button', { type: 'button', class: 'secondary small' }, t('shareImage'));
  if (share) {
    share.addEventListener(
      'click',
      run(share, (file) => navigator.share({ files: [file], title: chart().title })),
    );
  }
  return h(
    'div',
    { class: 'take-along' },
    h('button', { type: 'button', class: 'secondary small', onclick: () => window.print() }, t('printChart')),
    save,
    share,
  );
}
