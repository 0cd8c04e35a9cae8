import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

// The migrations live in the top-level `migrations/` folder; compiled, they sit in `dist/migrations/`.
// Both are two levels up from this module, and use this module's own extension (.ts under tsx, .js built).
const here = fileURLToPath(import.meta.url);
const directory = path.resolve(path.dirname(here), '../../migrations');
const extension = path.extname(here);

interface Migration {
  name: string;
  file: string;
}

export const migrationSource: Knex.MigrationSource<Migration> = {
  async getMigrations() {
    const files = (await fs.readdir(directory)).filter((f) => f.endsWith(extension) && !f.endsWith('.d.ts')).sort();
    return files.map((file) => ({ name: path.basename(file, extension), file: path.join(directory, file) }));
  },
  getMigrationName(migration) {
    return migration.name;
  },
  async getMigration(migration) {
    return (await import(pathToFileURL(migration.file).href)) as Knex.Migration;
  },
};
