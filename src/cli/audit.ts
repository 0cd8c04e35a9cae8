import { NotFoundError, ValidationError } from '../errors/index.js';
import type { AuditReport, Store } from '../store/index.js';

export const auditUsage = `  audit verify [INSTANCE]                check the history hash chain of one instance, or of all (exit 1 if any is broken)`;

/** One report in a line: where the chain breaks and why, or that it is intact. */
export function describeReport(r: AuditReport): string {
  if (r.intact) return `intact  ${r.instanceId}  ${r.rows} history rows`;
  const b = r.brokenAt!;
  const where = b.historyId === null ? `at chain row ${b.seq} (no row left)` : `at history row ${b.historyId} (chain row ${b.seq}, ${b.type}, ${b.at})`;
  return `BROKEN  ${r.instanceId}  ${where}: ${b.reason}; ${b.detail}`;
}

/**
 * `qyzmet audit verify [INSTANCE]`: the same check as GET /api/instances/:id/audit, for one instance
 * or every instance (then only broken chains get a line, and a summary ends the output). Returns
 * the exit code: 1 when any chain is broken.
 */
export async function auditCommand(store: Pick<Store, 'audit'>, args: string[], out: (line: string) => void): Promise<number> {
  const [sub, instanceId, ...extra] = args;
  if (sub !== 'verify' || extra.length) throw new ValidationError(`unknown audit command "${args.join(' ')}"\n${auditUsage}`, { field: 'command' });
  if (instanceId) {
    const report = await store.audit.verify(instanceId);
    if (!report) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
    out(describeReport(report));
    return report.intact ? 0 : 1;
  }
  let broken = 0;
  let rows = 0;
  const reports = await store.audit.verifyAll((r) => {
    rows += r.rows;
    if (!r.intact) {
      broken++;
      out(describeReport(r));
    }
  });
  out(broken ? `${broken} of ${reports.length} instances have a broken history chain` : `all ${reports.length} instances' history chains are intact (${rows} rows)`);
  return broken ? 1 : 0;
}
