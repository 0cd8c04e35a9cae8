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

/** Who deployed the diagrams of the processes folder as `npm start` began (src/cli.ts). */
const serverStart = 'qyzmet serve';

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
                {dateTime(v.deployedAt)} · {v.deployedBy === serverStart ? t('modeler.versions.atServerStart') : v.deployedBy}
              </td>
              <td className="number">{v.instances.running}</td>
              <td className="number">{v.instances.total}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
