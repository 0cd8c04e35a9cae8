import { createHash, randomUUID } from 'node:crypto';
import type { DefinitionRow, DefinitionSource } from '../../store/index.js';

/** A deployed version of a diagram's process (a decision's adds its DMN version), as deploy answers it. */
export interface DeployedDefinition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  /** The file or name it was deployed under. */
  deploymentName: string;
  effectiveFrom: string | null;
  source: DefinitionSource;
  sourceFile: string | null;
  deployedBy: string;
  /** False when identical content was already deployed: that version is returned, nothing is stored. */
  created: boolean;
  /**
   * A file left unchanged since its last deployment while someone deployed a newer version of the
   * key since (through the API, or from another file): that version, which stays the latest.
   */
  newer?: { version: number; source: DefinitionSource; sourceFile: string | null; deployedBy: string };
  /** A diagram version's form bindings (`{ "ha-review": 2 }`; see DefinitionRow.formVersions); decisions have none. */
  formVersions?: Record<string, number> | null;
}

/** Where versions of one kind of deployed resource (diagrams, decisions) are kept. */
export interface VersionRepository<Row extends DefinitionRow> {
  latest(key: string): Promise<Row | undefined>;
  latestFromFile(key: string, file: string): Promise<Row | undefined>;
  insert(row: Row): Promise<void>;
}

/** One deployment of one file: what it is, who sends it, when it takes effect. */
export interface VersionRequest {
  name: string;
  xml: string;
  /** An instant, or null for at once. */
  effectiveFrom: string | null;
  deployedBy: string;
  /** The file it was read from; absent for the API. */
  file?: string;
  /** The deployment's moment (ISO instant). */
  now: string;
}

/** What became of one key: the version that now stands for the file, and whether it is new. */
export interface VersionOutcome<Row extends DefinitionRow> {
  row: Row;
  created: boolean;
  /** When the file equals an older version: the newer one, from elsewhere, that stays the latest. */
  newer?: Pick<DefinitionRow, 'version' | 'source' | 'sourceFile' | 'deployedBy'>;
}

/**
 * Camunda's deploy-changed-only rule, for each key a file holds (a process, a decision), inside
 * the caller's transaction: content and effective date identical to the latest version store
 * nothing; equal to the last version deployed from the same file, while a newer one came from
 * elsewhere (an analyst's, through the API), store nothing either, so that restarting `serve`
 * never rolls an analyst back; anything else is the next version. `extra` adds a kind's own
 * columns to a new row; `alike` (default: always) says whether the latest version also matches in
 * what the content hash does not cover (a diagram's form bindings). The version last deployed from
 * the file is compared by content alone, so that a restart never rolls an analyst back.
 */
export async function deployVersions<Row extends DefinitionRow>(
  repository: VersionRepository<Row>,
  request: VersionRequest,
  keys: readonly { key: string; name: string | null }[],
  extra: (base: DefinitionRow) => Row,
  alike: (latest: Row) => boolean = () => true
): Promise<VersionOutcome<Row>[]> {
  const { name, xml, effectiveFrom, deployedBy, file, now } = request;
  const contentHash = createHash('sha256').update(xml).digest('hex');
  const same = (row: Row | undefined) => row !== undefined && row.contentHash === contentHash && row.effectiveFrom === effectiveFrom;
  const out: VersionOutcome<Row>[] = [];
  for (const { key, name: title } of keys) {
    const latest = await repository.latest(key);
    if (same(latest) && alike(latest!)) {
      out.push({ row: latest!, created: false });
      continue;
    }
    const fromFile = file === undefined ? undefined : await repository.latestFromFile(key, file);
    if (same(fromFile) && fromFile!.id !== latest!.id) {
      const { version, source, sourceFile, deployedBy: by } = latest!;
      out.push({ row: fromFile!, created: false, newer: { version, source, sourceFile, deployedBy: by } });
      continue;
    }
    const row = extra({
      id: randomUUID(),
      key,
      version: (latest?.version ?? 0) + 1,
      name: title,
      deploymentName: name,
      xml,
      contentHash,
      deployedAt: now,
      deployedBy,
      effectiveFrom,
      source: file === undefined ? 'api' : 'file',
      sourceFile: file ?? null,
    });
    await repository.insert(row);
    out.push({ row, created: true });
  }
  return out;
}

/** What deploy answers of one outcome of {@link deployVersions}: the version without its XML and hash. */
export function deployedOf({ row, created, newer }: VersionOutcome<DefinitionRow>): DeployedDefinition {
  const { id, key, version, name, deploymentName, effectiveFrom, source, sourceFile, deployedBy } = row;
  return { id, key, version, name, deploymentName, effectiveFrom, source, sourceFile, deployedBy, created, ...(newer ? { newer } : {}) };
}
