import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocalName } from '../names';
import type { FormBinding } from './types';
import './strings';

/**
 * The diagrams whose newest version uses a form, and the form version each binds: one bound to an
 * older version than the newest is out of date, with a link to it in the modeler, where deploying
 * it again binds the newest (the Forms section is the analysts', who deploy there).
 */
export function Bindings({ rows }: { rows: FormBinding[] }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <section className="formsadmin-bindings" aria-labelledby="formsadmin-bindings-title">
      <h2 id="formsadmin-bindings-title">{t('formsadmin.bindings.title')}</h2>
      {rows.length === 0 ? (
        <p className="formsadmin-muted">{t('formsadmin.bindings.none')}</p>
      ) : (
        <table aria-labelledby="formsadmin-bindings-title">
          <thead>
            <tr>
              <th scope="col">{t('formsadmin.bindings.diagram')}</th>
              <th scope="col">{t('formsadmin.bindings.diagramVersion')}</th>
              <th scope="col">{t('formsadmin.bindings.bound')}</th>
              <th scope="col">{t('formsadmin.bindings.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const diagram = localName(row, row.definition);
              return (
                <tr key={row.definition}>
                  <th scope="row">
                    {diagram} <code className="formsadmin-muted">{row.definition}</code>
                  </th>
                  <td className="formsadmin-number">v{row.definitionVersion}</td>
                  <td className="formsadmin-number">v{row.bound}</td>
                  <td>
                    {row.outdated ? (
                      <>
                        <span className="formsadmin-outdated">{t('formsadmin.bindings.outdated', { bound: row.bound, newest: row.newest })}</span>
                        {' '}
                        <Link to={`/modeler/${encodeURIComponent(row.definition)}`}>{t('formsadmin.bindings.rollOut', { diagram })}</Link>
                      </>
                    ) : (
                      <span className="formsadmin-current">{t('formsadmin.bindings.upToDate')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
