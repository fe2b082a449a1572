/**
 * Reflections (振り返り) on a goal: write one with a 1–5 rating and a date, read and delete past ones (with a
 * few seconds to undo). The API answers a page at a time (newest first); "Show older" fetches the next.
 */
import { reflectionsPageSize } from '../../../db/limits.js';
import { api, type Reflection } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import { deleteWithUndo } from '../undoable-delete.js';
import { sayWhenFull } from './length-limit.js';

/** What the panel shows, and where the next page starts. */
export interface ReflectionsShown {
  readonly reflections: Reflection[];
  /**
   * Ids of the fetched pages, in the API's order: the next page goes on from the last one still there (a
   * reflection written here meanwhile, whatever its date, is not a place in that order).
   */
  readonly fetched: string[];
  readonly hasOlder: boolean;
}

/** The state after reflections/list's first page. */
export function firstReflectionsPage(reflections: Reflection[]): ReflectionsShown {
  return {
    reflections,
    fetched: reflections.map((r) => r.id),
    hasOlder: reflections.length === reflectionsPageSize,
  };
}

/** What each panel shows now: an undo puts a reflection back among these, whatever changed since. */
const current = new WeakMap<HTMLElement, ReflectionsShown>();

export function renderReflectionsPanel(
  panel: HTMLElement,
  context: AppContext,
  goalId: string,
  shown: ReflectionsShown,
): void {
  const { reflections } = shown;
  const rerender = (next: ReflectionsShown) => renderReflectionsPanel(panel, context, goalId, next);
  current.set(panel, shown);
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const content = sayWhenFull(
    h('textarea', { id: 'reflection-content', name: 'content', rows: 3, required: true, maxlength: 5000 }),
  );
  const rating = h(
    'select',
    { id: 'reflection-rating', name: 'rating' },
    ...[5, 4, 3, 2, 1].map((n) =>
      h('option', { value: n, selected: n === 3 }, `${n} ${'★'.repeat(n)}${'☆'.repeat(5 - n)}`),
    ),
  );
  const date = h('input', { id: 'reflection-date', name: 'date', type: 'date', value: today() });
  const save = h('button', { type: 'submit' }, t('addReflection'));
  const form = h(
    'form',
    {
      class: 'reflection-form',
      onsubmit: submitHandler({
        button: save,
        error,
        report: context.reportError,
        send: () =>
          api.reflections.create.mutate({
            goalId,
            content: content.value.trim(),
            rating: Number(rating.value),
            ...(date.value ? { date: date.value } : {}),
          }),
        done: (created) => rerender({ ...shown, reflections: [created, ...reflections] }),
        keepDisabled: true,
      }),
    },
    h('label', { for: 'reflection-content' }, t('reflection')),
    content,
    h(
      'div',
      { class: 'inline-form' },
      h('div', { class: 'field' }, h('label', { for: 'reflection-rating' }, t('rating')), rating),
      h('div', { class: 'field' }, h('label', { for: 'reflection-date' }, t('date')), date),
    ),
    error,
    save,
  );

  const showOlder = h(
    'button',
    {
      type: 'button',
      class: 'secondary show-older',
      onclick: async () => {
        showOlder.disabled = true;
        try {
          const before = shown.fetched.at(-1);
          const page = await api.reflections.list.query({ goalId, ...(before && { before }) });
          const known = new Set(reflections.map((r) => r.id));
          rerender({
            reflections: [...reflections, ...page.filter((r) => !known.has(r.id))],
            fetched: [...shown.fetched, ...page.map((r) => r.id)],
            hasOlder: page.length === reflectionsPageSize,
          });
        } catch (failure) {
          context.reportError(failure, error);
          showOlder.disabled = false;
        }
      },
    },
    t('showOlderReflections'),
  );

  const sorted = [...reflections].sort((a, b) => String(b.date).localeCompare(String(a.date)));
  replace(
    panel,
    h('h2', { id: 'reflections-title' }, t('reflections')),
    form,
    sorted.length === 0
      ? h('p', { class: 'empty' }, t('noReflections'))
      : h(
          'ul',
          { class: 'reflections', 'aria-labelledby': 'reflections-title' },
          ...sorted.map((reflection) =>
            h(
              'li',
              { class: 'reflection', 'data-reflection-id': String(reflection.id) },
              h(
                'div',
                { class: 'reflection-head' },
                h('time', null, String(reflection.date).slice(0, 10)),
                reflection.rating != null &&
                  h(
                    'span',
                    { class: 'stars', 'aria-label': `${t('rating')}: ${reflection.rating}/5` },
                    '★'.repeat(reflection.rating),
                  ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary small',
                    'aria-label': `${t('delete')}: ${String(reflection.date).slice(0, 10)}`,
                    onclick: () => {
                      const date = String(reflection.date).slice(0, 10);
                      const now = () => current.get(panel) ?? shown;
                      deleteWithUndo({
                        message: t('reflectionDeleted', { date }),
                        hide: () => {
                          const state = now();
                          rerender({
                            ...state,
                            reflections: state.reflections.filter((r) => r.id !== reflection.id),
                            // The next page must not start from a reflection about to be deleted.
                            fetched: state.fetched.filter((id) => id !== reflection.id),
                          });
                        },
                        restore: () => {
                          const state = now();
                          rerender({ ...state, reflections: [...state.reflections, reflection] });
                        },
                        remove: (client) => client.reflections.delete.mutate({ reflectionId: reflection.id }),
                        onError: (failure) => context.reportError(failure, error),
                      });
                    },
                  },
                  '×',
                ),
              ),
              h('p', { class: 'reflection-content' }, reflection.content),
            ),
          ),
        ),
    shown.hasOlder && showOlder,
  );
}

function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
