/**
 * The cell editor: a multi-line text area over the cell (long titles wrap and can be read whole while
 * typing), Enter saves, Escape cancels, leaving the cell saves. Nothing typed is cut: the limit is not
 * enforced by `maxlength` (which silently drops the rest of a paste) but counted out loud near it, and a
 * title over it is not saved until shortened (the text stays in the editor meanwhile).
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** The API's limit for a cell title (services/api/inputs.ts `cellTitle`), in UTF-16 units as it counts. */
export const CELL_TITLE_MAX = 200;

/** The counter shows from this many characters on. */
const COUNT_FROM = CELL_TITLE_MAX - 20;

export interface CellEditorOptions {
  /** The cell's label ("Sub-goal 1"), for the editor's name. */
  readonly label: string;
  readonly before: string;
  /** The edit ended with text to keep (maybe unchanged); `refocus`: put focus back on the cell. */
  readonly onCommit: (after: string, refocus: boolean) => void;
  /** The edit was thrown away (Escape). */
  readonly onCancel: () => void;
}

let editors = 0;

/** Opens the editor in `cell` (or focuses the one already open there). */
export function openCellEditor(cell: HTMLElement, options: CellEditorOptions): void {
  const open = cell.querySelector<HTMLTextAreaElement>('.cell-editor textarea');
  if (open) {
    open.focus();
    return;
  }
  const id = `cell-editor-${++editors}`;
  const counter = h('small', { id: `${id}-count`, class: 'cell-counter', hidden: true });
  // Announced (politely) only when the text is over the limit, not on every keystroke near it.
  const tooLong = h('small', { class: 'cell-too-long', role: 'status' });
  const input = h('textarea', {
    id,
    class: 'cell-input',
    rows: 3,
    value: options.before,
    'aria-label': t('editCell', { label: options.label }),
    'aria-describedby': counter.id,
  });
  const editor = h('div', { class: 'cell-editor' }, input, counter, tooLong);

  const length = () => input.value.trim().length;
  const showCount = (): void => {
    const n = length();
    counter.hidden = n < COUNT_FROM;
    counter.textContent = `${n}/${CELL_TITLE_MAX}`;
    const over = n - CELL_TITLE_MAX;
    editor.classList.toggle('over-limit', over > 0);
    tooLong.textContent = over > 0 ? t('cellTooLong', { n: CELL_TITLE_MAX, over }) : '';
    input.setAttribute('aria-invalid', String(over > 0));
  };
  const grow = (): void => {
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight + 4}px`;
  };

  let finished = false;
  const close = (refocus: boolean): void => {
    finished = true;
    editor.remove();
    cell.classList.remove('editing');
    if (refocus) cell.focus();
  };
  const commit = (refocus: boolean): void => {
    if (finished) return;
    if (length() > CELL_TITLE_MAX) {
      // Kept where it was typed, said why it is not saved.
      showCount();
      return;
    }
    close(refocus);
    options.onCommit(input.value.trim(), refocus);
  };

  input.addEventListener('input', () => {
    // A title is one line: pasted line breaks become spaces (the words stay).
    if (/[\r\n]/.test(input.value)) {
      const caret = input.selectionStart;
      input.value = input.value.replace(/\r\n|[\r\n]/g, ' ');
      input.setSelectionRange(caret, caret);
    }
    showCount();
    grow();
  });
  input.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      commit(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (finished) return;
      close(true);
      options.onCancel();
    }
  });
  input.addEventListener('blur', () => commit(false));
  editor.addEventListener('click', (event) => event.stopPropagation());

  cell.classList.add('editing');
  cell.appendChild(editor);
  showCount();
  grow();
  input.focus();
  input.select();
}
