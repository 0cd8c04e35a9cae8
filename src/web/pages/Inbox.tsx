import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, query } from '../api';
import { addStrings, currentLanguage } from '../i18n';
import { localName } from '../names';
import { useSession } from '../session';
import { FilterBar } from '../inbox/FilterBar';
import { loadFilters, saveFilters } from '../inbox/filters';
import { TaskPanel } from '../inbox/TaskPanel';
import { TaskTable } from '../inbox/TaskTable';
import type { Assignee, Filters, InboxTask } from '../inbox/types';
import en from '../locales/inbox/en.json';
import kk from '../locales/inbox/kk.json';
import ru from '../locales/inbox/ru.json';
import '../inbox/inbox.css';

addStrings({ en, kk, ru });

/** Tasks on one page of the inbox. */
const pageSize = 20;
/** How often the list is read again by itself, so that work handed on by others shows up. */
const refreshMs = 30_000;

/**
 * The clerks' inbox (issue 15): the open tasks of my groups and provider, the one due first on
 * top; filters kept per user; claim, give back, and — for a head — reassign several at once; a
 * task opens beside the list with its form, and completing it brings the next one.
 */
export default function Inbox() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const username = me?.username ?? '';
  const [filters, setFilters] = useState<Filters>(() => loadFilters(username));
  const [offset, setOffset] = useState(0);
  const [tasks, setTasks] = useState<InboxTask[] | null>(null);
  const [hasNext, setHasNext] = useState(false);
  const [open, setOpen] = useState<InboxTask | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [people, setPeople] = useState<Assignee[]>([]);
  const loads = useRef(0);
  const heads = can('tasks.reassign');

  // Whom a head may hand tasks to: the provider's clerks, read once per visit.
  useEffect(() => {
    if (!heads) return;
    api<Assignee[]>('GET', '/tasks/assignees').then(setPeople, (err: Error) => setProblem(t('app.failed', { message: err.message })));
  }, [heads, t]);

  /** Reads the page again; answers the tasks it shows (the next page's first one tells whether there is one). */
  const load = useCallback(async (): Promise<InboxTask[]> => {
    const n = ++loads.current;
    const params = {
      process: filters.process || undefined,
      step: filters.step || undefined,
      overdue: filters.overdue || undefined,
      assignee: filters.assignment === 'mine' ? username : undefined,
      unassigned: filters.assignment === 'unassigned' || undefined,
      sort: filters.sort,
      limit: pageSize + 1,
      offset,
    };
    try {
      const rows = await api<InboxTask[]>('GET', `/tasks${query(params)}`);
      if (n !== loads.current) return [];
      setTasks(rows.slice(0, pageSize));
      // The open task as the list now shows it (claimed, reassigned by a head meanwhile).
      setOpen((o) => (o && rows.find((r) => r.id === o.id)) ?? o);
      setHasNext(rows.length > pageSize);
      setProblem(null);
      return rows.slice(0, pageSize);
    } catch (err) {
      if (n === loads.current) setProblem(t('app.failed', { message: (err as Error).message }));
      return [];
    }
  }, [filters, offset, username, t]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [load]);

  function changeFilters(next: Filters) {
    setFilters(next);
    saveFilters(username, next);
    setOffset(0);
    setSelected(new Set());
  }

  async function claim(task: InboxTask, action: 'claim' | 'unclaim') {
    setBusy(true);
    try {
      const changed = await api<Partial<InboxTask>>('POST', `/tasks/${encodeURIComponent(task.id)}/${action}`, {});
      if (open?.id === task.id) setOpen({ ...open, ...changed });
      await load();
      setStatus(t(action === 'claim' ? 'inbox.status.claimed' : 'inbox.status.unclaimed', { key: task.businessKey ?? task.id }));
    } catch (err) {
      setProblem(t('app.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  async function changed(task: InboxTask, change: { task?: Partial<InboxTask>; completed?: boolean }) {
    if (!change.completed) {
      setOpen({ ...task, ...change.task });
      await load();
      setStatus(t(change.task?.assignee ? 'inbox.status.claimed' : 'inbox.status.unclaimed', { key: task.businessKey ?? task.id }));
      return;
    }
    setOpen(null);
    setStatus(t('inbox.status.completed', { key: task.businessKey ?? task.id }));
    // The case's next step, if it is mine to do, opens at once. The steps between (gateway lookups,
    // documents) run as jobs right after the completion, so the list is read a few times before giving up.
    let next: InboxTask | null = null;
    for (const wait of [0, 500, 1000, 1500, 2000]) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
      next = (await load()).find((x) => x.instanceId === task.instanceId) ?? null;
      if (next) break;
    }
    // Unless the clerk opened another task meanwhile.
    if (next) setOpen((o) => o ?? next);
    setStatus(next ? t('inbox.status.completedNext', { key: task.businessKey ?? task.id, step: localName(next, currentLanguage(), next.elementId) }) : t('inbox.status.completed', { key: task.businessKey ?? task.id }));
  }

  async function reassign(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const moved = await api<InboxTask[]>('POST', '/tasks/reassign', { taskIds: [...selected], assignee: assignee.trim() });
      setSelected(new Set());
      setAssignee('');
      await load();
      const who = people.find((p) => p.username === assignee.trim())?.displayName || assignee.trim();
      setStatus(t('inbox.status.reassigned', { count: moved.length, user: who }));
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 400 && (err.details as { field?: string } | null)?.field === 'assignee' ? t('inbox.reassign.unknown', { user: assignee.trim() }) : t('app.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  const selection = heads
    ? {
        selected,
        toggle: (id: string) =>
          setSelected((s) => {
            const next = new Set(s);
            if (!next.delete(id)) next.add(id);
            return next;
          }),
        toggleAll: (ids: string[], on: boolean) =>
          setSelected((s) => {
            const next = new Set(s);
            for (const id of ids) if (on) next.add(id);
            else next.delete(id);
            return next;
          }),
      }
    : undefined;

  return (
    <div className={open ? 'inbox with-task' : 'inbox'}>
      <section className="inbox-list" aria-labelledby="inbox-title">
        <div className="inbox-title">
          <h1 id="inbox-title">{t('nav.inbox')}</h1>
          <button type="button" onClick={() => void load()}>
            {t('inbox.refresh')}
          </button>
        </div>
        <FilterBar filters={filters} onChange={changeFilters} />
        <p role="status" className="inbox-status">
          {status}
        </p>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        {heads && (
          <form className="inbox-reassign" onSubmit={reassign}>
            <label>
              {t('inbox.reassign.to')}
              <select value={assignee} onChange={(e) => setAssignee(e.target.value)} required>
                <option value="">{t('inbox.reassign.choose')}</option>
                {people.map((person) => (
                  <option key={person.username} value={person.username}>
                    {person.displayName} ({person.username})
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy || selected.size === 0 || !assignee}>
              {t('inbox.reassign.submit', { count: selected.size })}
            </button>
          </form>
        )}
        {tasks === null && <p className="loading">{t('app.loading')}</p>}
        {tasks?.length === 0 && <p className="inbox-empty">{t('inbox.empty')}</p>}
        {!!tasks?.length && (
          <TaskTable
            tasks={tasks}
            username={username}
            openId={open?.id ?? null}
            sort={filters.sort}
            onSort={() => changeFilters({ ...filters, sort: filters.sort === 'dueAt' ? '-dueAt' : 'dueAt' })}
            onOpen={setOpen}
            onClaim={(task, action) => void claim(task, action)}
            selection={selection}
            busy={busy}
            mayReassign={heads}
          />
        )}
        {(offset > 0 || hasNext) && (
          <nav className="inbox-pages" aria-label={t('inbox.pages')}>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
              {t('inbox.previous')}
            </button>
            <span>{t('inbox.range', { from: offset + 1, to: offset + (tasks?.length ?? 0) })}</span>
            <button type="button" disabled={!hasNext} onClick={() => setOffset(offset + pageSize)}>
              {t('inbox.next')}
            </button>
          </nav>
        )}
      </section>
      {open && <TaskPanel task={open} onClose={() => setOpen(null)} onChanged={(change) => void changed(open, change)} />}
    </div>
  );
}
