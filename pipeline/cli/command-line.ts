/**
 * The command line of every operator command (`npm run cost`, `rollback`, `doctor`…): node's `util.parseArgs`
 * behind one description that also writes `--help`. `--help` (or `-h`) prints the usage and exits 0; a wrong
 * argument is one line naming it, then the usage, and exit status 2. Never a stack trace for what was typed.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly default?: string | boolean;
  /** What it does, one line for `--help`. */
  readonly help: string;
  /** How `--help` names its value, e.g. `DIR`. @default 'VALUE' */
  readonly value?: string;
}

export interface CommandSpec<
  O extends Readonly<Record<string, OptionSpec>> = Readonly<Record<string, OptionSpec>>,
> {
  /** The npm script, e.g. `cost` (`npm run cost`): the prefix of every error line. */
  readonly name: string;
  /** One line: `npm run cost -- [--assembly DIR] [--out FILE]`. */
  readonly usage: string;
  /** What the command does, a few lines. */
  readonly description: string;
  readonly options: O;
  /** Whether bare arguments are allowed (a tag, a release id). @default false */
  readonly positionals?: boolean;
  /** Environment variables it reads → what they mean. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Where to read more, e.g. `docs/runbook.md#cost`. */
  readonly seeAlso?: string;
}

/** A mistake in the command line: one line naming the argument (the usage is added when printed). */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Values<O extends Readonly<Record<string, OptionSpec>>> = {
  -readonly [K in keyof O]: O[K] extends { type: 'boolean' }
    ? boolean
    : O[K] extends { default: string }
      ? string
      : string | undefined;
};

export interface ParsedCommandLine<O extends Readonly<Record<string, OptionSpec>>> {
  readonly values: Values<O>;
  readonly positionals: string[];
}

/** Whether the arguments ask for help (before a `--` that ends the options). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** Parses strictly; an unknown option, a missing value or an unexpected argument throws a UsageError. */
export function parseCommandLine<O extends Readonly<Record<string, OptionSpec>>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): ParsedCommandLine<O> {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [
      name,
      {
        type: option.type,
        ...(option.short ? { short: option.short } : {}),
        ...(option.default !== undefined ? { default: option.default } : {}),
      },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }));
  }
  const values: Record<string, unknown> = { ...parsed.values };
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.type === 'boolean') values[name] = values[name] === true;
  }
  return { values: values as Values<O>, positionals: parsed.positionals };
}

/** node's parseArgs messages run to several sentences; the first names the argument. */
function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // `Option '-y, --yes' does not take an argument`, `Option '--out <value>' argument missing`
      const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      return error.message.includes('argument missing')
        ? `${option} needs a value`
        : `${option} takes no value`;
    }
    default:
      return error.message.split('\n')[0]!;
  }
}

/** The `--help` text: usage, description, options with defaults, environment, where to read more. */
export function helpText(spec: CommandSpec): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`,
    `${option.help}${typeof option.default === 'string' ? ` (default ${option.default})` : ''}`,
  ]);
  rows.push(['-h, --help', 'print this help and exit']);
  const lines = [`usage: ${spec.usage}`, '', ...spec.description.split('\n'), '', 'options:', ...table(rows)];
  if (spec.environment) lines.push('', 'environment:', ...table(Object.entries(spec.environment)));
  if (spec.seeAlso) lines.push('', `see ${spec.seeAlso}`);
  return `${lines.join('\n')}\n`;
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/**
 * For an entry in bin/: `--help` prints the help and exits 0; otherwise `parse` reads the arguments, and a
 * UsageError it throws is printed as one line (`cost: unknown option --x; usage: …`), exit status 2.
 */
export function readCommandLine<T>(
  spec: CommandSpec,
  parse: (argv: readonly string[]) => T,
  argv: readonly string[] = process.argv.slice(2),
): T {
  if (wantsHelp(argv)) {
    process.stdout.write(helpText(spec));
    process.exit(0);
  }
  try {
    return parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${spec.name}: ${error.message}; usage: ${spec.usage} (--help explains)`);
    process.exit(2);
  }
}
