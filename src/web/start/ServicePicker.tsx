import { useTranslation } from 'react-i18next';
import { useLocalName, type Names } from '../names';

/** A definition as GET /api/definitions lists it (the fields this page reads). */
export interface Service {
  key: string;
  name: string | null;
  names?: Names | null;
  version: number;
  applicationForm: string | null;
  /** false: only a call activity starts it (camunda:isStartableInTasklist). */
  startableInTasklist: boolean;
  /** The kinds of document its cases may issue (its diagram's `documents.<kind>` tasks): a receipt is promised only if one is among them. */
  documents?: string[];
  act: { title?: string; titles?: Names; number?: string; date?: string; abolishedBy?: string; abolishedByTitles?: Names; abolished: boolean } | null;
}

/** The service's name in the chosen language, as its diagram gives it (name, name:ru, name:en). */
export function useServiceName() {
  const localName = useLocalName();
  return (s: Service) => localName(s, s.key);
}

/**
 * Chooses the service whose application is filed; shows the act it carries out. A service whose act
 * has been abolished says so in the list, and beside it once chosen names the act that abolished it,
 * in the chosen language, as the acts' texts name it; it stays startable (for training).
 */
export function ServicePicker({ services, value, onChange }: { services: Service[]; value: string; onChange(key: string): void }) {
  const { t } = useTranslation();
  const nameOf = useServiceName();
  const localName = useLocalName();
  const chosen = services.find((s) => s.key === value);
  const act = chosen?.act;
  const title = act && localName({ name: act.title, names: act.titles });
  return (
    <div className="start-service">
      <label>
        <span>{t('start.service')}</span>
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('start.chooseService')}</option>
          {services.map((s) => (
            <option key={s.key} value={s.key}>
              {s.act?.abolished ? `${nameOf(s)} — ${t('start.abolishedOption')}` : nameOf(s)}
            </option>
          ))}
        </select>
      </label>
      {title && act.number && <p className="start-act">{act.date ? t('start.act', { title, number: act.number, date: citedDate(act.date) }) : t('start.actNoDate', { title, number: act.number })}</p>}
      {act?.abolished && (
        <p className="start-warning" role="note">
          {act.abolishedBy || act.abolishedByTitles ? t('start.abolishedBy', { by: localName({ name: act.abolishedBy, names: act.abolishedByTitles }) }) : t('start.abolished')}
        </p>
      )}
      {chosen && !chosen.applicationForm && <p className="start-warning">{t('start.noForm')}</p>}
    </div>
  );
}

/** An act's date as acts are cited in all three languages (16.10.2020); as given when it is not YYYY-MM-DD. */
function citedDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
