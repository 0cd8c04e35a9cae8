/** Whether something still open is past its due time. */
export function overdue(row: { status: string; dueAt: string | null }, now: Date): boolean {
  return (row.status === 'running' || row.status === 'open') && row.dueAt !== null && Date.parse(row.dueAt) < now.getTime();
}

export const dueFilters = {
  overdue: { type: 'boolean', description: 'true: only what is still open and past its due time' },
  dueBefore: { type: 'string', format: 'date-time', description: 'only what is due before this instant' },
} as const;
