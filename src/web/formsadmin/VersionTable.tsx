import { useTranslation } from 'react-i18next';
import { dateTime } from '../format';
import type { FormVersion } from './types';
import './strings';

/** A form's versions, newest first: when (Almaty), by whom, from where; each may be shown on the page. */
export function VersionTable({ versions, shown, onShow }: { versions: FormVersion[]; shown: number; onShow(version: number): void }) {
  const { t } = useTranslation();
  const newest = Math.max(...versions.map((v) => v.version));
  return (
    <table className="formsadmin-versions">
      <caption>{t('formsadmin.versions.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('formsadmin.versions.version')}</th>
          <th scope="col">{t('formsadmin.versions.deployedAt')}</th>
          <th scope="col">{t('formsadmin.versions.by')}</th>
          <th scope="col">{t('formsadmin.versions.source')}</th>
        </tr>
      </thead>
      <tbody>
        {[...versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <tr key={v.id} aria-current={v.version === shown ? 'true' : undefined} className={v.version === shown ? 'formsadmin-shown' : undefined}>
              <th scope="row">
                {v.version === shown ? (
                  <strong>
                    v{v.version} <span className="formsadmin-muted">({t('formsadmin.versions.shown')})</span>
                  </strong>
                ) : (
                  <button type="button" className="formsadmin-link" aria-label={t('formsadmin.versions.show', { version: v.version })} onClick={() => onShow(v.version)}>
                    v{v.version}
                  </button>
                )}
                {v.version === newest && <span className="formsadmin-badge">{t('formsadmin.versions.newest')}</span>}
              </th>
              <td>{dateTime(v.deployedAt)}</td>
              <td>{v.deployedBy}</td>
              <td>{v.source === 'file' ? t('formsadmin.versions.fromFile', { file: v.sourceFile ?? '—' }) : t('formsadmin.versions.fromApi')}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
