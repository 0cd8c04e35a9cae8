import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { currentLanguage, type Language } from '../i18n';
import { elementNamesIn, localName, type Names } from '../names';
import type { Assignment, Filters } from './types';

interface Definition {
  key: string;
  name: string | null;
  names?: Names | null;
}

/** The user tasks a diagram draws (id and name in `language`), read from its XML: the steps a task can be at. */
function stepsOf(xml: string, language: Language): { id: string; name: string }[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const bpmn = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
  const names = elementNamesIn(xml, language);
  const steps = [...doc.getElementsByTagNameNS(bpmn, 'userTask'), ...doc.getElementsByTagNameNS(bpmn, 'manualTask')];
  return steps.map((e) => ({ id: e.getAttribute('id') ?? '', name: names.get(e.getAttribute('id') ?? '') || e.getAttribute('id') || '' })).filter((s) => s.id);
}

/** Narrows the inbox: process, step, overdue only, and whose tasks (anyone's, mine, nobody's). */
export function FilterBar({ filters, onChange }: { filters: Filters; onChange(filters: Filters): void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [definitions, setDefinitions] = useState<Definition[]>([]);
  const [versions, setVersions] = useState<{ version: number; xml: string }[]>([]);

  useEffect(() => {
    api<Definition[]>('GET', '/definitions').then(setDefinitions, () => setDefinitions([]));
  }, []);

  useEffect(() => {
    if (!filters.process) {
      setVersions([]);
      return;
    }
    let current = true;
    api<{ versions: { version: number; xml: string }[] }>('GET', `/definitions/${encodeURIComponent(filters.process)}`).then(
      ({ versions }) => {
        if (current) setVersions(versions);
      },
      () => current && setVersions([])
    );
    return () => {
      current = false;
    };
  }, [filters.process]);

  // Every version's steps, the newest's name first: tasks of cases still on an older version are in the inbox too.
  const steps = useMemo(() => {
    const seen = new Map<string, string>();
    for (const v of [...versions].sort((a, b) => b.version - a.version)) for (const s of stepsOf(v.xml, language)) if (!seen.has(s.id)) seen.set(s.id, s.name);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [versions, language]);

  return (
    <fieldset className="inbox-filters">
      <legend className="visually-hidden">{t('inbox.filters')}</legend>
      <label>
        {t('inbox.filter.process')}
        <select value={filters.process} onChange={(e) => onChange({ ...filters, process: e.target.value, step: '' })}>
          <option value="">{t('inbox.filter.allProcesses')}</option>
          {definitions.map((d) => (
            <option key={d.key} value={d.key}>
              {localName(d, language, d.key)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('inbox.filter.step')}
        <select value={filters.step} disabled={!filters.process} onChange={(e) => onChange({ ...filters, step: e.target.value })}>
          <option value="">{t('inbox.filter.allSteps')}</option>
          {steps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('inbox.filter.assignment')}
        <select value={filters.assignment} onChange={(e) => onChange({ ...filters, assignment: e.target.value as Assignment })}>
          <option value="any">{t('inbox.filter.anyone')}</option>
          <option value="mine">{t('inbox.filter.mine')}</option>
          <option value="unassigned">{t('inbox.filter.unassigned')}</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filters.overdue} onChange={(e) => onChange({ ...filters, overdue: e.target.checked })} />
        {t('inbox.filter.overdue')}
      </label>
    </fieldset>
  );
}
