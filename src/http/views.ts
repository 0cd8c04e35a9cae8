export const dueFilters = {
  overdue: { type: 'boolean', description: 'true: only what is still open and past its due time' },
  dueBefore: { type: 'string', format: 'date-time', description: 'only what is due before this instant' },
} as const;
