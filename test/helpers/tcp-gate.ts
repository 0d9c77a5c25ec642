import net from 'node:net';

export type TcpGate = {
  /** host:port to connect to instead of the target. */
  address: string;
  /** Connections attempted while shut (each is dropped at once, as by a server that is gone). */
  readonly refused: number;
  /** Drops every connection and refuses new ones until open(). */
  shut(): void;
  open(): void;
  /** Stops passing bytes on every connection, new ones too, without closing any (a network gone silent). */
  hold(): void;
  /** Passes them again, what was held first. */
  release(): void;
  /** Resolves at the next connection attempt while shut. */
  nextAttempt(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A TCP relay to `target` that a test can shut and open, standing for the network to a server: shut, it
 * drops each connection as it is made, so the test can see when a client tries to reconnect.
 */
export async function startTcpGate(target: string): Promise<TcpGate> {
  const [host, port] = splitAddress(target);
  const waiters = new Set<() => void>();
  let isShut = false;
  let isHeld = false;
  type Pair = { client: net.Socket; upstream: net.Socket };
  const pairs = new Set<Pair>();
  const relay = ({ client, upstream }: Pair) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
  };
  let refused = 0;
  const server = net.createServer((client) => {
    if (isShut) {
      refused++;
      client.destroy();
      for (const wake of waiters) wake();
      waiters.clear();
      return;
    }
    const upstream = net.connect(port, host);
    const pair = { client, upstream };
    pairs.add(pair);
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      });
    }
    if (isHeld) for (const s of [client, upstream]) s.pause();
    else relay(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${own}`,
    get refused() {
      return refused;
    },
    shut() {
      isShut = true;
      dropAll();
    },
    open() {
      isShut = false;
    },
    hold() {
      isHeld = true;
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    release() {
      isHeld = false;
      for (const pair of pairs) relay(pair);
    },
    nextAttempt: () => new Promise<void>((resolve) => waiters.add(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}
