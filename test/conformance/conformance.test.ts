import path from 'node:path';
import { expect } from 'chai';
import type { ServiceHandler } from '../../src/engine/index.js';
import { testQyzmet, type TestQyzmet } from '../support/app.js';
import { catchNames, category, corpusDir, corpusTopics, loadCorpus, markExecutable, type CorpusFile } from './corpus.js';

/**
 * Every public BPMN file of the conformance corpus (shared/conformance beside the repository; see
 * its README) goes through the REST API: deploy, start, and drive to an end state by completing
 * user tasks and moving the clock. The counts are printed; the floors below are just under what
 * was measured, so a regression fails. Without the corpus the suite is skipped, except in CI.
 */
const corpus = corpusDir();
const maxRounds = 30;
const DAY = 86_400_000;

interface Call {
  file: string;
  what: string;
  status: number;
  error?: string;
}

type Response = { status: number; body: any };
type Check = <R extends Response>(what: string, res: R) => R;

interface InstanceOutcome {
  key: string;
  outcome: 'completed' | 'waiting' | 'failed';
  /** What it still waits on, or why it failed. */
  reason?: string;
}

interface Attempt {
  deployed: boolean;
  rejection?: { error: string; problems: { elementId?: string; line?: number; message: string }[] };
  starts: { key: string; status: number; error?: string; elementId?: string }[];
  instances: InstanceOutcome[];
}

interface FileOutcome {
  file: string;
  given: Attempt;
  /** Descriptive models (no executable process) tried again with every process marked executable. */
  marked?: Attempt;
}

const tally = <T extends string>(items: T[]) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

