import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../domain/errors.ts';
import { PERMISSIONS } from '../../domain/permissions.ts';
import { registerConfiguredSearchAttributes } from '../../services/register-search-attributes.ts';
import type { OperatorDeps } from './deps.ts';
import { createOrganisationCommand, showOrganisationCommand, type OrganisationOptions } from './organisations.ts';
import { inviteUserCommand, type InviteOptions } from './user-invite.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Command = {
  usage: string;
  options: Options;
  run(deps: OperatorDeps, values: Record<string, unknown>): Promise<number>;
};

const text = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;
const flag = { type: 'boolean' } as const;

const COMMANDS: Record<string, Command> = {
  'provider create': {
    usage:
      'provider create --code NOH --name NAME --email-domain DOMAIN... [--location NAME...] [--requires-two-factor]',
    options: {
      code: text,
      name: text,
      'email-domain': many,
      location: many,
      'requires-two-factor': flag,
      'case-number-prefix': text,
    },
    run: (deps, v) => createOrganisationCommand(deps, v as OrganisationOptions, true),
  },
  'organisation create': {
    usage:
      'organisation create --code CSM --name NAME --case-number-prefix CSM/OM --email-domain DOMAIN... ' +
      '--location NAME... [--division NAME...] [--department NAME...] [--forms management-referral,ihr1] ' +
      '[--requires-approval] [--requires-two-factor]',
    options: {
      code: text,
      name: text,
      'case-number-prefix': text,
      'email-domain': many,
      location: many,
      division: many,
      department: many,
      forms: many,
      'requires-approval': flag,
      'requires-two-factor': flag,
    },
    run: (deps, v) => createOrganisationCommand(deps, v as OrganisationOptions, false),
  },
  'organisation show': {
    usage: 'organisation show --code CSM',
    options: { code: text },
    run: (deps, v) => showOrganisationCommand(deps, v as { code?: string }),
  },
  'user invite': {
    usage:
      'user invite --organisation CODE --email ADDRESS --first-name NAME --surname NAME ' +
      `--role ROLE... [--manager USERNAME] [--location NAME] [--username NAME] [--title T] [--job-title T] [--resend]` +
      `\n      roles: ${PERMISSIONS.join(', ')}`,
    options: {
      organisation: text,
      email: text,
      'first-name': text,
      surname: text,
      role: many,
      manager: text,
      location: text,
      username: text,
      title: text,
      'job-title': text,
      resend: flag,
    },
    run: (deps, v) => inviteUserCommand(deps, v as InviteOptions),
  },
  'search-attributes register': {
    usage: 'search-attributes register',
    options: {},
    run: async (deps) => {
      const { ok, message } = await registerConfiguredSearchAttributes(deps.temporalConfig);
      (ok ? deps.out : deps.err)(message);
      return ok ? 0 : 1;
    },
  },
};

const USAGE = [
  'Usage: casebook <command> [options]   (node dist/bin/casebook.js, or npm run casebook -- from source)',
  '',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  '',
  'Each command reads the same environment as the other processes (DATABASE_URL, TEMPORAL_*). Running one again',
  'with the same options changes nothing; with different ones for the same code or email it refuses.',
].join('\n');

const HELP = ['help', '--help', '-h'];

/**
 * The usage a request for help asks for (no command, `--help`, or a command with `--help`), or
 * undefined: answered before any configuration is read, so help works on a machine not set up yet.
 */
export function helpFor(argv: readonly string[]): string | undefined {
  if (argv.length === 0 || HELP.includes(argv[0]!)) return USAGE;
  const command = COMMANDS[argv.slice(0, 2).join(' ')];
  return command && argv.slice(2).some((a) => HELP.includes(a)) ? `Usage: casebook ${command.usage}` : undefined;
}

/**
 * Runs one operator command and returns its exit code. A refusal is one plain sentence and exit 1, with
 * nothing changed; anything else propagates, for the entry point to report.
 */
export async function runOperatorCommand(argv: readonly string[], deps: OperatorDeps): Promise<number> {
  const help = helpFor(argv);
  if (help) {
    deps.out(help);
    return 0;
  }
  const name = argv.slice(0, 2).join(' ');
  const command = COMMANDS[name];
  if (!command) {
    deps.err(`Unknown command "${name}".\n\n${USAGE}`);
    return 1;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv.slice(2)], options: command.options, strict: true }));
  } catch (error) {
    // parseArgs names the option in its own words ("Unknown option '--x'"): the operator's own input.
    deps.err(`${(error as Error).message}.\nUsage: casebook ${command.usage}`);
    return 1;
  }
  try {
    return await command.run(deps, values);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    deps.err(error.message);
    return 1;
  }
}
