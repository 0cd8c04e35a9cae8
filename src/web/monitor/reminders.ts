/**
 * The reminders of a diagram: its non-interrupting boundary timers (`cancelActivity="false"` with a
 * timerEventDefinition), by id, each with the id of the activity it is attached to. While that
 * activity waits, such a timer is armed beside it; the case waits on the activity, not on the timer,
 * which only tells someone when it fires (the review's "2 working days passed" tells the head).
 */
export function remindersOf(xml: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const out = new Map<string, string>();
  for (const event of Array.from(doc.getElementsByTagNameNS('*', 'boundaryEvent'))) {
    const id = event.getAttribute('id');
    const host = event.getAttribute('attachedToRef');
    if (!id || !host || event.getAttribute('cancelActivity') !== 'false') continue;
    if (event.getElementsByTagNameNS('*', 'timerEventDefinition').length) out.set(id, host);
  }
  return out;
}

/**
 * Where a case waits — the one rule the case list and the case page both say it by: every active
 * element of the case except a reminder (see remindersOf; `reminders` is that map of the case's
 * diagram version) armed beside the activity it is attached to while that activity waits. Listed by
 * its own name ("2 working days passed") such a timer reads as if the case were late; the activity
 * is the place. Any other timer is a place: an interrupting boundary timer ends the step when it
 * fires, an intermediate one holds its branch.
 */
export function waitsOf<A extends { elementId: string; kind: string }>(activities: readonly A[], reminders: ReadonlyMap<string, string>): A[] {
  const active = new Set(activities.map((a) => a.elementId));
  return activities.filter((a) => !(a.kind === 'timer' && active.has(reminders.get(a.elementId) ?? '')));
}