describe('BPMN conformance corpus through the REST API', function () {
  // About 200 files, each deployed, started and driven to its end through the signed-in REST API: minutes on 2 vCPUs.
  this.timeout(360_000);
  const outcomes: FileOutcome[] = [];
  const serverErrors: Call[] = [];

  before(async function () {
    const files: CorpusFile[] = loadCorpus(this);
    // A topic nobody registered is covered by the API tests.
    const services: Record<string, ServiceHandler> = Object.fromEntries(corpusTopics(files).map((topic) => [topic, async () => ({})]));
    for (const { file, xml } of files) {
      const t = await testQyzmet({ services });
      try {
        outcomes.push(await runFile(t, file, xml));
      } finally {
        await t.close();
      }
    }
  });

  after(() => {
    if (outcomes.length) printReport(outcomes, serverErrors);
  });

  async function runFile(t: TestQyzmet, file: string, xml: string): Promise<FileOutcome> {
    const check: Check = (what, res) => {
      if (res.status >= 500) serverErrors.push({ file, what, status: res.status, error: res.body?.error });
      return res;
    };
    const given = await attempt(t, file, xml, check);
    if (!given.rejection?.problems.some((p) => p.message.startsWith('no executable process'))) return { file, given };
    return { file, given, marked: await attempt(t, file, markExecutable(xml), check) };
  }

  async function attempt(t: TestQyzmet, file: string, xml: string, check: Check): Promise<Attempt> {
    const result: Attempt = { deployed: false, starts: [], instances: [] };
    const deploy = check('deploy', await t.api.post('/api/deployments').send({ name: path.basename(file), xml }));
    if (deploy.status !== 201 && deploy.status !== 200) {
      result.rejection = { error: deploy.body?.error ?? '', problems: deploy.body?.details?.problems ?? [] };
      if (deploy.status !== 400) result.rejection.error = `${deploy.status}: ${result.rejection.error}`;
      return result;
    }
    result.deployed = true;

    for (const { key } of deploy.body.definitions as { key: string }[]) {
      const start = check(`start ${key}`, await t.api.post(`/api/definitions/${encodeURIComponent(key)}/instances`).send({}));
      result.starts.push({ key, status: start.status, error: start.body?.error, elementId: start.body?.details?.elementId });
      if (start.status !== 201) continue;
      result.instances.push(await drive(t, key, start.body.id as string, xml, check));
      // A case left waiting must not fire its timers while the next one is driven.
      const left = check('details', await t.api.get(`/api/instances/${start.body.id}`));
      if (left.body.status === 'running') check('cancel', await t.api.post(`/api/instances/${start.body.id}/cancel`));
    }
    return result;
  }

  async function drive(t: TestQyzmet, key: string, instanceId: string, xml: string, check: Check): Promise<InstanceOutcome> {
    let names: Map<string, string> | undefined;
    // Jobs due at start (service tasks, zero timers) run when the clock is "moved" to now.
    check('clock', await t.api.post('/api/clock').send({ now: t.clock.now().toISOString() }));
    for (let round = 0; round < maxRounds; round++) {
      const details = check('details', await t.api.get(`/api/instances/${instanceId}`)).body;
      if (details.status === 'completed') return { key, outcome: 'completed' };
      if (details.status !== 'running') return { key, outcome: 'failed', reason: `instance ${details.status}` };
      const incident = (details.incidents as { status: string; message: string }[]).find((i) => i.status === 'open');
      if (incident) return { key, outcome: 'failed', reason: `incident: ${category(incident.message)}` };
      const crashed = (details.jobs as { status: string; lastError: string | null; lockOwner: string | null }[]).find((j) => j.status === 'waiting' && j.lockOwner && j.lastError);
      if (crashed) return { key, outcome: 'failed', reason: `job crashed without an incident: ${crashed.lastError}` };

      const tasks = check('tasks', await t.api.get('/api/tasks').query({ instance: instanceId })).body as { id: string; elementId: string; assignee: string | null }[];
      if (tasks.length) {
        for (const task of tasks) {
          // A task the diagram assigns to someone by name (camunda:assignee="demo") is theirs; the admin takes it over first, as a cockpit admin does.
          if (task.assignee && task.assignee !== 'admin') check(`reassign ${task.elementId}`, await t.api.post(`/api/tasks/${task.id}/claim`).send({ user: 'admin' }));
          const done = check(`complete ${task.elementId}`, await t.api.post(`/api/tasks/${task.id}/complete`).send({ variables: {} }));
          if (done.status !== 200 && done.status !== 409) return { key, outcome: 'failed', reason: `complete ${done.status}: ${category(done.body.error ?? '', done.body.details?.elementId)}` };
        }
        continue;
      }

      const due = (details.jobs as { status: string; dueAt: string }[])
        .filter((j) => j.status === 'waiting')
        .map((j) => Date.parse(j.dueAt))
        .sort((a, b) => a - b)[0];
      if (due !== undefined) {
        const now = t.clock.now().getTime();
        // To the next due job, at most 400 days on; a job still waiting when due is locked, so past its lock.
        const to = due > now ? Math.min(due, now + 400 * DAY) : now + 2 * 60_000;
        const moved = check('clock', await t.api.post('/api/clock').send({ now: new Date(to).toISOString() }));
        if (moved.status !== 200) return { key, outcome: 'failed', reason: `clock ${moved.status}: ${moved.body.error}` };
        continue;
      }
      const waits = (details.activities as { elementId: string; kind: string }[]).map((a) => a.kind);
      const caught = (details.activities as { elementId: string; kind: string }[]).find((a) => a.kind === 'message' || a.kind === 'signal');
      if (caught) {
        names ??= await catchNames(xml);
        const name = names.get(caught.elementId);
        const sent = name && check(`${caught.kind} ${name}`, await t.api.post(`/api/${caught.kind}s`).send({ name }));
        if (sent && sent.status === 200 && (caught.kind === 'message' || sent.body.instanceIds.includes(instanceId))) continue;
        return { key, outcome: 'failed', reason: `${caught.kind} ${name ?? `of ${caught.elementId}`}: ${sent ? `${sent.status} ${category(sent.body.error ?? '')}` : 'no name'}` };
      }
      return { key, outcome: 'waiting', reason: waits.length ? [...new Set(waits)].sort().join('+') : 'nothing the API shows (no task, timer, message or signal)' };
    }
    const details = (await t.api.get(`/api/instances/${instanceId}`)).body;
    if (details.status === 'completed') return { key, outcome: 'completed' };
    return { key, outcome: 'waiting', reason: `still running after ${maxRounds} rounds` };
  }

  /** Both tries of every file: as given, and marked executable. */
  const attempts = () => outcomes.flatMap(({ file, given, marked }) => [{ file, ...given }, ...(marked ? [{ file: `${file} (marked executable)`, ...marked }] : [])]);

  it('never answers with a server error', () => {
    expect(serverErrors, JSON.stringify(serverErrors, null, 2)).to.deep.equal([]);
  });

  it('rejects a file with a 400 and problems that name their element, unless the whole document is at fault', () => {
    for (const { file, rejection } of attempts()) {
      if (!rejection) continue;
      expect(rejection.error, file).to.match(/^deployment rejected: \S/);
      expect(rejection.problems, file).to.not.be.empty;
      for (const problem of rejection.problems) {
        expect(problem.message, file).to.be.a('string').and.not.empty;
        if (!/^(not BPMN 2\.0 XML|the diagram has no process)/.test(problem.message)) expect(problem.elementId, `${file}: ${problem.message}`).to.be.a('string').and.not.empty;
      }
    }
  });

  it('starts every deployed definition, or answers 422 with the model error', () => {
    for (const { file, starts } of attempts()) {
      for (const start of starts) {
        if (start.status === 201) continue;
        expect(start.status, `${file} ${start.key}: ${start.error}`).to.equal(422);
        expect(start.error, file).to.be.a('string').and.not.empty;
      }
    }
  });

  it('never leaves a job that crashed without an incident', () => {
    const crashed = attempts().flatMap(({ file, instances }) => instances.filter((i) => /crashed/.test(i.reason ?? '')).map((i) => `${file} ${i.key}: ${i.reason}`));
    expect(crashed).to.deep.equal([]);
  });

  it('deploys and runs no fewer files than it did when measured', () => {
    const counts = countsOf(outcomes);
    // Measured: 198 files; 60 deployed, 32 ran to the end; marked executable 25 deployed, 39 ran to the end.
    // Fewer run to the end than before issue 12, on purpose (the README's "BPMN semantics" says so):
    // - 11 files have a parallel join behind an exclusive, inclusive or event-based split that is
    //   never merged (e.g. bpmn-elements' parallel-join-edgecase, succeeding-joins), a deadlock in
    //   BPMN 2.0.2 §13.4.1 that bpmn-elements resolved by letting a discarded branch count as
    //   arrived. Qyzmet refuses the step with 422 naming the join.
    // - 3 instances ran to the end by ignoring an error end event nothing catches; they now stop
    //   there with an incident, as Camunda 8 does.
    expect(counts.given.files).to.be.at.least(190);
    expect(counts.given.deployed).to.be.at.least(60);
    expect(counts.given.completed).to.be.at.least(32);
    expect(counts.marked.deployed).to.be.at.least(24);
    expect(counts.marked.completed).to.be.at.least(38);
  });

  describe('rejections a modeler would see', () => {
    const outcomeOf = (file: string) => {
      const found = outcomes.find((o) => o.file === file);
      if (!found) throw new Error(`${file} is not in the corpus`);
      return found;
    };
    const problemsOf = (file: string) => outcomeOf(file).given.rejection?.problems ?? [];

    it('a diagram without an executable process', () => {
      expect(outcomeOf('bpmn-miwg-reference/A.1.0.bpmn').given.rejection?.error).to.match(/no executable process: mark one with isExecutable="true"/);
    });

    it('a camunda:class service task, naming the task and its line', () => {
      const problems = problemsOf('camunda-bpm-examples/servicetask/service-invocation-synchronous/src/main/resources/synchronousServiceInvocation.bpmn');
      expect(problems[0]).to.include({ elementId: 'ServiceTask_1', message: 'camunda:class is not supported on ServiceTask' });
      expect(problems[0]!.line).to.be.a('number');
    });

    it('a document in the draft BPMN namespace, saying so', () => {
      const [problem] = problemsOf('bpmn-elements/service-task-operation.bpmn');
      expect(problem?.message).to.match(/^not BPMN 2\.0 XML: <definitions> is in namespace "http:\/\/schema\.omg\.org\/spec\/BPMN\/2\.0"/);
    });

    it('a global task, naming it', () => {
      const problems = outcomeOf('bpmn-miwg-reference/B.1.0.bpmn').marked?.rejection?.problems ?? [];
      expect(problems.find((p) => p.elementId === 'global-task')?.message).to.match(/^GlobalTask .* is not supported/);
    });

    it('not modeling-tool metadata, an empty Bizagi lane set, or camunda:historyTimeToLive on <definitions>', () => {
      const messages = (file: string) => (outcomeOf(file).given.rejection?.problems ?? []).map((p) => p.message).join('\n');
      expect(messages('bpmn-miwg-reference/C.1.0.bpmn')).to.not.match(/signavio|w4graph/);
      expect(messages('camunda-bpm-examples/testing/assert/job-announcement-publication-process/src/test/resources/camunda-testing-job-announcement-publication.bpmn')).to.not.match(/historyTimeToLive/);
      expect(outcomeOf('bpmn-miwg-vendor-roundtrips/bizagi-modeler-2.8.0.8/A.1.0-roundtrip.bpmn').marked?.instances.map((i) => i.outcome)).to.deep.equal(['completed', 'completed']);
    });

    it('a JUEL condition, naming the flow', () => {
      const problem = problemsOf('camunda-bpm-platform-invoice/invoice.v2.bpmn').find((p) => p.elementId === 'invoiceNotApproved');
      expect(problem?.message).to.match(/"!approved" is not a valid FEEL expression.*FEEL writes not\(x\)/);
    });
  });
});

