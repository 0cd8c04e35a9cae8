import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { ManualClock } from '../../src/clock/index.js';
import { createWorkingCalendar } from '../../src/calendar/index.js';
import { inputOutputExtension, qyzmetElements } from '../../src/engine/behaviours/index.js';
import { uncaughtErrorKey } from '../../src/engine/behaviours/ScopedErrorEventDefinition.js';
import { compileDefinition } from '../../src/engine/definitions/compile.js';
import { parseDiagram } from '../../src/engine/definitions/parse.js';
import { feelExpressions } from '../../src/engine/expressions.js';
import { variablesOf } from '../../src/engine/runtime/session.js';

/** A history row of GET /api/instances/:id, as far as the replay reads it. */
export interface HistoryRow {
  type: string;
  elementId: string | null;
  executionId: string | null;
  actor: string;
  data: Record<string, any> | null;
}

interface Api {
  id: string;
  type: string;
  executionId: string;
  content: Record<string, any>;
  environment: { variables: Record<string, unknown> };
  signal(payload?: unknown): void;
}

type WaitKind = 'userTask' | 'service' | 'message' | 'signal' | 'error';

interface Wait {
  kind: WaitKind;
  api: Api;
  /** The durable run's execution id of the same wait, once the replay has met it. */
  durableId?: string;
}

interface Timer {
  elementId: string;
  executionId: string;
  expireAt: Date;
  fire(): void;
}

const serviceTypes = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);

/**
 * One bpmn-engine Engine kept in memory from start to end and never recovered, over the same
 * compiled definition as Qyzmet runs (its element behaviours, its FEEL expressions, its
 * input/output extension), with its own manual clock. It takes no decision of its own: it is
 * driven by the steps a durable instance took, read from that instance's history, so that the two
 * can be compared step for step (see differential.test.ts).
 */
export class BareRun {
  readonly clock: ManualClock;
  /** Element ids in the order the engine entered them. */
  readonly visits: string[] = [];
  /** Set when the engine failed: the element it names and the message. */
  error: { elementId?: string; message: string } | undefined;
  /** What the run had before the action that failed, as Qyzmet keeps it: a step that fails writes nothing. */
  beforeError: { visits: number; variables: Record<string, unknown> } | undefined;
  ended = false;
  /** Why the replay could not do what the durable run did; the runs are then different. */
  divergence: string | undefined;
  /** How many steps of each kind it took after the start. */
  readonly steps: Record<string, number> = {};

  private readonly waits: Wait[] = [];
  private readonly timers = new Map<string, Timer>();
  private readonly scriptTimers = new Set<NodeJS.Immediate>();
  private readonly runningScripts = new Set<string>();
  private failedElement: string | undefined;
  private started = false;
  private readonly engine: Engine;

  private constructor(compiled: ReturnType<typeof compileDefinition>, clock: ManualClock, private readonly startVariables: Record<string, unknown>) {
    this.clock = clock;
    this.engine = new Engine({
      sourceContext: compiled.sourceContext as never,
      expressions: feelExpressions as never,
      timers: this.engineTimers() as never,
      extensions: { inputOutput: inputOutputExtension(compiled.inputOutput) } as never,
    });
    this.engine.on('error', (err: Error & { source?: { content?: { id?: string } } }) => {
      this.error ??= { elementId: err.source?.content?.id ?? this.failedElement, message: err.message };
    });
    this.engine.on('end', () => {
      this.ended = true;
    });
  }

  /** Compiles `key` of `xml` as a deployment does, and starts it with `variables` at `now`. */
  static async start(xml: string, key: string, now: Date, variables: Record<string, unknown>): Promise<BareRun> {
    const clock = new ManualClock(now);
    const compiled = compileDefinition(await parseDiagram(xml), key, qyzmetElements(clock, () => createWorkingCalendar()));
    const run = new BareRun(compiled, clock, variables);
    await run.act(() => run.engine.execute({ listener: run.listener(), variables }));
    return run;
  }

  /** Where it stands: `completed`, `failed: ` and the error as Qyzmet words it, or its waits as `kind element`, sorted. */
  outcome(): string {
    if (this.error) return `failed: ${this.error.elementId ? `${this.error.elementId}: ` : ''}${this.error.message}`;
    if (this.ended) return 'completed';
    const live = this.liveExecutionIds();
    const waits = [...this.waits.filter((w) => live.has(w.api.executionId)).map((w) => `${w.kind} ${w.api.id}`), ...[...this.timers.values()].map((t) => `timer ${t.elementId}`)];
    return waits.length ? waits.sort().join(', ') : 'waiting on nothing';
  }

