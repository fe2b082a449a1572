/** Every message the app shows exists in both languages, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { en, ja } from '../../../services/web/src/messages.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the English and Japanese catalogues', () => {
  it('have the same keys', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('"%s": both non-empty, with the same placeholders', (key) => {
    const english = en[key as keyof typeof en];
    const japanese = ja[key as keyof typeof ja];
    expect(english.trim()).not.toBe('');
    expect(japanese.trim()).not.toBe('');
    expect(placeholders(japanese)).toEqual(placeholders(english));
  });

  it('are really translated: Japanese text is in Japanese script', () => {
    // Names that read the same in both (the product, the other language's own name) are the exceptions.
    const same = Object.keys(en).filter((key) => en[key as keyof typeof en] === ja[key as keyof typeof ja]);
    expect(same).toEqual([]);
    const latinOnly = Object.entries(ja)
      .filter(([, text]) => !/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(text))
      .map(([key]) => key);
    expect(latinOnly).toEqual(['language']);
  });
});
