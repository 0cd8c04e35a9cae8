import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../gateway/simulator/server.js';
import { ValidationError } from '../errors/index.js';

export const gatewayUsage = `  gateway-sim [--port N]                 serve the e-government gateway simulator (default port 3100)`;

/** `qyzmet gateway-sim`: serves the simulator until stopped. */
export async function gatewaySimCommand(args: string[]): Promise<void> {
  const portArg = args.indexOf('--port');
  const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.GATEWAY_SIM_PORT ?? 3100));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError(`--port "${args[portArg + 1]}" is not a port`, { field: 'port' });
  const simulator = await startSimulator(port);
  console.log(`gateway simulator listening on ${simulator.url}`);
  const stop = async () => {
    await simulator.close();
    process.exit(0);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  // Started by `serve`: end with the parent, even if it is killed outright.
  if (args.includes('--exit-with-parent')) process.stdin.on('end', stop).resume();
}

/** Starts the simulator as a child process on a free port, as `serve` does when GATEWAY_URL is not set. */
export async function spawnSimulator(): Promise<{ url: string; stop(): void }> {
  const cli = fileURLToPath(new URL('../cli.js', import.meta.url)).replace(/\.js$/, import.meta.url.endsWith('.ts') ? '.ts' : '.js');
  const child = spawn(process.execPath, [...process.execArgv, cli, 'gateway-sim', '--port', '0', '--exit-with-parent'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the gateway simulator exited with ${code}: ${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}
