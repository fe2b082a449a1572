import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/** Asks a yes/no question; only "y" or "yes" (any case) confirms. End of input counts as no. */
export async function confirm(question: string, input: Readable, output: Writable): Promise<boolean> {
  const prompt = createInterface({ input, output, terminal: false });
  try {
    const answer = await Promise.race([
      prompt.question(`${question} [y/N] `),
      new Promise<string>((resolve) => prompt.once('close', () => resolve(''))),
    ]);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
