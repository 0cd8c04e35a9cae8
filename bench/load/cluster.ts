import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { startPostgres } from '../../test/support/postgres.js';
import { capCpu, cpuSeconds } from './cpuCap.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The database the nodes share: its URL, a connection of the bench's own (to watch jobs and cases) and its size. */
export interface BenchDatabase {
  kind: 'sqlite' | 'pg';
  url: string;
  /** The bench's own connection: reads only, never a write the nodes could race. */
  db: Knex;
  /** Bytes the data takes: SQLite's pages in use (the WAL included, free pages not), or pg_database_size. */
  sizeBytes(): Promise<number>;
  /** The largest tables with their indexes, in bytes (SQLite: when built with dbstat, else empty). */
  tableBytes(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** A throw-away database: a SQLite file in a temporary folder, or a PostgreSQL cluster like the tests' (test/support/postgres.ts). */
export async function startDatabase(kind: 'sqlite' | 'pg'): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qyzmet-load-'));
    const file = path.join(dir, 'load.sqlite');
    let db: Knex | undefined;
    // Opened lazily: the first node creates the file and migrates it.
    const open = () => (db ??= knex({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 1, max: 1 } }));
    return {
      kind,
      url: `sqlite:${file}`,
      get db() {
        return open();
      },
      // The file's size says little: the WAL grows to its checkpoint threshold and deleted rows leave free pages.
      async sizeBytes() {
        const pragma = async (name: string) => Number(Object.values((await open().raw(`pragma ${name}`))[0])[0]);
        return ((await pragma('page_count')) - (await pragma('freelist_count'))) * (await pragma('page_size'));
      },
      async tableBytes() {
        try {
          const rows: { name: string; bytes: number }[] = await open().raw("select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc limit 8");
          return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
        } catch {
          return {};
        }
      },
      async stop() {
        await db?.destroy();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const cluster = await startPostgres();
  const db = knex({ client: 'pg', connection: cluster.url, pool: { min: 1, max: 2 } });
  return {
    kind,
    url: cluster.url,
    db,
    async sizeBytes() {
      const { rows } = await db.raw('select pg_database_size(current_database())::bigint as size');
      return Number(rows[0].size);
    },
    async tableBytes() {
      const { rows } = await db.raw("select relname as name, pg_total_relation_size(relid)::bigint as bytes from pg_statio_user_tables order by 2 desc limit 8");
      return Object.fromEntries(rows.map((r: { name: string; bytes: string }) => [r.name, Number(r.bytes)]));
    },
    async stop() {
      await db.destroy();
      await cluster.stop();
    },
  };
}

/** Where a node's memory is, in MiB: the main thread's V8 heap, memory outside it (Buffers included), and all resident. */
export interface NodeMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** One `qyzmet serve` child process. */
export interface QyzmetNode {
  name: string;
  url: string;
  pid: number;
  /** Resident set size now, in MiB (from /proc; NaN once the process is gone). */
  rssMiB(): number;
  /** The node's last `process.memoryUsage()`, at most a second old, in MiB (undefined before its first). */
  memoryMiB(): NodeMemory | undefined;
  /** The node's steps so far by how they began (stepCounts in src/engine/runtime/session.ts), at most a second old. */
  steps(): { live: number; recovered: number; started: number } | undefined;
  /** Seconds of CPU (user and system, every thread) the process has used so far; NaN once it is gone. */
  cpuSeconds(): number;
  /**
   * With BENCH_HEAP_DIR set: asks the node for a V8 heap snapshot (SIGUSR2), written into that
   * folder as Heap.<date>.<pid>.….heapsnapshot; the node stops while it writes, and this resolves
   * once it answers again (and has closed the keep-alive connections that timed out meanwhile).
   */
  heapSnapshot(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `qyzmet serve` (src/cli.ts through tsx) on a free port with a manual clock, the given
 * database and gateway, and demo accounts. Sessions last 10 years of the manual clock, because the
 * bench moves the clock by weeks: a clerk of a real office signs in every morning instead. Job locks
 * keep their default (a minute of real time): they do not follow the manual clock.
 * Logs at `warn`: a line per request would measure the log, not the server.
 * `cpu`: cores the node may use (capCpu), for nodes that must not share one another's CPU time.
 */
export async function startNode(name: string, databaseUrl: string, gatewayUrl: string, logFile?: string, cpu?: number): Promise<QyzmetNode> {
  const memoryFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'qyzmet-load-memory-')), 'usage.json');
  const heapDir = process.env.BENCH_HEAP_DIR;
  const diagnostics = heapDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapDir}`] : [];
  // BENCH_NODE_ARGS: flags NODE_OPTIONS refuses (--cpu-prof --cpu-prof-dir=…), on the nodes' command line.
  diagnostics.push(...(process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean));
  const probe = path.join(import.meta.dirname, 'memoryProbe.ts');
  const child = spawn(process.execPath, [...diagnostics, '--import', 'tsx', '--import', probe, path.join(root, 'src', 'cli.ts'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_MEMORY_FILE: memoryFile,
      // BENCH_NODE_OPTIONS: V8 or Node flags for the nodes alone (e.g. --max-old-space-size=256), not the bench.
      ...(process.env.BENCH_NODE_OPTIONS && { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS }),
      PORT: '0',
      DATABASE_URL: databaseUrl,
      GATEWAY_URL: gatewayUrl,
      QYZMET_CLOCK: 'manual',
      QYZMET_NODE_ID: name,
      QYZMET_DEMO_ACCOUNTS: 'true',
      QYZMET_LOG_LEVEL: process.env.QYZMET_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let uncap: (() => void) | undefined;
  try {
    if (cpu !== undefined) uncap = capCpu(child.pid!, cpu, name);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  // Keep draining its output (a full pipe would stall the node), into `logFile` when given.
  const log = logFile ? fs.createWriteStream(logFile) : undefined;
  if (log) {
    log.write(output);
    child.stdout!.on('data', (chunk: Buffer) => log.write(chunk));
    child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    url,
    pid: child.pid!,
    rssMiB: () => rssMiB(child),
    cpuSeconds: () => cpuSeconds(child.pid!),
    memoryMiB() {
      try {
        const bytes = JSON.parse(fs.readFileSync(memoryFile, 'utf8')) as NodeMemory;
        const mib = (x: number) => x / 2 ** 20;
        return { rss: mib(bytes.rss), heapTotal: mib(bytes.heapTotal), heapUsed: mib(bytes.heapUsed), external: mib(bytes.external), arrayBuffers: mib(bytes.arrayBuffers) };
      } catch {
        return undefined;
      }
    },
    steps() {
      try {
        return (JSON.parse(fs.readFileSync(memoryFile, 'utf8')) as { steps?: { live: number; recovered: number; started: number } }).steps;
      } catch {
        return undefined;
      }
    },
    async heapSnapshot() {
      if (!heapDir || child.exitCode !== null) return;
      child.kill('SIGUSR2');
      for (let answered = false; !answered; ) {
        answered = await fetch(`${url}/api/clock`, { headers: { connection: 'close' } }).then(() => true, () => false);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      uncap?.();
      log?.end();
      await rm(path.dirname(memoryFile), { recursive: true, force: true });
    },
  };
}

function rssMiB(child: ChildProcess): number {
  try {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}
