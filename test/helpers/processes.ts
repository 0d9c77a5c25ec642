import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A port that was free a moment ago (nobody listens on it: connections to it are refused). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Started = {
  name: string;
  child: ChildProcess;
  /** Its stdout and stderr so far. */
  output: () => string;
  exited: Promise<Exit>;
};

/** `node <file>` with exactly `env`, resolved once its output shows `ready` (at once without one). */
export function startNode(
  name: string,
  file: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; ready?: string },
) {
  const child = spawn(process.execPath, [file], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started: Started = { name, child, output: () => text, exited };
  return new Promise<Started>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (options.ready && text.includes(options.ready)) resolve(started);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    if (!options.ready) resolve(started);
    void exited.then(({ code }) => reject(new Error(`${name} exited (${code}) before it was ready:\n${text}`)));
  });
}

/** Its exit, or a failure naming it if it runs past `boundMs` (then it is killed). */
export async function exitOf(p: Started, boundMs = 30_000): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill('SIGKILL');
      reject(new Error(`${p.name} still running ${boundMs} ms later:\n${p.output()}`));
    }, boundMs);
  });
  return Promise.race([p.exited, late]).finally(() => clearTimeout(timer));
}

/** The first line of its output that contains `text`, once it appears. */
export async function lineOf(p: Started, text: string): Promise<string> {
  for (;;) {
    const line = p
      .output()
      .split('\n')
      .find((l) => l.includes(text));
    if (line) return line;
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(`${p.name} exited before "${text}":\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
