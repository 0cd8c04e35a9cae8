import { useTranslation } from 'react-i18next';
import type { Change } from './diff';
import { useLocalName } from '../names';
import { signs, type LintIssue } from './Editor';

/** The diff against the deployed version, element by element; choosing one selects it on the canvas. */
export function ChangeList({ changes, onSelect }: { changes: Change[]; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <section className="modeler-changes" aria-labelledby="modeler-changes-title">
      <h2 id="modeler-changes-title">{t('modeler.diff.title')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('modeler.diff.none')}</p>
      ) : (
        <ul aria-label={t('modeler.diff.title')}>
          {changes.map((c) => (
            <li key={`${c.kind}-${c.id}`} className={`change change-${c.kind}`}>
              <span className={`diff-badge diff-badge-${c.kind}`} aria-hidden="true">
                {signs[c.kind]}
              </span>
              <span className="change-kind">{t(`modeler.diff.${c.kind}`)}</span>{' '}
              {c.kind === 'removed' ? (
                <strong>{localName(c, c.id)}</strong>
              ) : (
                <button type="button" className="link" onClick={() => onSelect(c.id)}>
                  {localName(c, c.id)}
                </button>
              )}{' '}
              <code>{c.id}</code>
              {c.properties.length > 0 && (
                <ul className="change-properties">
                  {c.properties.map((p) => (
                    <li key={p.name}>
                      <code>{p.name}</code>: <del>{p.before}</del> → <ins>{p.after}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** bpmnlint's findings while editing: errors block the deployment, warnings are shown. */
export function LintList({ issues, names, onSelect }: { issues: LintIssue[]; names: (id: string) => string; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const errors = issues.filter((i) => i.category === 'error');
  const warnings = issues.filter((i) => i.category !== 'error');
  return (
    <section className="modeler-lint" aria-labelledby="modeler-lint-title">
      <h2 id="modeler-lint-title">{t('modeler.lint.title', { errors: errors.length, warnings: warnings.length })}</h2>
      {issues.length === 0 ? (
        <p className="muted">{t('modeler.lint.none')}</p>
      ) : (
        <ul>
          {[...errors, ...warnings].map((i, n) => (
            <li key={n} className={`lint-${i.category}`}>
              <span className="lint-category">{t(i.category === 'error' ? 'modeler.lint.error' : 'modeler.lint.warning')}</span>{' '}
              <button type="button" className="link" onClick={() => onSelect(i.id)}>
                {names(i.id)}
              </button>
              : {t(`modeler.rules.${i.rule}`, { defaultValue: i.message })} <code>{i.rule}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
