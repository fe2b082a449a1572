/** "Download my data" (settings): the account's goals, cells, tasks, done history and reflections as JSON. */
import { api } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import { localDate } from '../local-date.js';

/** Hands `blob` to the browser as a download named `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadDataForm(context: AppContext): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const notice = h('p', { class: 'notice', role: 'status', hidden: true });
  const button = h('button', { type: 'submit', class: 'secondary' }, t('downloadData'));
  return h(
    'form',
    {
      id: 'download-data',
      class: 'card settings-form',
      'aria-labelledby': 'download-data-title',
      onsubmit: submitHandler({
        button,
        error,
        hideFirst: [notice],
        report: context.reportError,
        send: () => api.auth.exportData.query(),
        done: (data) => {
          const json = JSON.stringify(data, null, 2);
          saveFile(new Blob([json], { type: 'application/json' }), `goal-mandala-data-${localDate()}.json`);
          notice.textContent = data.complete ? t('dataDownloaded') : t('dataDownloadedPartly');
          notice.hidden = false;
        },
      }),
    },
    h('h2', { id: 'download-data-title' }, t('downloadData')),
    h('p', null, t('downloadDataHelp')),
    error,
    notice,
    button,
  );
}
