import { useTranslation } from 'react-i18next';

// Scaffolding: the page is built in its own change (issue 15).
export default function Dashboard() {
  const { t } = useTranslation();
  return <h1>{t('nav.dashboard')}</h1>;
}