describe('finding the conformance corpus', () => {
  const missing = path.join(corpus, 'no-such-folder');
  const skipped = () => {
    const context = { skip: () => { throw new Error('skipped'); } } as unknown as Mocha.Context;
    return (env: NodeJS.ProcessEnv) => loadCorpus(context, missing, env);
  };

  it('fails in CI when the corpus is missing, naming where it looked', () => {
    expect(() => skipped()({ CI: 'true' })).to.throw(`the BPMN conformance corpus is missing: no .bpmn file under ${missing} (CI is set`);
  });

  it('skips on a developer machine when the corpus is missing', () => {
    expect(() => skipped()({})).to.throw('skipped');
  });

  it('is looked for beside the repository, or where QYZMET_CONFORMANCE_DIR says', () => {
    expect(corpusDir({})).to.equal(path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'bpmn'));
    expect(corpusDir({ QYZMET_CONFORMANCE_DIR: '/srv/corpus' })).to.equal('/srv/corpus');
  });
});

/** The same counts for both columns: the files as given, and those retried marked executable. */
function columnCounts(list: Attempt[]) {
  const instances = (outcome: InstanceOutcome['outcome']) => list.flatMap((a) => a.instances).filter((i) => i.outcome === outcome).length;
  const starts = (started: boolean) => list.flatMap((a) => a.starts).filter((s) => (s.status === 201) === started).length;
  return {
    files: list.length,
    deployed: list.filter((a) => a.deployed).length,
    rejected: list.filter((a) => a.rejection).length,
    started: starts(true),
    notStarted: starts(false),
    completed: instances('completed'),
    waiting: instances('waiting'),
    failed: instances('failed'),
  };
}

