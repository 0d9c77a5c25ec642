type App = { request(input: string, init?: RequestInit, env?: unknown): Response | Promise<Response> };

/**
 * Which of the two headers a browser uses to say where a state-changing request
 * comes from the caller sends: both (the default, like the portal in a browser),
 * one of them, or neither (a script, a form on another site in an old browser).
 */
export type Provenance = 'both' | 'origin' | 'sec-fetch-site' | 'none';

export type CallerOptions = {
  /** The origin the caller claims in its Origin header. */
  origin?: string;
  provenance?: Provenance;
  /** The client's socket address as the API sees it (the in-process app has no socket otherwise). */
  address?: string;
};

/**
 * A signed-in (or anonymous) caller of the in-process app that keeps its
 * session cookie, like a browser on the portal's own origin would.
 */
export class ApiCaller {
  private cookie = '';
  private readonly origin: string;
  private readonly provenance: Provenance;
  private readonly address: string | undefined;

  constructor(
    private readonly app: App,
    options: CallerOptions = {},
  ) {
    this.origin = options.origin ?? 'http://localhost:3000';
    this.provenance = options.provenance ?? 'both';
    this.address = options.address;
  }

  /** The same caller and session, sending other origin information from now on. */
  sending(provenance: Provenance): ApiCaller {
    const address = this.address ? { address: this.address } : {};
    const other = new ApiCaller(this.app, { origin: this.origin, provenance, ...address });
    other.cookie = this.cookie;
    return other;
  }

  private originHeaders(method: string): Record<string, string> {
    if (method === 'GET') return {};
    return {
      ...(this.provenance === 'both' || this.provenance === 'origin' ? { origin: this.origin } : {}),
      ...(this.provenance === 'both' || this.provenance === 'sec-fetch-site'
        ? { 'sec-fetch-site': 'same-origin' }
        : {}),
    };
  }

  // What @hono/node-server's getConnInfo reads the client's address from.
  private env() {
    if (!this.address) return undefined;
    return { incoming: { socket: { remoteAddress: this.address, remotePort: 50_000, remoteFamily: 'IPv4' } } };
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.request(
      path,
      {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...this.originHeaders(method),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      this.env(),
    );
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    const text = await res.text();
    // A PDF (a letter's preview, say) is no JSON: its body is read through raw() instead.
    const isJson = res.headers.get('content-type')?.includes('json') ?? false;
    const json = text && isJson ? (JSON.parse(text) as Record<string, any>) : {};
    return { status: res.status, body: json, headers: res.headers };
  }

  /** A multipart upload, as the portal's file input sends it. */
  async upload(path: string, form: FormData) {
    const res = await this.raw(path, { method: 'POST', body: form, headers: this.originHeaders('POST') });
    return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
  }

  /** The response as it is (for downloads), with the session cookie. */
  async raw(path: string, init: RequestInit = {}) {
    const headers = { ...(init.headers as Record<string, string>), ...(this.cookie ? { cookie: this.cookie } : {}) };
    return this.app.request(path, { ...init, headers }, this.env());
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
  delete = (path: string) => this.request('DELETE', path);

  static async signIn(app: App, username: string, password: string, options: CallerOptions = {}) {
    const caller = new ApiCaller(app, options);
    const res = await caller.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return caller;
  }
}
