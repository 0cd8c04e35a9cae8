import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { date, dateTime } from '../format';
import type { Names } from '../names';

export interface VersionRow {
  id: string;
  version: number;
  name: string | null;
  /** The process's name in each language (name, name:ru, name:en of the version's diagram). */
  names?: Names | null;
  deploymentName: string;
  deployedAt: string;
  deployedBy: string;
  effectiveFrom: string | null;
  xml: string;
  instances: { running: number; total: number };
}

/**
 * What the CLI records as a version's deployer (src/cli.ts `deployer`): `qyzmet serve` for the
 * processes folder deployed as `npm start` began, `qyzmet deploy (aigerim)` for a command and the
 * system account that ran it. Anything else is the account that deployed through the API.
 */
const serverStart = 'qyzmet serve';
const command = /^(qyzmet [a-z-]+) \((.+)\)$/;

/** Who deployed a version, as the analyst reads it. */
function deployer(deployedBy: string, t: TFunction): string {
  if (deployedBy === serverStart) return t('modeler.versions.atServerStart');
  const run = command.exec(deployedBy);
  return run ? t('modeler.versions.byCommand', { command: run[1]!, user: run[2]! }) : deployedBy;
}

/** The version new cases start on at `now`: the newest whose effective date has come. */
export function effectiveVersion(versions: VersionRow[], now: string): number | undefined {
  return [...versions].sort((a, b) => b.version - a.version).find((v) => v.effectiveFrom === null || v.effectiveFrom <= now)?.version;
}

/** The versions of a key, newest first, with when each takes effect and how many cases run on it. */
export function Versions({ versions, now }: { versions: VersionRow[]; now: string }) {
  const { t } = useTranslation();
  const current = effectiveVersion(versions, now);
  return (
    <table className="modeler-versions">
      <caption>{t('modeler.versions.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('modeler.versions.version')}</th>
          <th scope="col">{t('modeler.versions.effectiveFrom')}</th>
          <th scope="col">{t('modeler.versions.deployed')}</th>
          <th scope="col">{t('modeler.versions.running')}</th>
          <th scope="col">{t('modeler.versions.total')}</th>
        </tr>
      </thead>
      <tbody>
        {[...versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <tr key={v.id} className={v.version === current ? 'current' : undefined}>
              <th scope="row">
                v{v.version}
                {v.version === current && <span className="tag">{t('modeler.versions.current')}</span>}
              </th>
              <td>{v.effectiveFrom ? date(v.effectiveFrom) : t('modeler.versions.onDeploy')}</td>
              <td>
                {dateTime(v.deployedAt)} · {deployer(v.deployedBy, t)}
              </td>
              <td className="number">{v.instances.running}</td>
              <td className="number">{v.instances.total}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
