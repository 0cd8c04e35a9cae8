import { Router } from 'express';
import { isQueueList, queueLists } from '../../engine/index.js';
import { ValidationError } from '../../errors/index.js';
import type { QueueCursor, QueueEntryRow, Store } from '../../store/index.js';
import { seesEveryProvider, signedIn } from '../access.js';
import { requirePermission } from '../auth.js';
import { validQuery } from '../validate.js';

export const queueQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    locality: { type: 'string', minLength: 1, maxLength: 255, description: 'only this locality\'s list (numbers run per list and locality); without it every locality, one after another in alphabetical order' },
    limit: { type: 'integer', minimum: 1, maximum: 500, description: 'at most this many entries (default 100)' },
    cursor: { type: 'string', maxLength: 1000, description: 'the nextCursor of the previous page' },
  },
} as const;

/**
 * GET /api/queues/:list — a housing waiting list (seed 001) in queue order: locality, then serial
 * number. The applicant is shown as the inbox shows one (last name and initials; the IIN's last four
 * digits), to everyone who may read the list: the whole name and family are in the case, for those
 * who may read it. Those who do not see every provider see the families their provider's cases
 * registered.
 */
export function queuesRouter(store: Store): Router {
  return Router().get('/queues/:list', requirePermission('queues.read'), validQuery(queueQuerySchema), async (req, res) => {
    const principal = signedIn(req.principal);
    const list = String(req.params.list);
    if (!isQueueList(list)) throw new ValidationError(`no waiting list "${list}": the lists are ${queueLists.join(', ')}`, { fields: [{ field: 'list', message: `must be one of ${queueLists.join(', ')}` }] });
    const q = req.query as { locality?: string; limit?: number; cursor?: string };
    const limit = q.limit ?? 100;
    const after = q.cursor === undefined ? undefined : cursorFrom(q.cursor);
    const rows = await store.queues.list(list, { locality: q.locality, after, limit: limit + 1, provider: seesEveryProvider(principal) ? undefined : principal.provider });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    res.json({ list, locality: q.locality ?? null, entries: page.map(entryView), nextCursor: rows.length > limit && last ? cursorOf(last) : null });
  });
}

/** An entry as the list shows it. */
function entryView(row: QueueEntryRow) {
  return { number: row.number, locality: row.locality, registeredAt: row.registeredAt, applicant: { name: maskedName(row.applicant), iin: `********${row.iin.slice(8)}` }, caseId: row.instanceId, updatedAt: row.updatedAt };
}

/** "Есенова Мадина Бауыржановна" → "Есенова М. Б." (the last name first, as the application names the citizen). */
function maskedName(name: string): string {
  const [last, ...rest] = name.trim().split(/\s+/);
  return [last, ...rest.map((part) => `${[...part][0]}.`)].join(' ');
}

function cursorOf(row: QueueEntryRow): string {
  return Buffer.from(JSON.stringify([row.locality, row.number])).toString('base64url');
}

function cursorFrom(text: string): QueueCursor {
  try {
    const [locality, number] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof locality === 'string' && Number.isInteger(number)) return { locality, number: number as number };
  } catch {
    // answered below
  }
  throw new ValidationError('invalid query: cursor is not a nextCursor this list answered', { fields: [{ field: 'cursor', message: 'not a nextCursor of this list' }] });
}
