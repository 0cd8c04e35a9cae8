import { performance } from 'node:perf_hooks';
import type { Clock } from '../../clock/index.js';
import { NotFoundError, StepFailedError, ValidationError } from '../../errors/index.js';
import { evaluateDecision, parseDecisions, type DecisionDefinitions, type DecisionEvaluation } from '../../decisions/index.js';
import type { DecisionRow, Store } from '../../store/index.js';
import { deployedOf, deployVersions, effectiveInstant, type DeployedDefinition, type DeployRequest } from '../definitions/index.js';

/** A deployed decision version, as `DeployedDefinition` tells of a diagram's, with the DMN version it was written in. */
export interface DeployedDecision extends DeployedDefinition {
  dmnVersion: string;
}

/**
 * One evaluation of a deployed decision: which version decided, the rules that matched (of the
 * decision itself; those of the decisions it requires are in `requiredDecisions`), the DMN value
 * (`result`) and Camunda's result list (`resultList`, what `camunda:mapDecisionResult` shapes).
 */
export interface DecisionOutcome {
  decisionId: string;
  decisionName: string;
  version: number;
  matchedRules: string[];
  result: unknown;
  resultList: Record<string, unknown>[];
  requiredDecisions: { decisionId: string; matchedRules: string[] }[];
}

export interface Decisions {
  /** Parses a DMN file without storing: its decisions' ids and names. @throws DecisionDefinitionError as deploy does. */
  validate(xml: string): Promise<{ id: string; name: string }[]>;
  /**
   * Deploys every decision of a DMN file (1.1 to 1.5) as a version of the key equal to its id,
   * with the rules diagrams follow: identical content is a no-op, a file unchanged since its last
   * deployment from that file is too, anything else is the next version, effective from
   * `effectiveFrom` (an ISO date, Almaty midnight, or instant) or at once.
   *
   * @throws DecisionDefinitionError (400) naming decision, rule and column of each bad cell; nothing is stored.
   */
  deploy(request: DeployRequest): Promise<DeployedDecision[]>;
  /** The version of `key` in effect at `at` (an ISO instant; now by default). @throws NotFoundError when none is (yet). */
  effective(key: string, at?: string): Promise<DecisionRow>;
  /** Version `version` of `key`. @throws NotFoundError */
  version(key: string, version: number): Promise<DecisionRow>;
  /** The parsed file of a stored version, kept once read (versions never change). */
  parsed(row: DecisionRow): Promise<DecisionDefinitions>;
  /**
   * Evaluates `key` on `variables`: version `version`, else the version in effect at `at` (an ISO
   * instant), else the one in effect now.
   * @throws NotFoundError, HitPolicyViolation (422, naming the rules), DecisionEvaluationError (422).
   */
  evaluate(key: string, variables: Record<string, unknown>, options?: { version?: number; at?: string }): Promise<DecisionOutcome>;
}

type Versions = Pick<DecisionRow, 'id' | 'version' | 'effectiveFrom' | 'deployedAt'>[];
/** How long a key's list of versions is trusted before it is read again (as for diagrams). */
const versionListMs = 1000;

export function createDecisions(deps: { store: Store; clock: Clock }): Decisions {
  const { store, clock } = deps;
  const parsedById = new Map<string, Promise<DecisionDefinitions>>();
  const versionLists = new Map<string, { readAt: number; versions: Promise<Versions> }>();

  function effectivity(key: string): Promise<Versions> {
    const known = versionLists.get(key);
    if (known && performance.now() - known.readAt < versionListMs) return known.versions;
    const versions = store.decisions.effectivity(key);
    versionLists.set(key, { readAt: performance.now(), versions });
    versions.catch(() => versionLists.delete(key));
    return versions;
  }

  return {
    async validate(xml) {
      return [...(await parseDecisions(xml)).decisions.values()].map((d) => ({ id: d.id, name: d.name }));
    },

    async deploy({ name, xml, effectiveFrom, deployedBy, file }) {
      const effective = effectiveFrom ? effectiveInstant(effectiveFrom) : null;
      const parsed = await parseDecisions(xml);
      if (!parsed.decisions.size) throw new ValidationError('the DMN file has no decision to deploy', { field: 'xml' });
      const versions = await store.transaction((tx) =>
        deployVersions(tx.decisions, { name, xml, effectiveFrom: effective, deployedBy, file, now: clock.now().toISOString() }, [...parsed.decisions.values()].map((d) => ({ key: d.id, name: d.name })), (row) => ({
          ...row,
          dmnVersion: parsed.dmnVersion,
        }))
      );
      const deployed: DeployedDecision[] = versions.map((outcome) => ({ ...deployedOf(outcome), dmnVersion: outcome.row.dmnVersion }));
      for (const d of deployed) {
        versionLists.delete(d.key);
        if (d.created) parsedById.set(d.id, Promise.resolve(parsed));
      }
      return deployed;
    },

    async effective(key, at) {
      const versions = await effectivity(key);
      const now = at ?? clock.now().toISOString();
      // A version deployed to take effect at once has been in effect since it was deployed.
      const current = versions.find((v) => (v.effectiveFrom ?? v.deployedAt) <= now);
      const newest = versions[0];
      if (!current) {
        throw new NotFoundError(
          newest ? `no version of decision "${key}" is effective ${at ? `at ${at}` : 'yet'} (version ${newest.version} from ${newest.effectiveFrom})` : `no decision with key "${key}"`,
          { key }
        );
      }
      return (await store.decisions.get(current.id))!;
    },

    async version(key, version) {
      const row = await store.decisions.version(key, version);
      if (!row) throw new NotFoundError(`decision "${key}" has no version ${version}`, { key, version });
      return row;
    },

    parsed(row) {
      let parsed = parsedById.get(row.id);
      if (!parsed) {
        parsed = parseDecisions(row.xml).catch((err: unknown) => {
          // Stored versions were parsed on deploy; one failing now means a changed library or a hand-edited row.
          throw new StepFailedError(`decision ${row.key} version ${row.version} cannot be read: ${(err as Error).message}`, { elementId: row.key });
        });
        parsedById.set(row.id, parsed);
        parsed.catch(() => parsedById.delete(row.id));
      }
      return parsed;
    },

    async evaluate(key, variables, options = {}) {
      const row = options.version === undefined ? await this.effective(key, options.at) : await this.version(key, options.version);
      const evaluation = evaluateDecision(await this.parsed(row), key, variables);
      return outcomeOf(evaluation, row.version);
    },
  };
}

// helpers

function outcomeOf(e: DecisionEvaluation, version: number): DecisionOutcome {
  return {
    decisionId: e.decisionId,
    decisionName: e.decisionName,
    version,
    matchedRules: e.matchedRules,
    result: e.value,
    resultList: e.resultList,
    requiredDecisions: e.requiredDecisions.map((r) => ({ decisionId: r.decisionId, matchedRules: r.matchedRules })),
  };
}

