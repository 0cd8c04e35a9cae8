import { performance } from 'node:perf_hooks';

/** One answer of the API: status, parsed JSON body (or null) and the wall time of the request in ms. */
export interface Answer {
  status: number;
  body: any;
  ms: number;
}

/**
 * A signed-in API user (Bearer token, so no CSRF header) that spreads its requests over the nodes
 * round-robin: every node serves the same database, so any of them answers for any case.
 */
export class ApiUser {
  #next = 0;
  constructor(
    readonly username: string,
    private readonly token: string,
    private readonly nodes: readonly string[],
  ) {}

  /** POST /api/auth/login on the first node; throws naming the user when refused. */
  static async login(nodes: readonly string[], username: string, password: string): Promise<ApiUser> {
    const res = await fetch(`${nodes[0]}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await res.json()) as { token?: string };
    if (res.status !== 200 || !body.token) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(body)}`);
    return new ApiUser(username, body.token, nodes);
  }

  /** The node the next request goes to. */
  node(): string {
    return this.nodes[this.#next++ % this.nodes.length]!;
  }

  async request(method: string, route: string, body?: unknown, node = this.node()): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(node + route, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, ms };
  }

  get = (route: string, node?: string) => this.request('GET', route, undefined, node);
  post = (route: string, body: unknown = {}, node?: string) => this.request('POST', route, body, node);
  put = (route: string, body: unknown, node?: string) => this.request('PUT', route, body, node);
}
