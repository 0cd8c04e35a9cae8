import { api, query } from '../api';

/** The process whose cases are complaints about other cases (processes/complaint.bpmn). */
export const complaintProcess = 'complaint';

/** The most complaints about one case the proposal reads: the API's largest page. */
const pageLimit = 500;

/**
 * The next free complaint number about a case: `<case number>/<n>`, n one more than the highest
 * sequence any complaint about that case has had — running, finished or archived, so that a number
 * once given is not given again (README *Complaints*: a complaint's business key is the case's
 * number, `/` and its sequence about that case, HA-2026-000001/1, /2, …). Reads the complaints the
 * signed-in clerk may see (GET /api/instances with `businessKeyStartsWith`); keys of another shape
 * are not counted. A number another provider took meanwhile is refused at registration (409,
 * shown at the field).
 */
export async function nextComplaintNumber(caseNumber: string): Promise<string> {
  const prefix = `${caseNumber}/`;
  const pages = await Promise.all(
    [false, true].map((archived) => api<{ businessKey: string | null }[]>('GET', `/instances${query({ definition: complaintProcess, businessKeyStartsWith: prefix, archived: archived || undefined, limit: pageLimit })}`))
  );
  const taken = pages.flat().flatMap((c) => {
    const rest = c.businessKey?.startsWith(prefix) ? c.businessKey.slice(prefix.length) : '';
    return /^[1-9][0-9]{0,8}$/.test(rest) ? [Number(rest)] : [];
  });
  return `${prefix}${Math.max(0, ...taken) + 1}`;
}
