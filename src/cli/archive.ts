import { ValidationError } from '../errors/index.js';
import type { Archiving } from '../retention/index.js';

export const archiveUsage = `  archive run                            move finished cases older than the archive period out of the hot tables now`;

/**
 * `qyzmet archive run`: the pass POST /api/archive/run runs, from the command line (a cron job, or a
 * backlog moved before a node starts). Prints how many cases moved; a refused pass (no period set)
 * is an error like any other.
 */
export async function archiveCommand(archiving: Pick<Archiving, 'run'>, args: string[], out: (line: string) => void): Promise<number> {
  if (args.length !== 1 || args[0] !== 'run') throw new ValidationError(`unknown archive command "${args.join(' ')}"\n${archiveUsage}`, { field: 'command' });
  const pass = await archiving.run();
  out(`archived ${pass.archived} cases that ended before ${pass.endedBefore}, in ${pass.batches} transactions`);
  return 0;
}
