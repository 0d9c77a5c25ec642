import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
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

/**
 * gRPC's reconnect backoff grows to 2 minutes by default, so after a long Temporal outage an API went on
 * failing for up to 41 s once the server was back; capped, it reconnects within about 2 s. A downed
 * frontend sees one connection attempt per API instance every 2 s at most.
 */
const RECONNECT_CHANNEL_ARGS = {
  'grpc.initial_reconnect_backoff_ms': 500,
  'grpc.max_reconnect_backoff_ms': 2_000,
} as const;

/**
 * The SDK retries an unreachable frontend 10 times (about 20 s). 7 attempts span about 5 s, with the reconnect
 * cap above: enough to ride out a blip, short enough that an Update to an unreachable Temporal is a 503 in
 * seconds rather than at its longer deadline (which is for waiting on the workflow, not on the network).
 */
const RETRY_ATTEMPTS = 7;

export async function connectClient(options: { address: string | undefined; namespace: string }): Promise<Client> {
  const connection = await Connection.connect({
    ...connectOptions(options.address),
    channelArgs: RECONNECT_CHANNEL_ARGS,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: RETRY_ATTEMPTS }))],
  });
  return new Client({ connection, namespace: options.namespace });
}

export function connectWorkerConnection(address: string | undefined): Promise<NativeConnection> {
  return NativeConnection.connect(connectOptions(address));
}
