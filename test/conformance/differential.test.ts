import { expect } from 'chai';
import type { ServiceHandler } from '../../src/engine/index.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { BareRun, type HistoryRow } from './bare.js';
import { catchNames, corpusDir, corpusTopics, loadCorpus, markExecutable, type CorpusFile } from './corpus.js';

/**
 * Durability, differentially: every instance of the conformance corpus that starts is run twice,
 * side by side, and the two runs must not differ.
 *
 * - **Durable:** through the REST API of a Qyzmet that keeps no engine in memory between steps
 *   (`liveEngines: 0`: every step recovers the instance from the table), and that is restarted —
 *   closed, and a new one opened on the same SQLite file — before the first action after the start
 *   and then before every second round of actions, so every run with an action has a restart
 *   between its start and its end.
 * - **Bare:** one bpmn-engine Engine kept in memory from start to end, never recovered, over the
 *   same compiled definition (Qyzmet's element behaviours, FEEL expressions and input/output
 *   extension; see bare.ts). Features are the same on both sides; only durability differs.
 *
 * The driver acts on the durable run as a user would: it completes every open task (each with a
 * variable of its own, `step<n>`), moves the clock to the next due job, and sends the message or
 * signal an instance waits for. The bare run is driven by the same steps in the same order, read
 * from the durable instance's history: each task completion, timer the job executor fired,
 * service answer, message and signal, and each job that failed. A step the durable run refused
 * (422) is done on the bare run too.
 *
 * What is compared, per instance:
 * - **Visits:** the element ids entered, in order — the durable run's `activity.entered` history
 *   rows (in the order written) against the bare engine's `activity.enter` events. The bare run
 *   takes the same steps in the same order, and bpmn-elements runs a step synchronously, so
 *   parallel branches interleave the same way on both sides: the lists are compared as they are,
 *   order included, with nothing sorted. A step that failed wrote nothing in Qyzmet, so the bare
 *   run's visits are compared up to the action that failed.
 * - **The end:** `completed`; `failed: ` with the error text (a 422, or an incident on a job);
 *   or the waits left when the driver had nothing more to do, as sorted `kind element` pairs.
 * - **Variables** at the end (before the failed action, if one failed), as the API shows them.
 */
const maxRounds = 30;
const DAY = 86_400_000;

/**
 * Differences that are not bugs: each names a deliberate difference from bare bpmn-engine listed
 * in the README ("Where Qyzmet deliberately differs from bpmn-engine"). Both runs here use
 * Qyzmet's behaviours, so the engine fixes listed there (joins, error scopes, timers, variable
 * scopes) cannot show as differences; only what the durable runtime adds around the engine can.
 */
const allowed: { file: RegExp; difference: RegExp; why: string }[] = [];

interface Side {
  visits: string[];
  outcome: string;
  variables: Record<string, unknown>;
}

interface Compared {
  /** File, `(marked executable)` when retried so, and the process key. */
  run: string;
  durable: Side;
  bare: Side;
  /** Why the bare run could not take a step the durable run took. */
  divergence?: string;
  restarts: number;
  /** The steps the bare run replayed, by kind. */
  steps: Record<string, number>;
  /** Qyzmet answered the start with 422: the model fails at once (compared all the same). */
  refusedAtStart: boolean;
}

/** What the bare run is compared by: as it was before the action that failed, if one did (Qyzmet writes nothing of a failed step). */
function bareSide(bare: BareRun, variables: Record<string, unknown>): Side {
  return { visits: bare.visits.slice(0, bare.beforeError?.visits), outcome: bare.outcome(), variables: bare.beforeError?.variables ?? variables };
}

type Verdict = { run: string; verdict: 'agreed' } | { run: string; verdict: 'allowed'; difference: string; why: string } | { run: string; verdict: 'bug'; difference: string };

