#!/usr/bin/env node
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from './config/index.js';
import { QyzmetError } from './errors/index.js';
import type { DeployedDefinition } from './engine/index.js';
import { auditCommand, auditUsage } from './cli/audit.js';
import { archiveCommand, archiveUsage } from './cli/archive.js';
import { calendarCommand, calendarUsage } from './cli/calendar.js';
import { gatewaySimCommand, gatewayUsage, spawnSimulator } from './cli/gateway.js';
import { firstLineOfStdin, usersCommand, usersUsage } from './cli/users.js';

const usage = `usage: qyzmet <command>
  serve             serve the API and run jobs (deploys processes/ first)
  migrate           apply database migrations
  deploy FILE...    deploy BPMN and DMN files
${calendarUsage}
${auditUsage}
${archiveUsage}
${usersUsage}
${gatewayUsage}
environment: PORT (3000), DATABASE_URL (sqlite:data/qyzmet.sqlite | postgres://…), QYZMET_CLOCK=manual,
  GATEWAY_URL (unset: serve starts the gateway simulator)`;

// The server, the HTTP app and the store (bpmn-engine, knex, express, the PDF and DMN libraries)
// are loaded by the commands that use them, on first use: `gateway-sim` and `--help` start in a
// third of the time, which counts where a test or a script starts the simulator many times.
const server = () => import('./server.js');
const stores = () => import('./store/index.js');

/**
 * What a version's history names as having deployed it (`deployedBy`): `qyzmet serve` for the
 * processes and forms folders deployed as the server starts (the modeler's Versions list says "at
 * server start"); any other command by its name and the operating-system account that ran it,
 * `qyzmet deploy (aigerim)`, as the API names the account that deployed through it.
 */
function deployer(command: string): string {
  return command === 'serve' ? 'qyzmet serve' : `qyzmet ${command} (${os.userInfo().username})`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  let config = loadConfig(process.env, { nodeId: `${os.hostname()}:${process.pid}` });
  switch (command) {
    case 'serve': {
      const simulator = config.gatewayUrl ? undefined : await spawnSimulator();
      if (simulator) {
        config = { ...config, gatewayUrl: simulator.url };
        console.log(`gateway simulator at ${simulator.url} (set GATEWAY_URL to use a real gateway)`);
      }
      const { createQyzmet, demoPassword, deployFolder, seedDemoAccounts, seedDemoProvider } = await server();
      const { listeningLine } = await import('./http/index.js');
      const qyzmet = await createQyzmet(config, { deployedBy: deployer('serve') });
      const deployed = await deployFolder(qyzmet.engine, config.processesDir, deployer('serve'));
      if (config.demoAccounts) {
        const added = await seedDemoAccounts(qyzmet.accounts, config.defaultProvider);
        if (added.length) console.log(`demo accounts ${added.join(', ')} (password ${demoPassword}; set QYZMET_DEMO_ACCOUNTS=false to make none)`);
        if (await seedDemoProvider(qyzmet.store, qyzmet.clock, config.defaultProvider)) console.log(`demo directory entry for provider ${config.defaultProvider} (the bodies the acts name; edit it at /providers)`);
      }
      for (const d of deployed) console.log(describeDeployed(d));
      const port = await qyzmet.listen(config.port);
      console.log(`${listeningLine(`http://localhost:${port}`)} (database ${withoutPassword(config.databaseUrl)}, clock ${config.clockMode})`);
      const shutdown = async () => {
        await qyzmet.close();
        simulator?.stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
      return -1;
    }
    case 'migrate': {
      const store = await (await stores()).createStore(config.databaseUrl);
      await store.close();
      console.log(`database ${config.databaseUrl} is up to date`);
      return 0;
    }
    case 'deploy': {
      if (args.length === 0) throw new QyzmetError('deploy needs at least one .bpmn or .dmn file');
      const { createQyzmet, deployFiles } = await server();
      const deployedBy = deployer('deploy');
      // The forms folders go first, by the same command: the diagrams bind the form versions current now.
      const qyzmet = await createQyzmet(config, { deployedBy });
      try {
        const requests = await Promise.all(args.map(async (file) => ({ name: path.basename(file), file: path.basename(file), xml: await fs.readFile(file, 'utf8'), deployedBy })));
        for (const d of await deployFiles(qyzmet.engine, requests)) console.log(describeDeployed(d));
      } finally {
        await qyzmet.close();
      }
      return 0;
    }
    case 'gateway-sim':
      await gatewaySimCommand(args);
      return -1;
    case 'calendar': {
      const qyzmet = await (await server()).createQyzmet(config, { deployedBy: deployer(command) });
      try {
        await calendarCommand(qyzmet.engine.calendars, args, `cli:${os.userInfo().username}`, (line) => console.log(line));
      } finally {
        await qyzmet.close();
      }
      return 0;
    }
    case 'audit': {
      const store = await (await stores()).createStore(config.databaseUrl);
      try {
        return await auditCommand(store, args, (line) => console.log(line));
      } finally {
        await store.close();
      }
    }
    case 'archive': {
      // The server's own clock (a manual one resumes where it was moved to) and period.
      const qyzmet = await (await server()).createQyzmet(config, { deployedBy: deployer(command) });
      try {
        return await archiveCommand(qyzmet.archiving, args, (line) => console.log(line));
      } finally {
        await qyzmet.close();
      }
    }
    case 'users': {
      const qyzmet = await (await server()).createQyzmet(config, { deployedBy: deployer(command) });
      try {
        await usersCommand(qyzmet.accounts, args, firstLineOfStdin, (line) => console.log(line));
      } finally {
        await qyzmet.close();
      }
      return 0;
    }
    default:
      console.error(usage);
      return command ? 2 : 0;
  }
}

/** A database URL fit for a log line: a PostgreSQL password is not printed. */
function withoutPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^/]*@/, '$1:***@');
}

/** `deployed KEY vN (FILE)`, `unchanged KEY vN (FILE)`, and the newer version that stays the latest. */
function describeDeployed(d: Pick<DeployedDefinition, 'created' | 'key' | 'version' | 'deploymentName' | 'newer'>): string {
  const line = `${d.created ? 'deployed' : 'unchanged'} ${d.key} v${d.version} (${d.deploymentName})`;
  if (!d.newer) return line;
  const from = d.newer.source === 'api' ? 'through the API' : `from ${d.newer.sourceFile}`;
  return `${line}; v${d.newer.version}, deployed ${from} by ${d.newer.deployedBy}, stays the latest`;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  async (err: unknown) => {
    const fault = err instanceof QyzmetError ? undefined : (await stores()).storageFault(err);
    // The operator sees the cause in words, then the driver's own message (which may name the file).
    if (fault) console.error(`qyzmet: ${fault.message}\n  ${(err as Error).message}`);
    else if (err instanceof QyzmetError) {
      console.error(`qyzmet: ${err.message}`);
      const problems = (err.details as { problems?: { elementId?: string; line?: number; message: string }[] })?.problems;
      for (const p of problems ?? []) console.error(`  ${p.elementId ?? '-'}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`);
    } else console.error(err);
    process.exit(1);
  }
);
