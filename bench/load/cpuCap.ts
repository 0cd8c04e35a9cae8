import fs from 'node:fs';
import path from 'node:path';

/**
 * Caps a process (all its threads, the PDF worker's included) at `cores` of CPU time through a
 * Linux control group of its own: cgroup v2's `cpu.max` where the unified hierarchy has the cpu
 * controller, else cgroup v1's `cpu.cfs_quota_us`. Used by bench:load's BENCH_NODE_CPU so that
 * three nodes on a 2-core machine each get what one node gets, as each would on a machine of its
 * own: the speedup then says whether the nodes scale, not how they share two cores.
 *
 * Needs write access to /sys/fs/cgroup (root, or a delegated subtree); throws saying so otherwise.
 * Returns a function that removes the group once the process has exited.
 */
export function capCpu(pid: number, cores: number, name: string): () => void {
  if (!(cores > 0)) throw new Error(`BENCH_NODE_CPU: ${cores} is not a positive number of cores`);
  const periodUs = 100_000;
  const quotaUs = Math.round(cores * periodUs);
  const v2 = '/sys/fs/cgroup';
  const v1 = '/sys/fs/cgroup/cpu';
  const unified = fs.existsSync(path.join(v2, 'cgroup.controllers')) && fs.readFileSync(path.join(v2, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu');
  const dir = path.join(unified ? v2 : v1, `qyzmet-bench-${name}-${pid}`);
  try {
    fs.mkdirSync(dir);
    if (unified) fs.writeFileSync(path.join(dir, 'cpu.max'), `${quotaUs} ${periodUs}`);
    else {
      fs.writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(periodUs));
      fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
    }
    fs.writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
  } catch (err) {
    throw new Error(`BENCH_NODE_CPU: could not cap ${name} at ${cores} cores in ${dir} (needs write access to the cpu control group): ${(err as Error).message}`);
  }
  return () => {
    try {
      fs.rmdirSync(dir);
    } catch {
      // A group still holding a process cannot be removed; the machine's next reboot clears it.
    }
  };
}

/** Seconds of CPU the group's processes used (user and system), or NaN when unknown. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), counted from the state field (3) here.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
