import { useTranslation } from 'react-i18next';
import { dateTime } from '../format';
import { deadlineText } from './deadline';
import type { InboxTask } from './types';
import { useLocalName } from '../names';

/** The deadline in words, coloured by urgency, with the exact moment (Almaty) on hover. */
export function Deadline({ task }: { task: InboxTask }) {
  const { t } = useTranslation();
  const { text, urgency } = deadlineText(t, task.dueIn);
  return (
    <span className={`deadline deadline-${urgency}`} title={task.dueAt ? dateTime(task.dueAt) : undefined}>
      {text}
    </span>
  );
}

interface Props {
  tasks: InboxTask[];
  username: string;
  openId: string | null;
  sort: 'dueAt' | '-dueAt';
  onSort(): void;
  onOpen(task: InboxTask): void;
  onClaim(task: InboxTask, action: 'claim' | 'unclaim'): void;
  /** Heads pick tasks to reassign; undefined for clerks. */
  selection?: { selected: ReadonlySet<string>; toggle(id: string): void; toggleAll(ids: string[], on: boolean): void };
  busy: boolean;
  /** A head or admin gives back anyone's task, not only their own. */
  mayReassign: boolean;
}

/** The tasks of one page: a table a keyboard walks row by row (open, claim, give back, select). */
export function TaskTable({ tasks, username, openId, sort, onSort, onOpen, onClaim, selection, busy, mayReassign }: Props) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const allSelected = !!selection && tasks.length > 0 && tasks.every((task) => selection.selected.has(task.id));
  return (
    <table className="inbox-table">
      <caption className="visually-hidden">{t('inbox.table')}</caption>
      <thead>
        <tr>
          {selection && (
            <th scope="col">
              <input type="checkbox" aria-label={t('inbox.selectAll')} checked={allSelected} onChange={(e) => selection.toggleAll(tasks.map((x) => x.id), e.target.checked)} />
            </th>
          )}
          <th scope="col">{t('inbox.column.case')}</th>
          <th scope="col">{t('inbox.column.applicant')}</th>
          <th scope="col">{t('inbox.column.step')}</th>
          <th scope="col" className="lane">{t('inbox.column.lane')}</th>
          <th scope="col" aria-sort={sort === 'dueAt' ? 'ascending' : 'descending'}>
            <button type="button" className="link sort" onClick={onSort}>
              {t('inbox.column.due')} <span aria-hidden="true">{sort === 'dueAt' ? '▲' : '▼'}</span>
              <span className="visually-hidden">{t(sort === 'dueAt' ? 'inbox.sort.ascending' : 'inbox.sort.descending')}</span>
            </button>
          </th>
          <th scope="col">{t('inbox.column.assignee')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('inbox.column.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} className={task.id === openId ? 'open' : undefined} aria-current={task.id === openId ? 'true' : undefined}>
            {selection && (
              <td>
                <input type="checkbox" aria-label={t('inbox.select', { key: task.businessKey ?? task.id, step: localName(task, task.elementId) })} checked={selection.selected.has(task.id)} onChange={() => selection.toggle(task.id)} />
              </td>
            )}
            <td className="case">
              <button type="button" className="link" onClick={() => onOpen(task)} aria-label={t('inbox.open', { key: task.businessKey ?? task.id, step: localName(task, task.elementId) })}>
                {task.businessKey ?? '—'}
              </button>
            </td>
            <td className="applicant">
              {task.applicant?.name ?? '—'}
              {task.applicant?.iin && <div className="muted iin">{task.applicant.iin}</div>}
            </td>
            <td>{localName(task, task.elementId)}</td>
            <td className="lane">{localName({ name: task.lane, names: task.laneNames }, '—')}</td>
            <td>
              <Deadline task={task} />
            </td>
            <td>{task.assignee === username ? t('inbox.me') : task.assignee ? task.assigneeName || task.assignee : '—'}</td>
            <td className="actions">
              {!task.assignee && (
                <button type="button" disabled={busy} onClick={() => onClaim(task, 'claim')}>
                  {t('inbox.action.claim')}
                </button>
              )}
              {task.assignee && (task.assignee === username || mayReassign) && (
                <button type="button" disabled={busy} onClick={() => onClaim(task, 'unclaim')}>
                  {t('inbox.action.unclaim')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
