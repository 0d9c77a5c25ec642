import { describeError, SetupError, summarizeError } from './describe-error.ts';
import { registerSearchAttributes } from './search-attributes.ts';
import { requireTemporal } from './start-up.ts';
import { connectClient } from './temporal.ts';

/**
 * Registers the search attributes in the configured namespace, over a connection of its own, and says what
 * happened in one sentence for the operator: `casebook search-attributes register`, and migrate (best effort).
 */
export async function registerConfiguredSearchAttributes(temporal: {
  address: string | undefined;
  namespace: string;
}): Promise<{ ok: boolean; message: string }> {
  const { namespace } = temporal;
  let client: Awaited<ReturnType<typeof connectClient>> | undefined;
  try {
    client = await requireTemporal(() => connectClient(temporal), temporal.address);
    const { added, wrongType } = await registerSearchAttributes(client.connection, namespace);
    const done = added.length
      ? `Registered search attributes ${added.join(', ')} in Temporal namespace ${namespace}.`
      : `Temporal namespace ${namespace} already has its search attributes: nothing changed.`;
    if (wrongType.length === 0) return { ok: true, message: done };
    return {
      ok: false,
      message:
        `${done} But ${wrongType.join(', ')} ${wrongType.length === 1 ? 'has' : 'have'} a type other than Keyword: ` +
        'remove them and run this again.',
    };
  } catch (error) {
    const why = error instanceof SetupError ? error.message : summarizeError(describeError(error));
    return { ok: false, message: `Search attributes not registered in Temporal namespace ${namespace}. ${why}` };
  } finally {
    await client?.connection.close().catch(() => undefined);
  }
}