  /** The user variables, as Qyzmet reads them from an engine state; JSON, as the API gives them. */
  async variables(): Promise<Record<string, unknown>> {
    return JSON.parse(JSON.stringify(variablesOf((await this.engine.getState()) as never)));
  }

  /**
   * Does what the durable run's history rows say happened, in their order: the action that began
   * each step (a task completed, a timer fired by the job executor, a service answered, a message
   * or signal delivered, a job that failed). What the engine did by itself within a step it does
   * by itself here too.
   */
  async replay(rows: HistoryRow[]): Promise<void> {
    for (const row of rows) {
      if (this.error || this.divergence) return;
      const data = row.data ?? {};
      switch (row.type) {
        case 'task.created':
          this.pair('userTask', row.elementId!, row.executionId!);
          break;
        case 'task.completed':
          await this.completeTask(row.elementId!, row.executionId!, data.variables ?? {});
          break;
        case 'service.completed':
          await this.answerService(row.elementId!, row.executionId!, data.output ?? {});
          break;
        case 'timer.fired':
          // A timer due at once fires inside the step that started it, here as there; only one the job executor fired is waiting.
          await this.fireTimer(row.elementId!, new Date(data.expireAt), false);
          break;
        case 'message.correlated':
          await this.deliverMessage(data.name, data.variables ?? {});
          break;
        case 'signal.received':
          await this.deliverSignal(data.name, data.variables ?? {});
          break;
        case 'incident.raised':
          // A job whose step failed: nothing of that step was written; here it fails the engine.
          if (data.kind === 'engine') await this.failJob(row.elementId!);
          break;
        case 'call.started':
        case 'call.returned':
        case 'variables.set':
          this.divergence = `${row.type} ${row.elementId ?? ''}: the replay does not follow calls across instances or an admin's changes`;
          break;
      }
    }
  }

  /** A user task completed with `variables`, as Qyzmet completes one: set on the process scope, then signalled. */
  async completeTask(elementId: string, durableId: string, variables: Record<string, unknown>): Promise<void> {
    const wait = this.pair('userTask', elementId, durableId);
    if (wait) await this.signal(wait, variables, variables, 'task completions');
  }

  async deliverMessage(name: string, variables: Record<string, unknown>): Promise<void> {
    const waiting = this.live('message').filter((w) => w.api.content.message?.name === name);
    if (!waiting.length) return this.diverge(`message ${name}: nothing waits for it here`);
    await this.act(() => {
      for (const w of waiting) Object.assign(w.api.environment.variables, variables);
      waiting[0]!.api.signal({ id: waiting[0]!.api.content.message.id, ...variables });
    }, 'messages');
  }

  async deliverSignal(name: string, variables: Record<string, unknown>): Promise<void> {
    const waiting = this.live('signal').filter((w) => w.api.content.signal?.name === name);
    if (!waiting.length) return this.diverge(`signal ${name}: nothing waits for it here`);
    await this.act(() => {
      for (const w of waiting) {
        Object.assign(w.api.environment.variables, variables);
        w.api.signal(variables);
      }
    }, 'signals');
  }

  private async answerService(elementId: string, durableId: string, output: Record<string, unknown>) {
    const wait = this.pair('service', elementId, durableId);
    if (wait) await this.signal(wait, output, output, 'service answers');
  }

  private async fireTimer(elementId: string, expireAt: Date, required: boolean) {
    const timer = [...this.timers.values()].find((t) => t.elementId === elementId && t.expireAt.getTime() === expireAt.getTime());
    if (!timer) return required ? this.diverge(`timer ${elementId} due ${expireAt.toISOString()}: no such timer waits here`) : undefined;
    this.timers.delete(timer.executionId);
    await this.act(() => timer.fire(), 'timers fired by the job executor');
  }

  private async failJob(elementId: string) {
    const timer = [...this.timers.values()].find((t) => t.elementId === elementId);
    if (timer) return this.fireTimer(elementId, timer.expireAt, true);
    const service = this.live('service').find((w) => w.api.id === elementId);
    if (service) return this.signal(service, {}, {}, 'service answers');
    this.diverge(`the job of ${elementId} failed there; here nothing of ${elementId} waits`);
  }

  private async signal(wait: Wait, variables: Record<string, unknown>, payload: unknown, kind: string) {
    await this.act(() => {
      Object.assign(wait.api.environment.variables, variables);
      wait.api.signal(payload);
    }, kind);
  }

  /**
   * The bare wait that is the durable run's `durableId`: the one paired with it before, or the
   * first of that element not paired yet, in the order the engine announced them. Both engines
   * announce the waits of a step in the same order, so the n-th task of an element here is the
   * n-th there.
   */
  private pair(kind: WaitKind, elementId: string, durableId: string): Wait | undefined {
    const known = this.waits.find((w) => w.durableId === durableId);
    if (known) return known;
    const live = this.liveExecutionIds();
    const wait = this.waits.find((w) => w.kind === kind && w.api.id === elementId && w.durableId === undefined && live.has(w.api.executionId));
    if (!wait) return this.diverge(`${kind} ${elementId}: it waits there, not here`);
    wait.durableId = durableId;
    return wait;
  }

