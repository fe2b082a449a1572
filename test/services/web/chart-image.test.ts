import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../services/web/src/chart-image.js';

/** A monospace stand-in for canvas measureText: every character 10 px wide. */
const measure = (text: string) => text.length * 10;

describe('wrapText (the PNG export’s cell text)', () => {
  it('breaks between words, never inside one that fits a line', () => {
    expect(wrapText('Weekly mileage plan', 80, 5, measure)).toEqual(['Weekly', 'mileage', 'plan']);
    expect(wrapText('Run a marathon', 100, 5, measure)).toEqual(['Run a', 'marathon']);
  });

  it('breaks inside a word only when the word is wider than a line, as Japanese text', () => {
    expect(wrapText('フルマラソン完走する', 40, 5, measure)).toEqual(['フルマラ', 'ソン完走', 'する']);
  });

  it('ends the last line in an ellipsis when the text does not fit', () => {
    expect(wrapText('one two three four', 50, 2, measure)).toEqual(['one', 'two…']);
  });

  it('draws nothing for an empty cell', () => {
    expect(wrapText('', 100, 3, measure)).toEqual([]);
  });
});
