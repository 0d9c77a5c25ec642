import type { ConnectionLike } from '@temporalio/client';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../temporal.config.ts';
import { SetupError } from './describe-error.ts';

/**
 * The namespace's custom search attributes against the ones workflows set (temporal.config.ts). Without
 * them, starting a referral fails, so processes check at start and migrate registers them.
 */
type Services = Pick<ConnectionLike, 'operatorService' | 'workflowService' | 'withDeadline'>;

const NAMES = Object.keys(SEARCH_ATTRIBUTES) as SearchAttributeName[];
const KEYWORD = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const CALL_MS = 5_000;

// gRPC status codes, the same from @grpc/grpc-js (Connection) and the native core (NativeConnection).
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;
const UNAUTHENTICATED = 16;

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;
const textOf = (error: unknown) => (error instanceof Error ? error.message : '');

/** The operator service is closed to these credentials (Temporal Cloud closes it to every client). */
const isRefused = (error: unknown) =>
  [PERMISSION_DENIED, UNAUTHENTICATED, UNIMPLEMENTED].includes(codeOf(error) as number);

export type SearchAttributeState = {
  missing: SearchAttributeName[];
  /** Present, but not Keyword: registering cannot change a type. */
  wrongType: SearchAttributeName[];
};

const call = <T>(services: Services, work: () => Promise<T>) => services.withDeadline(Date.now() + CALL_MS, work);

function unknownNamespace(error: unknown, namespace: string): SetupError | undefined {
  if (codeOf(error) !== NOT_FOUND) return undefined;
  return new SetupError(`Temporal has no namespace "${namespace}": check TEMPORAL_NAMESPACE.`);
}

async function listed(services: Services, namespace: string): Promise<SearchAttributeState> {
  const { customAttributes } = await call(services, () => services.operatorService.listSearchAttributes({ namespace }));
  const present = customAttributes ?? {};
  return {
    missing: NAMES.filter((name) => !(name in present)),
    wrongType: NAMES.filter((name) => name in present && present[name] !== KEYWORD),
  };
}

/** Without the operator service: a visibility query naming an attribute the namespace lacks is refused. */
async function probed(services: Services, namespace: string): Promise<SearchAttributeState> {
  const missing: SearchAttributeName[] = [];
  for (const name of NAMES) {
    try {
      await call(services, () =>
        services.workflowService.countWorkflowExecutions({ namespace, query: `${name} = ''` }),
      );
    } catch (error) {
      if (codeOf(error) !== INVALID_ARGUMENT || !textOf(error).includes(`'${name}'`)) throw error;
      missing.push(name);
    }
  }
  return { missing, wrongType: [] };
}

/** Which of our search attributes the namespace lacks, through the operator service or, where it is closed, by query. */
export async function checkSearchAttributes(services: Services, namespace: string): Promise<SearchAttributeState> {
  try {
    return await listed(services, namespace);
  } catch (error) {
    const unknown = unknownNamespace(error, namespace);
    if (unknown) throw unknown;
    if (!isRefused(error)) throw error;
  }
  try {
    return await probed(services, namespace);
  } catch (error) {
    throw unknownNamespace(error, namespace) ?? error;
  }
}

/** Adds the missing ones (all Keyword). Idempotent, and safe when two processes do it at once. */
export async function registerSearchAttributes(
  services: Services,
  namespace: string,
): Promise<SearchAttributeState & { added: SearchAttributeName[] }> {
  let state: SearchAttributeState;
  try {
    state = await listed(services, namespace);
  } catch (error) {
    throw unknownNamespace(error, namespace) ?? refusal(error, namespace) ?? error;
  }
  if (state.missing.length > 0) {
    const searchAttributes = Object.fromEntries(state.missing.map((name) => [name, KEYWORD]));
    try {
      await call(services, () => services.operatorService.addSearchAttributes({ namespace, searchAttributes }));
    } catch (error) {
      if (codeOf(error) !== ALREADY_EXISTS && !/already exists/i.test(textOf(error)))
        throw refusal(error, namespace) ?? error;
    }
  }
  return { added: state.missing, missing: [], wrongType: state.wrongType };
}

function refusal(error: unknown, namespace: string): SetupError | undefined {
  if (!isRefused(error)) return undefined;
  return new SetupError(
    `The Temporal credentials may not register search attributes in namespace ${namespace} ` +
      `(its operator service refused): register ${NAMES.join(', ')} as Keyword with ${ELSEWHERE}.`,
  );
}

/** The tools that can, where our command may not (Temporal Cloud closes the operator service to API keys). */
const ELSEWHERE =
  '`tcld namespace search-attributes add` on Temporal Cloud, or `temporal operator search-attribute create` ' +
  'on a self-hosted cluster';

/** What the operator runs to fix a namespace that lacks them. */
const REGISTER_COMMAND =
  '`node dist/bin/casebook.js search-attributes register` (from source: `npm run casebook -- search-attributes register`)';

/** The start-up refusal for a namespace that lacks them or has them with another type, or undefined when all is well. */
export function describeSearchAttributeProblem(namespace: string, state: SearchAttributeState): string | undefined {
  const problems: string[] = [];
  if (state.missing.length > 0) {
    problems.push(
      `Temporal namespace ${namespace} lacks search attributes ${state.missing.join(', ')}: run ${REGISTER_COMMAND} ` +
        `with the same TEMPORAL_* variables, or where those credentials may not, add them as Keyword with ${ELSEWHERE}.`,
    );
  }
  if (state.wrongType.length > 0) {
    problems.push(
      `Temporal namespace ${namespace} has search attributes ${state.wrongType.join(', ')} with a type other than ` +
        'Keyword: remove them and register them again as Keyword.',
    );
  }
  return problems.length > 0 ? problems.join('\n') : undefined;
}
