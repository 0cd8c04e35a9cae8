import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Clock } from '../../clock/index.js';
import { NotFoundError } from '../../errors/index.js';
import { compileFormFiles, formChecksum, type CompiledForm, type FormDefinition, type FormFile } from '../../forms/index.js';
import type { DefinitionRow, DefinitionSource, FormVersionRow, Repositories, Store } from '../../store/index.js';
import { retryOnUniqueViolation } from '../../store/index.js';
import { boundVersion } from '../definitions/formKeys.js';

/** A deployed form version, as deploy answers it (without its schemas). */
export interface DeployedForm {
  id: string;
  key: string;
  version: number;
  checksum: string;
  deployedAt: string;
  deployedBy: string;
  source: DefinitionSource;
  sourceFile: string | null;
  /** False when the form equals the version that stands for it: nothing was stored. */
  created: boolean;
  /** A file unchanged since it was last deployed while a newer version came from elsewhere: that version, which stays the latest. */
  newer?: { version: number; source: DefinitionSource; sourceFile: string | null; deployedBy: string };
}

/** One form to deploy: the definition, who sends it, and the file it was read from (absent for the API). */
export interface FormDeployRequest extends FormDefinition {
  deployedBy: string;
  file?: string;
}

/** A compiled form version, with its version number. */
export type BoundForm = CompiledForm & { version: number };

/**
 * Task forms versioned in the database, as diagrams are. A diagram version binds each form it uses
 * at the version current when it was deployed (definitions/formKeys.ts), and its cases' tasks
 * render and validate with that version, so a changed form reaches only cases of diagram versions
 * deployed after it.
 */
export interface FormVersions {
  /**
   * Deploys one form: unchanged (same checksum as the latest version) stores nothing; a file
   * unchanged since it was last deployed from that file stores nothing either, even when a newer
   * version came through the API since; anything else is the next version.
   * @throws ValidationError naming the field (`schema`, `ui.fields.<name>`, `schema.x-qyzmet-rules`); nothing is stored.
   */
  deploy(request: FormDeployRequest): Promise<DeployedForm>;
  /** Deploys forms read from folders, each as a file. @throws Error naming the file of a broken form. */
  deployFiles(files: readonly FormFile[], deployedBy: string): Promise<DeployedForm[]>;
  /** The newest version of each form, by key. */
  list(): Promise<FormVersionRow[]>;
  /** The newest version of `key`. @throws NotFoundError */
  latest(key: string): Promise<FormVersionRow>;
  /** Every version of `key`, oldest first. @throws NotFoundError when there is none. */
  versions(key: string): Promise<FormVersionRow[]>;
  /** The newest version of every form: what a diagram deployed now binds. */
  current(): Promise<ReadonlyMap<string, FormVersionRow>>;
  /** The version of form `key` a diagram version binds, compiled (kept: versions never change); undefined when there is no such form. */
  bound(definition: Pick<DefinitionRow, 'formVersions'>, key: string): Promise<BoundForm | undefined>;
}

