/**
 * Preloaded (`--import`) into each `qyzmet serve` node that bench:load starts: once a second it
 * writes the node's `process.memoryUsage()` (bytes: rss, heapTotal, heapUsed, external,
 * arrayBuffers; the heap figures are the main thread's V8 isolate only, the PDF worker's heap counts
 * in rss alone: preloads do not run in worker threads) as one JSON object to the file named by
 * BENCH_MEMORY_FILE, replacing the previous one, for the bench to read beside RSS; with it, the
 * node's steps so far by how they began (`steps`: live, recovered, started; see stepCounts). Bench-only: the
 * server itself exposes nothing of this.
 */
import fs from 'node:fs';
import { stepCounts } from '../../src/engine/runtime/session.js';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  setInterval(() => {
    // Renamed into place, so the bench never reads half a line.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ...process.memoryUsage(), steps: stepCounts }));
    fs.renameSync(`${file}.tmp`, file);
  }, 1000).unref();
}