describe('durable runs against one bare bpmn-engine run, over the conformance corpus', function () {
  this.timeout(300_000);
  const compared: Compared[] = [];
  let deployed = 0;
  let elapsedMs = 0;

  before(async function () {
    const files: CorpusFile[] = loadCorpus(this);
    const began = performance.now();
    const services: Record<string, ServiceHandler> = Object.fromEntries(corpusTopics(files).map((topic) => [topic, async () => ({})]));
    // One database for the whole corpus: a file that deploys calls no other file's process (a call
    // to a key not deployed yet is refused), a later version of a common key ("Process_1") is the
    // one started, and an instance left waiting is canceled before the next one runs.
    const t = await testQyzmet({ services, liveEngines: 0 });
    try {
      for (const { file, xml } of files) {
        const given = await t.api.post('/api/deployments').send({ name: file, xml });
        if (given.status < 300) {
          await runDeployed(t, file, xml, given.body.definitions);
          continue;
        }
        const problems = (given.body?.details?.problems ?? []) as { message: string }[];
        if (!problems.some((p) => p.message.startsWith('no executable process'))) continue;
        const marked = markExecutable(xml);
        const retried = await t.api.post('/api/deployments').send({ name: file, xml: marked });
        if (retried.status < 300) await runDeployed(t, `${file} (marked executable)`, marked, retried.body.definitions);
      }
    } finally {
      await t.close();
    }
    elapsedMs = performance.now() - began;
  });

  async function runDeployed(t: TestQyzmet, file: string, xml: string, definitions: { key: string }[]) {
    deployed++;
    for (const { key } of definitions) {
      compared.push(await runInstance(t, `${file} ${key}`, key, xml));
    }
  }

  /** Runs one instance both ways. One that Qyzmet refused to start (422) must fail the bare run's start the same way. */
  async function runInstance(t: TestQyzmet, run: string, key: string, xml: string): Promise<Compared> {
    const startedAt = t.clock.now();
    const started = await t.api.post(`/api/definitions/${encodeURIComponent(key)}/instances`).send({ variables: {} });
    const bare = await BareRun.start(xml, key, startedAt, {});
    if (started.status !== 201) {
      expect(started.status, `${run}: start: ${JSON.stringify(started.body)}`).to.equal(422);
      return { run, durable: { visits: [], outcome: `failed: ${started.body.error}`, variables: {} }, bare: bareSide(bare, {}), restarts: 0, steps: bare.steps, refusedAtStart: true };
    }
    const id = started.body.id as string;

    let replayed = 0;
    let restarts = 0;
    let refused: string | undefined;
    let completions = 0;
    let names: Map<string, string> | undefined;
    const details = async () => (await t.api.get(`/api/instances/${id}`)).body;
    /** Replays on the bare run what the durable run wrote since the last look. */
    const sync = async () => {
      const body = await details();
      await bare.replay((body.history as HistoryRow[]).slice(replayed));
      replayed = body.history.length;
      return body;
    };
    const moveClock = async (to: Date) => {
      const moved = await t.api.post('/api/clock').send({ now: to.toISOString() });
      expect(moved.status, `${run}: clock`).to.equal(200);
      bare.clock.set(to);
      await sync();
    };
    /** A durable step refused with 422: nothing was written, so the bare run takes it here. */
    const refuse = async (res: { status: number; body: any }, onBare: () => Promise<void>, what: string) => {
      expect(res.status, `${run}: ${what}: ${JSON.stringify(res.body)}`).to.equal(422);
      refused = `failed: ${res.body.error}`;
      await onBare();
    };

    // Jobs due at start (service tasks, zero timers) run when the clock is "moved" to now.
    await moveClock(t.clock.now());
    for (let round = 0; round < maxRounds && !refused && !bare.divergence; round++) {
      if (round % 2 === 0) {
        await t.restart();
        restarts++;
      }
      const now = await sync();
      if (now.status !== 'running' || (now.incidents as { status: string }[]).some((i) => i.status === 'open')) break;

      const tasks = (await t.api.get('/api/tasks').query({ instance: id })).body as { id: string; elementId: string; executionId: string; assignee: string | null }[];
      if (tasks.length) {
        for (const task of tasks) {
          const variables = { [`step${++completions}`]: task.elementId };
          // A task assigned by name is taken over by the admin first, as a cockpit admin does.
          if (task.assignee && task.assignee !== 'admin') await t.api.post(`/api/tasks/${task.id}/claim`).send({ user: 'admin' });
          const done = await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables });
          if (done.status === 409) continue; // closed by an earlier completion of this round
          if (done.status !== 200) {
            await refuse(done, () => bare.completeTask(task.elementId, task.executionId, variables), `complete ${task.elementId}`);
            break;
          }
          await sync();
        }
        continue;
      }

      const due = (now.jobs as { status: string; dueAt: string }[])
        .filter((j) => j.status === 'waiting')
        .map((j) => Date.parse(j.dueAt))
        .sort((a, b) => a - b)[0];
      if (due !== undefined) {
        const at = t.clock.now().getTime();
        // To the next due job, at most 400 days on; a job still waiting when due is locked, so past its lock.
        await moveClock(new Date(due > at ? Math.min(due, at + 400 * DAY) : at + 2 * 60_000));
        continue;
      }

      const caught = (now.activities as { elementId: string; kind: string }[]).find((a) => a.kind === 'message' || a.kind === 'signal');
      if (!caught) break;
      names ??= await catchNames(xml);
      const name = names.get(caught.elementId);
      if (!name) break;
      const variables = { [`step${++completions}`]: name };
      const sent = await t.api.post(`/api/${caught.kind}s`).send({ name, variables });
      const reached = sent.status === 200 && (caught.kind === 'message' || sent.body.instanceIds.includes(id));
      if (reached) await sync();
      else if (caught.kind === 'message') await refuse(sent, () => bare.deliverMessage(name, variables), `message ${name}`);
      else break; // a signal that failed its step is only left out of the broadcast; the durable run did not move
    }

    const end = await details();
    const compared: Compared = {
      run,
      durable: { visits: visitsOf(end.history), outcome: refused ?? outcomeOf(end), variables: end.variables },
      bare: bareSide(bare, await bare.variables()),
      divergence: bare.divergence,
      restarts,
      steps: bare.steps,
      refusedAtStart: false,
    };
    if (end.status === 'running') await t.api.post(`/api/instances/${id}/cancel`);
    return compared;
  }

  const verdicts = (): Verdict[] =>
    compared.map((c) => {
      const difference = differenceOf(c);
      if (!difference) return { run: c.run, verdict: 'agreed' };
      const allowance = allowed.find((a) => a.file.test(c.run) && a.difference.test(difference));
      return allowance ? { run: c.run, verdict: 'allowed', difference, why: allowance.why } : { run: c.run, verdict: 'bug', difference };
    });

  after(function () {
    if (!compared.length) return;
    const all = verdicts();
    const running = compared.filter((c) => !c.refusedAtStart);
    const steps: Record<string, number> = {};
    for (const c of compared) for (const [kind, n] of Object.entries(c.steps)) steps[kind] = (steps[kind] ?? 0) + n;
    const count = (v: Verdict['verdict']) => all.filter((x) => x.verdict === v).length;
    const lines = [
      '',
      `Durable against bare bpmn-engine (${corpusDir()}), ${(elapsedMs / 1000).toFixed(1)} s`,
      `  files deployed                     ${deployed}`,
      `  instances refused at start (422)   ${compared.filter((c) => c.refusedAtStart).length}`,
      `  instances started                  ${running.length} (${running.filter((c) => c.durable.outcome === 'completed').length} ran to the end; ${running.reduce((n, c) => n + c.restarts, 0)} restarts)`,
      `  steps the bare runs replayed       ${Object.entries(steps).map(([k, n]) => `${n} ${k}`).join(', ')}`,
      `  agreed / allowed / bug             ${count('agreed')} / ${count('allowed')} / ${count('bug')}`,
      ...all.filter((v) => v.verdict !== 'agreed').map((v) => `  ${v.verdict}: ${v.run}: ${'difference' in v ? v.difference : ''}${v.verdict === 'allowed' ? ` (${v.why})` : ''}`),
    ];
    console.log(lines.join('\n'));
  });

  it('compares every instance of the corpus, each started one across a restart', () => {
    // Measured: 85 files deployed (as given or marked executable), 101 instances: 82 started (71 ran
    // to the end), 19 refused at start. The floors are just under, so a corpus that stops running fails.
    expect(compared.length).to.be.at.least(100);
    expect(compared.filter((c) => !c.refusedAtStart).length).to.be.at.least(80);
    expect(compared.filter((c) => !c.refusedAtStart && c.restarts === 0).map((c) => c.run)).to.deep.equal([]);
  });

  it('finds each durable run equal to the bare run: same visits in the same order, same end, same variables', () => {
    const bugs = verdicts().filter((v) => v.verdict === 'bug');
    expect(bugs, bugs.map((b) => `${b.run}: ${'difference' in b ? b.difference : ''}`).join('\n')).to.deep.equal([]);
  });
});

