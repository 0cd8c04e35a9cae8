/**
 * Whether a case or task that is still open (`running`, `open`) is past its due time. A case whose
 * result (or refusal) already went out on time is not late while it waits on for a complaint.
 */
export function isOverdue(row: { status: string; dueAt: string | null; resultAt?: string | null }, now: Date): boolean {
  return (row.status === 'running' || row.status === 'open') && !row.resultAt && row.dueAt !== null && Date.parse(row.dueAt) < now.getTime();
}

/** Whether a case's result went out after its statutory term ended: it was late, though no longer overdue. */
export function isFinishedLate(row: { dueAt: string | null; resultAt?: string | null }): boolean {
  return !!row.resultAt && row.dueAt !== null && Date.parse(row.resultAt) > Date.parse(row.dueAt);
}
