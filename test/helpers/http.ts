type App = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/**
 * A signed-in (or anonymous) caller of the in-process app that keeps its
 * session cookie, like a browser on the portal's own origin would.
 */
export class ApiCaller {
  private cookie = '';
  constructor(private readonly app: App, private readonly origin = 'http://localhost:3000') {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' ? { origin: this.origin, 'sec-fetch-site': 'same-origin' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, any>) : {};
    return { status: res.status, body: json, headers: res.headers };
  }

  /** A multipart upload, as the portal's file input sends it. */
  async upload(path: string, form: FormData) {
    const res = await this.raw(path, { method: 'POST', body: form, headers: { origin: this.origin, 'sec-fetch-site': 'same-origin' } });
    return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
  }

  /** The response as it is (for downloads), with the session cookie. */
  async raw(path: string, init: RequestInit = {}) {
    return this.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...(this.cookie ? { cookie: this.cookie } : {}) } });
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});

  static async signIn(app: App, username: string, password: string) {
    const caller = new ApiCaller(app);
    const res = await caller.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return caller;
  }
}