  private live(kind: WaitKind): Wait[] {
    const live = this.liveExecutionIds();
    return this.waits.filter((w) => w.kind === kind && live.has(w.api.executionId));
  }

  private diverge(reason: string): undefined {
    this.divergence ??= reason;
    return undefined;
  }

  /** Runs one action and waits until the engine has nothing left to do (a script may call next() a turn later). */
  private async act(action: () => unknown, kind?: string): Promise<void> {
    if (kind) this.steps[kind] = (this.steps[kind] ?? 0) + 1;
    const before = { visits: this.visits.length, variables: this.started ? await this.variables() : { ...this.startVariables } };
    this.started = true;
    try {
      await action();
      for (let turn = 0; turn < 100 && (this.runningScripts.size || this.scriptTimers.size); turn++) await new Promise((resolve) => setImmediate(resolve));
    } catch (err) {
      // The engine itself threw (a broken script): Qyzmet words it so too.
      this.error ??= { elementId: this.failedElement, message: `the process failed: ${(err as Error).message}` };
    }
    if (this.error) this.beforeError ??= before;
  }

  private listener() {
    const emitter = new EventEmitter();
    emitter.on('activity.enter', (api: Api) => this.visits.push(api.id));
    emitter.on('activity.start', (api: Api) => {
      if (api.type === 'bpmn:ScriptTask') this.runningScripts.add(api.executionId);
    });
    emitter.on('activity.end', (api: Api) => this.runningScripts.delete(api.executionId));
    emitter.on('activity.error', (api: Api) => {
      this.failedElement = api.id;
      this.runningScripts.delete(api.executionId);
    });
    emitter.on('activity.wait', (api: Api) => {
      const kind = waitKind(api);
      if (kind) this.waits.push({ kind, api });
    });
    return emitter;
  }

  /** bpmn-elements' `timers` option: a timer is only recorded, to be fired when the durable run fired it. */
  private engineTimers() {
    const register = (owner?: { executionId?: string; id?: string; expireAt?: Date }) => ({
      setTimeout: (callback: (...args: unknown[]) => void, _delay: number, ...args: unknown[]) => {
        if (!owner?.executionId || !owner.expireAt) {
          // A script's own setTimeout runs on the next turn, as in Qyzmet.
          const handle = setImmediate(() => {
            this.scriptTimers.delete(handle);
            callback(...args);
          });
          this.scriptTimers.add(handle);
          return { handle };
        }
        this.timers.set(owner.executionId, { elementId: owner.id!, executionId: owner.executionId, expireAt: new Date(owner.expireAt), fire: () => callback(...args) });
        return { executionId: owner.executionId };
      },
      clearTimeout: (ref?: { executionId?: string; handle?: NodeJS.Immediate }) => {
        if (ref?.handle) {
          clearImmediate(ref.handle);
          this.scriptTimers.delete(ref.handle);
        }
        if (ref?.executionId) this.timers.delete(ref.executionId);
      },
    });
    const unowned = register();
    return { register, setTimeout: unowned.setTimeout, clearTimeout: unowned.clearTimeout, executing: [] as unknown[] };
  }

  /** Every execution the engine still runs or waits in, sub-processes and iterations included. */
  private liveExecutionIds(): Set<string> {
    const live = new Set<string>();
    const visit = (apis: { executionId: string; owner?: { execution?: { getPostponed?(): any[] } } }[]) => {
      for (const api of apis) {
        if (live.has(api.executionId)) continue;
        live.add(api.executionId);
        visit(api.owner?.execution?.getPostponed?.() ?? []);
      }
    };
    const execution = (this.engine as unknown as { execution?: { definitions: { getPostponed(): any[] }[] } }).execution;
    for (const definition of execution?.definitions ?? []) visit(definition.getPostponed());
    return live;
  }
}

function waitKind(api: Api): WaitKind | undefined {
  if (api.type === 'bpmn:UserTask' || api.type === 'bpmn:ManualTask') return 'userTask';
  if (serviceTypes.has(api.type)) return 'service';
  if (api.content[uncaughtErrorKey]) return 'error';
  if (api.content.message?.name && (api.type === 'bpmn:MessageEventDefinition' || api.type === 'bpmn:ReceiveTask')) return 'message';
  if (api.type === 'bpmn:SignalEventDefinition' && api.content.signal?.name) return 'signal';
  return undefined;
}
