/**
 * The chart as a PNG: the 9×9 drawn on a canvas from the chart's data (no screenshot library), with the
 * goal's title above it, for saving or sharing (Web Share API where the browser can share files).
 */
import type { Chart } from './api.js';
import { slotAt, type CellSlot } from './mandala-layout.js';

const cell = 180;
const margin = 40;
const header = 90;
const size = cell * 9;

/** Canvas size in pixels. */
export const chartImageSize = { width: size + margin * 2, height: size + margin * 2 + header } as const;

function titleAt(chart: Chart, slot: CellSlot): string {
  switch (slot.kind) {
    case 'goal':
      return chart.title;
    case 'subGoal':
      return chart.subGoals[slot.subGoal]?.title ?? '';
    case 'action':
      return chart.subGoals[slot.subGoal]?.actions[slot.action]?.title ?? '';
  }
}

/**
 * Lines of `text` that fit `width`: breaks between words, and inside a word only when it is wider than a
 * line (or has no spaces, as Japanese); the last line ends in "…" when the text does not fit `maxLines`.
 */
export function wrapText(
  text: string,
  width: number,
  maxLines: number,
  measure: (text: string) => number,
): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (next: string) => {
    lines.push(next);
    return '';
  };
  for (const word of text.split(/(\s+)/)) {
    if (word === '') continue;
    const candidate = line + word;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (/^\s+$/.test(word)) {
      line = push(line);
      continue;
    }
    if (line.trim() !== '' && measure(word) <= width) {
      push(line.trimEnd());
      line = word;
      continue;
    }
    for (const character of word) {
      if (measure(line + character) > width && line !== '') line = push(line.trimEnd());
      line += character;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last !== '' && measure(`${last}…`) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

const fontFamily = 'system-ui, "Noto Sans CJK JP", "Noto Sans JP", sans-serif';

/** Draws the chart on `canvas` (resized to chartImageSize). */
export function drawChart(chart: Chart, canvas: HTMLCanvasElement): void {
  canvas.width = chartImageSize.width;
  canvas.height = chartImageSize.height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#1b2430';
  context.font = `700 40px ${fontFamily}`;
  context.textBaseline = 'middle';
  context.fillText(
    wrapText(chart.title, size, 1, (text) => context.measureText(text).width)[0] ?? '',
    margin,
    margin + header / 2 - 10,
  );
  const top = margin + header;
  for (let row = 0; row < 9; row++) {
    for (let column = 0; column < 9; column++) {
      const slot = slotAt(row, column);
      const x = margin + column * cell;
      const y = top + row * cell;
      context.fillStyle = slot.kind === 'goal' ? '#1f3a5f' : slot.kind === 'subGoal' ? '#cfe0f3' : '#ffffff';
      context.fillRect(x, y, cell, cell);
      context.strokeStyle = '#b8c4d1';
      context.lineWidth = 1;
      context.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
      const fontSize = slot.kind === 'action' ? 22 : 26;
      context.font = `${slot.kind === 'action' ? 400 : 700} ${fontSize}px ${fontFamily}`;
      context.fillStyle = slot.kind === 'goal' ? '#ffffff' : '#1b2430';
      context.textAlign = 'center';
      const lineHeight = fontSize * 1.3;
      const lines = wrapText(
        titleAt(chart, slot),
        cell - 24,
        Math.floor((cell - 20) / lineHeight),
        (text) => context.measureText(text).width,
      );
      const firstY = y + cell / 2 - ((lines.length - 1) * lineHeight) / 2;
      lines.forEach((line, index) => context.fillText(line, x + cell / 2, firstY + index * lineHeight));
      context.textAlign = 'start';
    }
  }
  // The 3×3 blocks, drawn over the cells' thin lines.
  context.strokeStyle = '#1f3a5f';
  context.lineWidth = 4;
  for (let block = 0; block < 9; block++) {
    context.strokeRect(
      margin + (block % 3) * cell * 3,
      top + Math.floor(block / 3) * cell * 3,
      cell * 3,
      cell * 3,
    );
  }
}

/** The chart as a PNG file named after the goal. */
export async function chartPng(chart: Chart): Promise<File> {
  const canvas = document.createElement('canvas');
  drawChart(chart, canvas);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (png) => (png ? resolve(png) : reject(new Error('canvas.toBlob gave nothing'))),
      'image/png',
    ),
  );
  const name = `${chart.title.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 60) || 'goal'}-mandala.png`;
  return new File([blob], name, { type: 'image/png' });
}

/** True when the browser can share an image file (Web Share API level 2). */
export function canShareImage(): boolean {
  const probe = new File([new Uint8Array(1)], 'probe.png', { type: 'image/png' });
  return typeof navigator.canShare === 'function' && navigator.canShare({ files: [probe] });
}
