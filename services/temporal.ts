import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';

/**
 * Connection options from the standard TEMPORAL_* variables (address, namespace,
 * API key, TLS / mTLS) and temporal.toml, as every Temporal tool reads them;
 * `address` overrides, for the dev server the launcher starts itself.
 */
function connectOptions(address: string | undefined) {
  const { connectionOptions } = loadClientConnectConfig();
  return { ...connectionOptions, ...(address ? { address } : {}) };
}

export async function connectClient(options: { address: string | undefined; namespace: string }): Promise<Client> {
  const connection = await Connection.connect(connectOptions(options.address));
  return new Client({ connection, namespace: options.namespace });
}

export function connectWorkerConnection(address: string | undefined): Promise<NativeConnection> {
  return NativeConnection.connect(connectOptions(address));
}
