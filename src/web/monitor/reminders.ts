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
