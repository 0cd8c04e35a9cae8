import type { Clock } from '../../clock/index.js';
import type { Calendars } from '../calendar.js';
import type { CompiledDefinition } from '../definitions/index.js';
import { timerExpiry } from '../behaviours/index.js';
import { feelExpressions } from '../expressions.js';
import { isTerm } from '../terms.js';
import { StepFailedError } from './session.js';
import type { TaskAttributes } from './persist.js';
import type { ActivityApi } from './tracker.js';

/** Reads a waiting user task's Camunda attributes (candidates, assignee, form, due date) for its row. */
export function taskAttributesFor(compiled: CompiledDefinition, deps: { calendars: Calendars; clock: Clock }) {
  return (api: ActivityApi, instance?: { registeredAt: string | null }): TaskAttributes => {
    const b = api.owner.behaviour;
    // An iteration of a multi-instance task sees its item under camunda:elementVariable (see iterationVariables).
    const resolve = (value: unknown) => feelExpressions.resolveExpression(value, { environment: api.environment, content: api.content });
    const list = (value: unknown): string[] => {
      const v = resolve(value);
      if (Array.isArray(v)) return v.map(String);
      return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
    };
    const assignee = resolve(b.assignee);
    return {
      name: compiled.elements.get(api.id)?.name ?? null,
      assignee: assignee ? String(assignee) : null,
      candidateGroups: list(b.candidateGroups),
      candidateUsers: list(b.candidateUsers),
      formKey: b.formKey ? String(resolve(b.formKey)) : null,
      dueAt: dueAt(resolve(b.dueDate), deps, instance?.registeredAt ?? null, api.id),
    };
  };
}

/** A task's due date: a statutory term counted by the calendar, an ISO duration from now, or an instant. */
function dueAt(value: unknown, { calendars, clock }: { calendars: Calendars; clock: Clock }, registeredAt: string | null, elementId: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (isTerm(value)) {
    // sinceRegistration(…): counted from the case's registration moment, already fixed by its rule.
    if (value.from === 'registration') {
      if (!registeredAt) throw new StepFailedError(`${elementId}: camunda:dueDate sinceRegistration(…) needs a case with a statutoryTerm (its registration moment); this process has none`, { elementId });
      return calendars.current().deadline(new Date(registeredAt), value, { registration: 'asFiled' }).dueAt.toISOString();
    }
    return calendars.current().deadline(clock.now(), value).dueAt.toISOString();
  }
  const text = value instanceof Date ? value.toISOString() : String(value);
  const { expireAt } = timerExpiry(text.startsWith('P') ? 'timeDuration' : 'timeDate', text, clock.now());
  return Number.isNaN(expireAt.getTime()) ? null : expireAt.toISOString();
}