function countsOf(outcomes: FileOutcome[]) {
  return {
    given: columnCounts(outcomes.map((o) => o.given)),
    marked: columnCounts(outcomes.flatMap((o) => (o.marked ? [o.marked] : []))),
  };
}

function printReport(outcomes: FileOutcome[], serverErrors: Call[]) {
  const { given: g, marked: m } = countsOf(outcomes);
  const rows: [string, number, number | string][] = [
    ['files (distinct)', g.files, m.files],
    ['deployed', g.deployed, m.deployed],
    ['rejected (400 with problems)', g.rejected, m.rejected],
    ['definitions started', g.started, m.started],
    ['definitions not started (422)', g.notStarted, m.notStarted],
    ['instances ran to the end', g.completed, m.completed],
    ['instances still waiting', g.waiting, m.waiting],
    ['instances failed at run time', g.failed, m.failed],
  ];
  const lines = [
    '',
    `BPMN conformance corpus (${corpus})`,
    `  ${''.padEnd(34)}${'as given'.padStart(9)}${'marked executable'.padStart(19)}`,
    ...rows.map(([k, v, m]) => `  ${k.padEnd(34)}${String(v).padStart(9)}${String(m).padStart(19)}`),
    `  ${'server errors (5xx)'.padEnd(34)}${String(serverErrors.length).padStart(9)}`,
  ];
  const section = (title: string, entries: [string, number][]) => {
    if (!entries.length) return;
    lines.push('', title);
    for (const [what, n] of entries) lines.push(`  ${String(n).padStart(4)}  ${what}`);
  };
  for (const [label, list] of [
    ['as given', outcomes.map((o) => o.given)],
    ['marked executable', outcomes.flatMap((o) => (o.marked ? [o.marked] : []))],
  ] as const) {
    section(`rejected ${label}, by first problem`, tally(list.filter((a) => a.rejection).map((a) => category(a.rejection!.problems[0]?.message ?? a.rejection!.error))));
    section(`not started ${label}`, tally(list.flatMap((a) => a.starts).filter((s) => s.status !== 201).map((s) => `${s.status} ${category(s.error ?? '', s.elementId)}`)));
    section(`still waiting ${label}, on`, tally(list.flatMap((a) => a.instances).filter((i) => i.outcome === 'waiting').map((i) => i.reason!)));
    section(`failed at run time ${label}`, tally(list.flatMap((a) => a.instances).filter((i) => i.outcome === 'failed').map((i) => i.reason!)));
  }
  if (process.env.QYZMET_CONFORMANCE_VERBOSE) {
    const describe = (a: Attempt) =>
      a.rejection
        ? `rejected: ${a.rejection.problems.map((p) => `${p.elementId ?? '-'}: ${p.message}`).join(' | ') || a.rejection.error}`
        : [...a.starts.filter((s) => s.status !== 201).map((s) => `${s.key} not started ${s.status}: ${s.error}`), ...a.instances.map((i) => `${i.key} ${i.outcome}${i.reason ? ` (${i.reason})` : ''}`)].join('; ');
    lines.push('', 'per file');
    for (const o of outcomes) lines.push(`  ${o.file}: ${describe(o.given)}${o.marked ? `\n    marked executable: ${describe(o.marked)}` : ''}`);
  }
  console.log(lines.join('\n'));
}
