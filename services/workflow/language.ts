/** The language drafts are written in: the goal's own. */
export type DraftLanguage = 'ja' | 'en';

// Hiragana, katakana (full and half width) and CJK ideographs.
const japanese = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;

/** Japanese if any of the texts holds Japanese script, else English. */
export function detectLanguage(...texts: readonly string[]): DraftLanguage {
  return texts.some((text) => japanese.test(text)) ? 'ja' : 'en';
}
