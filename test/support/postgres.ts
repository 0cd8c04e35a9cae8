import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
  /**
   * Stops the server as an operator's restart does (fast shutdown: every client is disconnected
   * with "terminating connection due to administrator command"), keeps it down for `downMs`
   * (connections are refused meanwhile), and starts it again on the same data and port.
   */
  restart(downMs?: number): Promise<void>;
}

// The project has no @types/pg, so `import pg from 'pg'` does not type-check
// under strict; load it through require and describe the little we use.
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}
interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
}
const pg = createRequire(import.meta.url)('pg') as PgModule;

const execFileAsync = promisify(execFile);

const DATABASE = 'qyzmet_test';
const STARTUP_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const STDERR_LIMIT = 64 * 1024;

interface RunAs {
  uid: number;
  gid: number;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // SIGQUIT (immediate shutdown) rather than SIGKILL: the postmaster still
  // reaps its backends and removes its SysV shared memory segment, which a
  // SIGKILL would leak on every forgotten cluster.
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGQUIT');
      } catch {
        // already gone
      }
    }
  });
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  candidates.push('/usr/lib/postgresql/15/bin');
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  for (const dir of candidates) {
    if (isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres'))) {
      return dir;
    }
  }
  throw new Error(
    `PostgreSQL binaries (initdb, postgres) not found; looked in: ${candidates.join(', ')}. ` +
      'Set PG_BIN to the directory that contains them.',
  );
}

// initdb and postgres refuse to run as root. Rather than wrapping them in
// runuser/su (an extra process in between, so our signals would hit the wrapper
// and a SIGKILL on exit would orphan the server), spawn them directly with the
// postgres user's uid/gid; libuv also drops root's supplementary groups.
async function resolveRunAs(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number((await execFileAsync('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await execFileAsync('id', ['-g', 'postgres'])).stdout.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('unparsable id output');
    return { uid, gid };
  } catch (err) {
    throw new Error(
      `Running as root, but cannot run PostgreSQL as the "postgres" system user: ${(err as Error).message}`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function tryQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

async function initCluster(binDir: string, dataDir: string, cwd: string, runAs?: RunAs): Promise<void> {
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'];
  try {
    await execFileAsync(path.join(binDir, 'initdb'), args, { cwd, ...runAs, maxBuffer: 4 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    throw new Error(`initdb failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

interface Server {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<void>;
}

function spawnServer(binDir: string, dataDir: string, socketDir: string, port: number, runAs?: RunAs): Server {
  const args = [
    '-D', dataDir,
    '-p', String(port),
    '-k', socketDir,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
  ];
  const child = spawn(path.join(binDir, 'postgres'), args, {
    cwd: socketDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...runAs,
  });
  let log = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    log = (log + chunk).slice(-STDERR_LIMIT);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.once('error', (err) => {
    log += `\n[spawn error] ${err.message}`;
  });
  running.add(child);
  void exited.then(() => running.delete(child));
  // A test run that forgets stop() should still be able to exit; the exit
  // hook then kills the server.
  child.unref();
  (child.stderr as net.Socket | null)?.unref();
  return { child, stderr: () => log, exited };
}

async function waitUntilReady(server: Server, adminUrl: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastError: unknown;
  let dead = false;
  void server.exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) {
      throw new Error(
        `postgres exited during startup (code ${server.child.exitCode}, signal ${server.child.signalCode}):\n${server.stderr()}`,
      );
    }
    try {
      await tryQuery(adminUrl, 'select 1');
      return;
    } catch (err) {
      lastError = err;
    }
    await sleep(100);
  }
  throw new Error(
    `postgres did not accept connections within ${STARTUP_TIMEOUT_MS / 1000}s ` +
      `(last error: ${(lastError as Error | undefined)?.message}):\n${server.stderr()}`,
  );
}

async function shutdown(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Keep the event loop alive until the server is really gone.
  child.ref();
  // SIGTERM is postgres' "smart" shutdown, which waits for every client to
  // disconnect; a single leaked pool would then always cost the full grace
  // period. SIGINT ("fast") disconnects clients and shuts down cleanly.
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

export async function startPostgres(): Promise<PostgresCluster> {
  const binDir = findBinDir();
  const runAs = await resolveRunAs();
  installExitHook();

  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'qyzmet-pg-'));
  const removeBaseDir = () => rm(baseDir, { recursive: true, force: true });
  const removeBaseDirSync = () => {
    try {
      rmSync(baseDir, { recursive: true, force: true });
    } catch {
      // best effort at process exit
    }
  };
  process.once('exit', removeBaseDirSync);

  let server: Server | undefined;
  try {
    if (runAs) await chown(baseDir, runAs.uid, runAs.gid);
    const dataDir = path.join(baseDir, 'data');
    await initCluster(binDir, dataDir, baseDir, runAs);

    // The port can be taken between probing and binding; retry on that.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      server = spawnServer(binDir, dataDir, baseDir, port, runAs);
      try {
        await waitUntilReady(server, `postgres://postgres@127.0.0.1:${port}/postgres`);
        break;
      } catch (err) {
        const inUse = /could not bind|address already in use/i.test(server.stderr());
        await shutdown(server);
        server = undefined;
        if (!inUse || attempt >= 3) throw err;
      }
    }

    await tryQuery(`postgres://postgres@127.0.0.1:${port}/postgres`, `create database ${DATABASE}`);

    let live = server;
    let stopping: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
      async restart(downMs = 0) {
        await shutdown(live);
        await sleep(downMs);
        live = spawnServer(binDir, dataDir, baseDir, port, runAs);
        await waitUntilReady(live, `postgres://postgres@127.0.0.1:${port}/postgres`);
      },
      stop() {
        stopping ??= (async () => {
          try {
            await shutdown(live);
          } finally {
            await removeBaseDir();
            process.removeListener('exit', removeBaseDirSync);
          }
        })();
        return stopping;
      },
    };
  } catch (err) {
    if (server) await shutdown(server).catch(() => {});
    await removeBaseDir().catch(() => {});
    process.removeListener('exit', removeBaseDirSync);
    throw err;
  }
}
