/**
 * A text field's length limit, said out loud: the browser silently cuts typed or pasted text at
 * `maxlength`, so when the field is full a notice (announced politely) says where the limit is.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function sayWhenFull<T extends HTMLInputElement | HTMLTextAreaElement>(field: T): T {
  const max = field.maxLength;
  if (max <= 0) return field;
  const notice = h(
    'small',
    { class: 'limit-notice', role: 'status', hidden: true },
    t('limitReached', { n: max }),
  );
  field.addEventListener('input', () => {
    if (!notice.isConnected) field.after(notice);
    notice.hidden = [...field.value].length < max && field.value.length < max;
  });
  return field;
}
