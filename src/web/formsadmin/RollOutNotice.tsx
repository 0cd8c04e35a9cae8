import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../i18n';
import type { FormBinding } from './types';
import './strings';
import './formsadmin.css';

/**
 * The modeler's word that forms the diagram uses have newer versions than its newest version
 * binds (`outdated` rows of `GET /api/form-bindings?definition=…`): which form, bound vN, newest
 * vM, each linking to its page; deploying the diagram, unchanged, binds the newest. (Its hint
 * beside Deploy is `formsadmin.rollout.deployHint`, registered with this module.)
 */
export function RollOutNotice({ outdated }: { outdated: FormBinding[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (outdated.length === 0) return null;
  return (
    <section className="formsadmin-rollout" aria-labelledby="formsadmin-rollout-title">
      <h2 id="formsadmin-rollout-title">{t('formsadmin.rollout.title')}</h2>
      <ul>
        {outdated.map((row) => (
          <li key={row.form}>
            <Link to={`/forms/${encodeURIComponent(row.form)}`}>{t('formsadmin.rollout.item', { form: row.formTitle[language], key: row.form, bound: row.bound, newest: row.newest })}</Link>
          </li>
        ))}
      </ul>
      <p>{t('formsadmin.rollout.hint')}</p>
    </section>
  );
}

