import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('qyzmet serve (npm start)', function () {
  this.timeout(180_000);
  let dir: string;
  let child: ChildProcess | undefined;
  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints where the API and its OpenAPI document are, and both answer there', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-serve-'));
    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), 'serve'], {
      cwd: root,
      // A gateway URL, so that serve starts no simulator; nothing here calls it.
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'serve.sqlite')}`, GATEWAY_URL: 'http://127.0.0.1:9', QYZMET_PROCESSES: path.join(dir, 'none') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const line = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = output.split('\n').find((l) => l.startsWith('Qyzmet listening on '));
        if (found) resolve(found);
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    const m = /^Qyzmet listening on (http:\/\/localhost:(\d+)) — API (\S+), OpenAPI (\S+) \(database sqlite:\S+, clock system\)$/.exec(line);
    expect(m, line).to.not.equal(null);
    const [, origin, port, api, document] = m!;
    expect(Number(port)).to.be.greaterThan(0);
    expect(api).to.equal(`${origin}/api`);
    expect(document).to.equal(`${origin}/api/openapi.json`);

    const doc = await fetch(document!);
    expect(doc.status).to.equal(200);
    const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).to.equal('3.1.0');
    expect(body.paths).to.have.property('/api/auth/login');
    // The API is where the line says: its routes answer there (here: who is signed in — nobody).
    const me = await fetch(`${api}/auth/me`);
    expect(me.status).to.equal(401);
    expect(((await me.json()) as { error: string }).error).to.match(/not signed in/);
  });
});