/** The element ids an instance's history says it entered, in the order written. */
function visitsOf(history: HistoryRow[]): string[] {
  return history.filter((h) => h.type === 'activity.entered').map((h) => h.elementId!);
}

/** Where a durable instance stands, worded as BareRun#outcome words it. */
function outcomeOf(details: { status: string; incidents: { status: string; kind: string; message: string }[]; activities: { kind: string; elementId: string }[] }): string {
  if (details.status === 'completed') return 'completed';
  if (details.status !== 'running') return `instance ${details.status}`;
  const failed = details.incidents.find((i) => i.status === 'open' && i.kind === 'engine');
  if (failed) return `failed: ${failed.message}`;
  const waits = details.activities.map((a) => `${a.kind} ${a.elementId}`);
  return waits.length ? waits.sort().join(', ') : 'waiting on nothing';
}

/** The first way the two runs differ, in words; undefined if they do not. */
function differenceOf({ durable, bare, divergence }: Compared): string | undefined {
  if (divergence) return `the bare run could not follow: ${divergence}`;
  if (durable.outcome !== bare.outcome) return `ends differently: durable "${durable.outcome}", bare "${bare.outcome}"`;
  const at = firstDifference(durable.visits, bare.visits);
  if (at !== undefined) {
    const around = (list: string[]) => list.slice(Math.max(0, at - 2), at + 3).join(' → ') || '(nothing)';
    return `visits differ at #${at + 1}: durable ${around(durable.visits)} (${durable.visits.length} in all), bare ${around(bare.visits)} (${bare.visits.length})`;
  }
  const names = [...new Set([...Object.keys(durable.variables), ...Object.keys(bare.variables)])].sort();
  const differing = names.filter((n) => JSON.stringify(durable.variables[n]) !== JSON.stringify(bare.variables[n]));
  if (differing.length) return `variables differ: ${differing.map((n) => `${n} durable ${JSON.stringify(durable.variables[n])}, bare ${JSON.stringify(bare.variables[n])}`).join('; ')}`;
  return undefined;
}

function firstDifference(a: string[], b: string[]): number | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return undefined;
}
