import { performance } from 'node:perf_hooks';
import { DeploymentError, NotFoundError, StepFailedError, ValidationError } from '../../errors/index.js';
import type { Clock } from '../../clock/index.js';
import type { DefinitionRow, Store } from '../../store/index.js';
import { retryOnUniqueViolation } from '../../store/index.js';
import type { FormVersions } from '../forms/index.js';
import { bindForms, bindingOf, boundVersion, sameBindings } from './formKeys.js';
import { compileDefinition, loadCompiled, type CompiledDefinition } from './compile.js';
import { lineOf, parseDiagram, type ModdleElement } from './parse.js';
import { sizeProblem } from './size.js';
import { validateDiagram } from './validate.js';
import { lintDiagram, type LintFinding } from './lint.js';
import { nameWarnings } from './names.js';
import { deployVersions, deployedOf, type DeployedDefinition } from './versions.js';

export type { CompiledDefinition } from './compile.js';
export type { CallSpec, VariableMapping } from './calls.js';
export type { ModdleElement } from './parse.js';
export type { LintFinding } from './lint.js';
export { lintConfig } from './lint.js';
export { namesOf, nameLanguages } from './names.js';
export { deployVersions, deployedOf } from './versions.js';
export type { DeployedDefinition } from './versions.js';
export type { Names, NameLanguage } from './names.js';

export interface DeployRequest {
  name: string;
  xml: string;
  /** ISO date or instant from which new instances use this version. */
  effectiveFrom?: string;
  deployedBy: string;
  /**
   * The name of the BPMN file the XML was read from (`qyzmet serve`, `qyzmet deploy`); absent for
   * the API. A file is compared with the last version deployed from that same file.
   */
  file?: string;
}

export interface Definitions {
  /**
   * Parses, validates and lints without storing: what the modeler calls before it deploys. Lint
   * errors throw (DeploymentError naming each element and rule); lint warnings are returned.
   */
  validate(xml: string): Promise<{ processes: { id: string; name: string | null }[]; warnings: LintFinding[] }>;
  /** Deploys (after the same checks as validate); `warningsOf` receives the lint warnings, if given. */
  deploy(request: DeployRequest, warningsOf?: (warnings: LintFinding[]) => void): Promise<DeployedDefinition[]>;
  /** Deploys several files, each called definition before its callers whatever the order given. */
  deployAll(requests: DeployRequest[]): Promise<DeployedDefinition[]>;
  /** The version new instances of `key` start on now. */
  effective(key: string): Promise<DefinitionRow>;
  /** A definition version by id; versions never change, so they are kept once read. */
  get(id: string): Promise<DefinitionRow>;
  compiled(definition: DefinitionRow): Promise<CompiledDefinition>;
  /**
   * The forms a diagram version uses, each with the version the diagram version binds (`bound`)
   * and the form's newest (`newest`), by form key: where they differ, deploying the diagram
   * again, its XML unchanged, makes a version bound to the newest (the rule deploy applies,
   * sameBindings). Empty when forms are not versioned here.
   */
  formBindings(definition: DefinitionRow): Promise<FormBinding[]>;
}

/** One form a diagram version uses: the version it binds and the form's newest (see Definitions.formBindings). */
export interface FormBinding {
  form: string;
  bound: number;
  newest: number;
}

type Versions = Pick<DefinitionRow, 'id' | 'version' | 'effectiveFrom'>[];
/** How long a key's list of versions is trusted before it is read again. */
const versionListMs = 1000;

/** Kazakhstan's offset; a bare effective date means midnight in Almaty. */
const almatyOffset = '+05:00';

