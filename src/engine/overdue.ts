/** Whether a case or task that is still open (`running`, `open`) is past its due time. */
export function isOverdue(row: { status: string; dueAt: string | null }, now: Date): boolean {
  return (row.status === 'running' || row.status === 'open') && row.dueAt !== null && Date.parse(row.dueAt) < now.getTime();
}
