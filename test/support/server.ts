import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown hooks run, as in a power cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  call(method: string, route: string, body?: unknown): Promise<{ status: number; body: any; headers: Record<string, string> }>;
  /** The admin's session token once call() signed in: passed to the next server on the same database, it needs no new sign-in (a write). */
  token(): string | undefined;
}

/**
 * Starts `qyzmet serve` as a real child process on a free port and waits until it listens. With
 * `built`, it runs the compiled `dist/src/cli.js` that `npm start` runs (see test/web/app.ts, which
 * builds it first); otherwise the sources through tsx.
 */
export async function startServer(env: Record<string, string>, { built = false, token: session, startMs = 60_000 }: { built?: boolean; token?: string; startMs?: number } = {}): Promise<ServerProcess> {
  const entry = built ? [path.join(root, 'dist', 'src', 'cli.js')] : ['--import', 'tsx', path.join(root, 'src', 'cli.ts')];
  const child = spawn(process.execPath, [...entry, 'serve'], {
    cwd: root,
    // Monitoring entries only where a test asks (as testQyzmet): their jobs would change the jobs table under a test that
    // compares it before and after a refused write, and add requests a test counts at the gateway.
    env: { ...process.env, PORT: '0', QYZMET_JOB_POLL_MS: '50', QYZMET_DEMO_ACCOUNTS: 'true', QYZMET_MONITORING: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${startMs} ms:\n${output}`)), startMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // QYZMET_SERVER_LOG=FILE keeps what the servers print, for looking into a failing test.
  const keep = process.env.QYZMET_SERVER_LOG;
  if (keep) for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => fs.appendFileSync(keep, chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = async (method: string, route: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: res.status === 204 ? null : await res.json(), headers: Object.fromEntries(res.headers) };
  };
  let token = session;
  let signingIn: Promise<string> | undefined;
  return {
    url,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    /**
     * Calls the API as the demo admin, signing in on the first call. Calls made at once share one
     * sign-in: the sign-in throttle counts attempts still in flight (it forgets a successful one
     * only when it has answered), so six at once for one username would be refused as a sixth failure.
     */
    async call(method, route, body) {
      signingIn ??= (async () => {
        if (token) return token;
        const login = await send('POST', '/api/auth/login', { username: 'admin', password: 'qyzmet-demo' });
        if (login.status !== 200) throw new Error(`cannot sign in as the demo admin: ${login.status} ${JSON.stringify(login.body)}`);
        return (token = login.body.token as string);
      })();
      // A failed sign-in is not kept: the next call tries again.
      const signedIn = await signingIn.catch((err: unknown) => {
        signingIn = undefined;
        throw err;
      });
      return send(method, route, body, signedIn);
    },
    token: () => token,
  };
}

/** Runs the `qyzmet` CLI to its end and reports what a user would see. */
/** Runs `qyzmet ARGS…` with `input` on its standard input (closed at once when there is none). */
export function runCli(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), ...args], { cwd: root, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}
