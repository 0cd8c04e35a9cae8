import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
  /** Calls the simulator's admin API. */
  admin(method: string, route: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

/** Starts `qyzmet gateway-sim` as a real child process on a free port. */
export async function startSimulator(): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), 'gateway-sim', '--port', '0', '--exit-with-parent'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    async admin(method, route, body) {
      const res = await fetch(url + route, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return res.status === 204 ? null : res.json();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
