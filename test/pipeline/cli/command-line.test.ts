import { describe, expect, it } from 'vitest';
import {
  helpText,
  parseCommandLine,
  UsageError,
  wantsHelp,
  type CommandSpec,
} from '../../../pipeline/cli/command-line.js';

const spec = {
  name: 'example',
  usage: 'npm run example -- [--out FILE] [--yes] <thing>',
  description: 'Does the example thing.\nOn two lines.',
  positionals: true,
  options: {
    out: { type: 'string', value: 'FILE', default: 'out.md', help: 'where it goes' },
    yes: { type: 'boolean', short: 'y', help: 'do not ask' },
    region: { type: 'string', value: 'REGION', help: 'where it runs' },
  },
  environment: { EXAMPLE_HOME: 'where it lives' },
  seeAlso: 'docs/runbook.md, "Example"',
} as const satisfies CommandSpec;

function usageErrorOf(argv: string[], of: CommandSpec = spec): string {
  try {
    parseCommandLine(of, argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('parsed');
}

describe('parseCommandLine', () => {
  it('gives typed values with defaults, booleans false when absent, and the positionals', () => {
    expect(parseCommandLine(spec, ['thing', '-y', '--region=eu-west-1'])).toEqual({
      values: { out: 'out.md', yes: true, region: 'eu-west-1' },
      positionals: ['thing'],
    });
    expect(parseCommandLine(spec, []).values.yes).toBe(false);
  });

  it('names the wrong argument in one line', () => {
    expect(usageErrorOf(['--colour', 'red'])).toBe('unknown option --colour');
    expect(usageErrorOf(['--out'])).toBe('--out needs a value');
    expect(usageErrorOf(['--yes=please'])).toBe('--yes takes no value');
    expect(usageErrorOf(['stray'], { ...spec, positionals: false })).toBe('unexpected argument "stray"');
  });
});

describe('help', () => {
  it('is asked for by --help or -h before a -- that ends the options', () => {
    expect(wantsHelp(['--out', 'x', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['--helpful'])).toBe(false);
  });

  it('lists the usage, the description, every option with its default, the environment and where to read more', () => {
    expect(helpText(spec)).toBe(
      [
        'usage: npm run example -- [--out FILE] [--yes] <thing>',
        '',
        'Does the example thing.',
        'On two lines.',
        '',
        'options:',
        '  --out FILE       where it goes (default out.md)',
        '  -y, --yes        do not ask',
        '  --region REGION  where it runs',
        '  -h, --help       print this help and exit',
        '',
        'environment:',
        '  EXAMPLE_HOME  where it lives',
        '',
        'see docs/runbook.md, "Example"',
        '',
      ].join('\n'),
    );
  });
});