/** An effective date or instant as an ISO instant; a bare date is midnight in Almaty. @throws ValidationError naming effectiveFrom. */
export function effectiveInstant(value: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00${almatyOffset}`) : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new ValidationError(`effectiveFrom "${value}" is not an ISO date`, { field: 'effectiveFrom' });
  return instant.toISOString();
}

export function createDefinitions(deps: { store: Store; clock: Clock; topics: () => ReadonlySet<string>; forms?: FormVersions; behaviours: Record<string, unknown> }): Definitions {
  const { store, clock } = deps;
  const cache = new Map<string, Promise<CompiledDefinition>>();
  const rows = new Map<string, DefinitionRow>();
  const versionLists = new Map<string, { readAt: number; versions: Promise<Versions> }>();

  /**
   * The versions of a key and when each takes effect, read at most once a second per key. Which one
   * is effective is decided on each start against the clock, so an effective date switches at its
   * exact instant. A deployment here is seen at once; one made on another node, or by `qyzmet deploy`
   * beside a running server, within a second.
   */
  function effectivity(key: string): Promise<Versions> {
    const known = versionLists.get(key);
    if (known && performance.now() - known.readAt < versionListMs) return known.versions;
    const versions = store.definitions.effectivity(key);
    versionLists.set(key, { readAt: performance.now(), versions });
    versions.catch(() => versionLists.delete(key));
    return versions;
  }

  async function check(xml: string) {
    // Before parsing: a file too big to run would hold the event loop for seconds in the parser alone.
    const tooBig = sizeProblem(xml);
    if (tooBig) throw new DeploymentError([tooBig]);
    const parsed = await parseDiagram(xml);
    // The forms as they stand now: what the diagram is checked against and, deployed, bound to.
    const forms = deps.forms ? await deps.forms.current() : null;
    const { processes, problems } = validateDiagram(parsed.definitions, xml, {
      topics: deps.topics(),
      definitionKeys: new Set(await store.definitions.keys()),
      decisionKeys: new Set((await store.decisions.list()).map((d) => d.key)),
      formKeys: forms ? new Set(forms.keys()) : null,
      formFields: (key) => {
        const properties = forms?.get(key)?.schema.properties;
        return properties && typeof properties === 'object' ? Object.keys(properties) : undefined;
      },
    });
    if (problems.length) throw new DeploymentError(problems);
    // Before compiling, which leaves only the executable process in the shared tree.
    const bindings = new Map<string, Record<string, number> | null>();
    for (const element of (parsed.definitions.rootElements ?? []) as ModdleElement[]) {
      if (element.$type === 'bpmn:Process' && processes.some((p) => p.id === element.id)) bindings.set(element.id!, bindForms(element, forms));
    }
    const compiled = new Map<string, CompiledDefinition>();
    for (const process of processes) {
      try {
        const one = compileDefinition(parsed, process.id, deps.behaviours);
        await loadCompiled(one);
        compiled.set(process.id, one);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new DeploymentError([{ elementId: process.id, line: lineOf(xml, process.id), message: `the engine cannot load this diagram: ${message}` }]);
      }
    }
    // After compiling: linting fills in the tree's incoming/outgoing, which compile must not see.
    const { errors, warnings } = await lintDiagram(parsed.definitions, xml);
    if (errors.length) throw new DeploymentError(errors);
    return { parsed, processes, compiled, bindings, warnings: [...warnings, ...nameWarnings(parsed.definitions, xml)] };
  }

  return {
    async validate(xml) {
      const { processes, warnings } = await check(xml);
      return { processes, warnings };
    },

    /**
     * Identical content is a no-op. A file counts as unchanged also when it equals the last
     * version deployed from that same file while a newer one came from elsewhere (Camunda's
     * deploy-changed-only rule, by resource name): restarting `serve` never redeploys a file over
     * an analyst's newer version. A file changed since then becomes the newest version.
     */
    async deploy({ name, xml, effectiveFrom, deployedBy, file }, warningsOf) {
      const effective = effectiveFrom ? effectiveInstant(effectiveFrom) : null;
      const { processes, compiled, bindings, warnings } = await check(xml);
      warningsOf?.(warnings);
      // A diagram redeployed after a form it uses changed is a new version bound to the new form
      // (how a form change reaches new cases), though its XML is the same.
      // Two deployments of one key at once: the later becomes the next version (or finds it identical).
      const versions = await retryOnUniqueViolation(() => store.transaction((tx) =>
        deployVersions(
          tx.definitions,
          { name, xml, effectiveFrom: effective, deployedBy, file, now: clock.now().toISOString() },
          processes.map((p) => ({ key: p.id, name: p.name })),
          (row) => ({ ...row, formVersions: bindings.get(row.key) ?? null }),
          (row) => sameBindings(row.formVersions, bindings.get(row.key) ?? null)
        )
      ));
      // With the forms each version is bound to, so the analyst sees which form versions its cases get.
      const deployed = versions.map((outcome) => ({ ...deployedOf(outcome), formVersions: outcome.row.formVersions ?? null }));
      for (const process of processes) versionLists.delete(process.id);
      // The first start of a new version would parse and compile the same XML again: a diagram of
      // 1,000 elements holds the event loop some 50 ms in the parser. Compiling marks the file's one
      // executable process on the shared parse, so only a file of one process is kept as checked.
      if (processes.length === 1) {
        for (const d of deployed) if (d.created && !cache.has(d.id)) cache.set(d.id, Promise.resolve(compiled.get(d.key)!));
      }
      return deployed;
    },

    async deployAll(requests) {
      const out: DeployedDefinition[] = [];
      let pending = requests;
      while (pending.length) {
        const waiting: { request: DeployRequest; error: DeploymentError }[] = [];
        for (const request of pending) {
          try {
            out.push(...(await this.deploy(request)));
          } catch (err) {
            // A file that only lacks a definition it calls may find it deployed by a later file.
            if (err instanceof DeploymentError && err.details.problems.every((p) => p.calls)) waiting.push({ request, error: err });
            else throw err;
          }
        }
        if (waiting.length === pending.length) throw waiting[0]!.error;
        pending = waiting.map((w) => w.request);
      }
      return out;
    },

    async effective(key) {
      const versions = await effectivity(key);
      const now = clock.now().toISOString();
      const current = versions.find((v) => v.effectiveFrom === null || v.effectiveFrom <= now);
      if (current) return this.get(current.id);
      const newest = versions[0];
      throw new NotFoundError(
        newest ? `no version of definition "${key}" is effective yet (version ${newest.version} from ${newest.effectiveFrom})` : `no definition with key "${key}"`,
        { key }
      );
    },

    async get(id) {
      let row = rows.get(id);
      if (!row) {
        row = await store.definitions.get(id);
        if (!row) throw new NotFoundError(`no definition version with id "${id}"`, { id });
        rows.set(id, row);
      }
      return row;
    },

    async formBindings(definition) {
      if (!deps.forms) return [];
      const [current, compiled] = await Promise.all([deps.forms.current(), this.compiled(definition)]);
      return Object.entries(bindingOf(compiled.formKeys, current) ?? {}).map(([form, newest]) => ({ form, bound: boundVersion(definition.formVersions, form), newest }));
    },

    compiled(definition) {
      let compiled = cache.get(definition.id);
      if (!compiled) {
        compiled = parseDiagram(definition.xml)
          .then((parsed) => compileDefinition(parsed, definition.key, deps.behaviours))
          .catch((err: unknown) => {
            // Stored versions passed validation; one failing now means a changed library or a hand-edited row.
            const message = err instanceof Error ? err.message : String(err);
            throw new StepFailedError(`definition ${definition.key} version ${definition.version} cannot be loaded: ${message}`, { elementId: definition.key });
          });
        cache.set(definition.id, compiled);
        compiled.catch(() => cache.delete(definition.id));
      }
      return compiled;
    },
  };
}