export function createFormVersions(deps: { store: Store; clock: Clock; compile: (definition: FormDefinition) => CompiledForm }): FormVersions {
  const { store, clock, compile } = deps;
  const compiled = new Map<string, Promise<BoundForm>>();

  function compiledOf(row: FormVersionRow): Promise<BoundForm> {
    const id = `${row.key}@${row.version}`;
    let form = compiled.get(id);
    if (!form) {
      form = Promise.resolve().then(() => ({ ...compile({ key: row.key, schema: row.schema, ui: row.ui as FormDefinition['ui'] }), version: row.version }));
      compiled.set(id, form);
      form.catch(() => compiled.delete(id));
    }
    return form;
  }

  const summary = (row: FormVersionRow, created: boolean, newer?: DeployedForm['newer']): DeployedForm => {
    const { id, key, version, checksum, deployedAt, deployedBy, source, sourceFile } = row;
    return { id, key, version, checksum, deployedAt, deployedBy, source, sourceFile, created, ...(newer ? { newer } : {}) };
  };

  /** One form's deployment inside the caller's transaction (see FormVersions.deploy). */
  async function deployIn(tx: Repositories, { key, schema, ui, deployedBy, file }: FormDeployRequest, checksum: string): Promise<{ deployed: DeployedForm; row: FormVersionRow }> {
    const latest = await tx.forms.latest(key);
    if (latest?.checksum === checksum) return { deployed: summary(latest, false), row: latest };
    const fromFile = file === undefined ? undefined : await tx.forms.latestFromFile(key, file);
    if (fromFile?.checksum === checksum) {
      return { deployed: summary(fromFile, false, { version: latest!.version, source: latest!.source, sourceFile: latest!.sourceFile, deployedBy: latest!.deployedBy }), row: fromFile };
    }
    const row: FormVersionRow = {
      id: randomUUID(),
      key,
      version: (latest?.version ?? 0) + 1,
      schema,
      ui: ui as FormVersionRow['ui'],
      checksum,
      deployedAt: clock.now().toISOString(),
      deployedBy,
      source: file === undefined ? 'api' : 'file',
      sourceFile: file ?? null,
    };
    await tx.forms.insert(row);
    return { deployed: summary(row, true), row };
  }

  /** Versions never change: the version a deployment stands for (new, or one with the same checksum) is kept compiled. */
  const keep = (deployed: DeployedForm, checked: CompiledForm) => {
    compiled.set(`${deployed.key}@${deployed.version}`, Promise.resolve({ ...checked, version: deployed.version }));
  };

  const formVersions: FormVersions = {
    async deploy(request) {
      const checked = compile(request);
      // Two analysts deploying the same key at once: the later becomes the next version.
      const { deployed } = await retryOnUniqueViolation(() => store.transaction((tx) => deployIn(tx, request, formChecksum(request))));
      keep(deployed, checked);
      return deployed;
    },

    async deployFiles(files, deployedBy) {
      const checked = compileFormFiles(files, compile);
      // Most starts change nothing: the latest versions are read once, and only a changed file is deployed (in one transaction).
      const current = await formVersions.current();
      const checksums = files.map((file) => formChecksum(file));
      const out = files.map((file, i) => (current.get(file.key)?.checksum === checksums[i] ? summary(current.get(file.key)!, false) : undefined));
      const missing = () => files.flatMap((file, i) => (out[i] ? [] : [{ file, i }]));
      const deployMissing = () =>
        store.transaction(async (tx) => {
          const deployed: [number, DeployedForm][] = [];
          for (const { file, i } of missing()) deployed.push([i, (await deployIn(tx, { key: file.key, schema: file.schema, ui: file.ui, deployedBy, file: path.basename(file.file) }, checksums[i]!)).deployed]);
          return deployed;
        });
      if (missing().length) {
        // Two nodes starting at once on one database: the other stored the same versions first
        // (key and version are unique), and this one finds them unchanged on a second look.
        const deployed = await retryOnUniqueViolation(deployMissing);
        for (const [i, d] of deployed) out[i] = d;
      }
      for (const [i, deployed] of out.entries()) keep(deployed!, checked[i]!);
      return out as DeployedForm[];
    },

    list: () => store.forms.latestOfEach(),

    async latest(key) {
      const row = await store.forms.latest(key);
      if (!row) throw new NotFoundError(`no form "${key}"`, { formKey: key });
      return row;
    },

    async versions(key) {
      const rows = await store.forms.versions(key);
      if (!rows.length) throw new NotFoundError(`no form "${key}"`, { formKey: key });
      return rows;
    },

    async current() {
      return new Map((await store.forms.latestOfEach()).map((row) => [row.key, row]));
    },

    async bound(definition, key) {
      const version = boundVersion(definition.formVersions, key);
      const known = compiled.get(`${key}@${version}`);
      if (known) return known;
      const row = await store.forms.version(key, version);
      return row && compiledOf(row);
    },
  };
  return formVersions;
}
