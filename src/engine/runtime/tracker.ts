import { EventEmitter } from 'node:events';
import { StepFailedError } from '../../errors/index.js';
import { setVariables } from './variables.js';
import type { HistoryType } from '../../store/index.js';
import { uncaughtErrorKey, type ThrownError } from '../behaviours/ScopedErrorEventDefinition.js';

/** The part of a bpmn-elements activity API this runtime uses. */
export interface ActivityApi {
  id: string;
  type: string;
  name?: string;
  executionId: string;
  content: Record<string, any>;
  owner: { behaviour: Record<string, any> };
  environment: { variables: Record<string, unknown> };
  signal(payload?: unknown): void;
  sendApiMessage(action: string, content?: unknown): void;
}

export interface LiveTimer {
  elementId: string;
  expireAt: Date;
  fire(): void;
}

export interface StepEvent {
  type: HistoryType;
  elementId: string | null;
  elementType: string | null;
  executionId: string | null;
  data: Record<string, unknown> | null;
}

/** Counts the events the engine emits, so that a wait for a script can tell whether anything happened. */
class CountingEmitter extends EventEmitter {
  count = 0;
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    this.count++;
    return super.emit(event, ...args);
  }
}

const waitKinds = ['userTasks', 'services', 'timers', 'catches', 'calls', 'errors'] as const;
/** The waits of each kind: execution id → element id. */
export type WaitSnapshot = Record<(typeof waitKinds)[number], Map<string, string>>;
const emptySnapshot = (): WaitSnapshot => ({ userTasks: new Map(), services: new Map(), timers: new Map(), catches: new Map(), calls: new Map(), errors: new Map() });

// A manual task is work done outside the system that someone confirms, so it is an inbox task too.
const serviceTypes = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);

/**
 * Watches one engine run: which activities wait (so rows can be reconciled), which timers are
 * live, and what happened (for history). Waits are re-announced on every resume, so after a step
 * the waits seen minus the activities that left are exactly the current wait states.
 */
export class StepTracker {
  readonly listener = new CountingEmitter();
  readonly userTasks = new Map<string, ActivityApi>();
  readonly services = new Map<string, ActivityApi>();
  /** Catch events and receive tasks waiting for a message or a signal, by name. */
  readonly catches = new Map<string, { api: ActivityApi; kind: 'message' | 'signal'; name: string }>();
  /** Call activities waiting for an instance of another deployed definition. */
  readonly calls = new Map<string, { api: ActivityApi; calledElement: string }>();
  readonly timers = new Map<string, LiveTimer>();
  /** Error end events whose error nothing in the definition catches (see ScopedErrorEventDefinition). */
  readonly errors = new Map<string, { api: ActivityApi; error: ThrownError }>();
  readonly firedTimers = new Set<string>();
  readonly events: StepEvent[] = [];
  /** Elements seen active in this step; a discarded element that never was is not history. */
  private readonly seen = new Set<string>();
  private readonly discarded = new Set<string>();
  /** Activities entered in this step that have not left yet, by execution id. */
  private readonly inside = new Map<string, ActivityApi>();
  /**
   * Sequence flows taken in this step, by their source element, not yet written: they go on the
   * source's `activity.left` row (bpmn-elements takes an activity's outgoing flows just before it
   * leaves), so the path a case took costs no history row of its own.
   */
  private readonly taken = new Map<string, string[]>();
  /** Waits the step's own action finished (a task completed, a service answered): not canceled, just done. */
  private readonly settled = new Set<string>();
  private baseline: WaitSnapshot = emptySnapshot();
  /** Script tasks that started and have not ended: a script may call next() after the run returned. */
  private readonly runningScripts = new Map<string, string>();
  /** setTimeout callbacks of scripts not run yet, and activities deferred to a fresh stack (ChainTrampoline). */
  private readonly scriptTimers = new Set<NodeJS.Immediate>();
  /** What such a callback threw: the step fails with it, as if the engine had thrown it at once. */
  private deferredError: unknown;
  ended = false;
  error: { message: string; elementId?: string } | undefined;
  /** The last activity that failed; engine errors from scripts carry no element of their own. */
  failedElement: string | undefined;

  constructor() {
    const l = this.listener;
    l.on('activity.start', (api: ActivityApi) => {
      if (api.type === 'bpmn:ScriptTask') this.runningScripts.set(api.executionId, api.id);
    });
    l.on('activity.enter', (api: ActivityApi) => {
      this.seen.add(api.id);
      if (!api.content.isRecovered) {
        this.record('activity.entered', api);
        this.inside.set(api.executionId, api);
      }
    });
    l.on('activity.timer', (api: ActivityApi) => this.seen.add(api.id));
    l.on('activity.discard', (api: ActivityApi) => this.discarded.add(api.executionId));
    l.on('activity.wait', (api: ActivityApi) => this.onWait(api));
    l.on('activity.call', (api: ActivityApi) => {
      this.seen.add(api.id);
      this.calls.set(api.executionId, { api, calledElement: String(api.content.calledElement) });
    });
    l.on('activity.error', (api: ActivityApi) => {
      this.failedElement = api.id;
      this.runningScripts.delete(api.executionId);
    });
    l.on('activity.end', (api: ActivityApi) => this.runningScripts.delete(api.executionId));
    l.on('activity.leave', (api: ActivityApi) => this.onLeave(api));
    l.on('flow.take', (flow: { id: string; content: { sourceId?: string } }) => {
      const source = flow.content.sourceId;
      if (source) this.taken.set(source, [...(this.taken.get(source) ?? []), flow.id]);
    });
    l.on('activity.timeout', (api: ActivityApi) => {
      this.firedTimers.add(api.executionId);
      this.timers.delete(api.executionId);
      this.record('timer.fired', api, { expireAt: api.content.expireAt });
    });
  }

  /**
   * Marks the start of a step: the waits now known are the ones the stored rows describe. Called
   * after a recovered engine resumed (which re-announces every wait) or on a live engine kept from
   * the previous step, and before a new instance runs.
   */
  beginStep() {
    this.baseline = this.snapshot();
    this.events.length = 0;
    this.firedTimers.clear();
    this.settled.clear();
    this.seen.clear();
    this.discarded.clear();
    this.inside.clear();
    this.taken.clear();
    this.error = undefined;
    this.failedElement = undefined;
  }

  /** The activity waiting in `executionId` for a person or a system to finish it: a user task, a service task or a call activity. */
  waitingIn(executionId: string): ActivityApi | undefined {
    return this.userTasks.get(executionId) ?? this.services.get(executionId) ?? this.calls.get(executionId)?.api;
  }

  /**
   * The step's action finishes the wait `api` with `output`: the variables are set in the scope the
   * activity sees, and the wait counts as done, not canceled, when it goes away.
   */
  finish(api: ActivityApi, output: Record<string, unknown>) {
    setVariables(api, output);
    this.settled.add(api.executionId);
    api.signal(output);
  }

  /** Waits that appeared in this step, and waits that went away without the step's action finishing them. */
  changes(): { added: WaitSnapshot; removed: WaitSnapshot } {
    const now = this.snapshot();
    const added = emptySnapshot();
    const removed = emptySnapshot();
    for (const kind of waitKinds) {
      for (const [id, elementId] of now[kind]) if (!this.baseline[kind].has(id)) added[kind].set(id, elementId);
      for (const [id, elementId] of this.baseline[kind]) if (!now[kind].has(id) && !this.settled.has(id)) removed[kind].set(id, elementId);
    }
    return { added, removed };
  }

  /** Whether the engine left work for a later turn of the event loop (a script's timer, a deferred activity). */
  get hasDeferredWork(): boolean {
    return this.scriptTimers.size > 0;
  }

  /**
   * Waits until the run has nothing left to do. bpmn-elements runs synchronously, and Qyzmet's timers
   * and service tasks never run in the background, so once the engine call returned only a script
   * that calls next() later (from its setTimeout or a promise), or the rest of a long run of
   * activities deferred to the next turn (ChainTrampoline), can still be running. A script that
   * has nothing scheduled and let a whole turn of the event loop pass without the engine doing
   * anything can never finish: that fails at once, naming it.
   */
  async settle(): Promise<void> {
    while (this.runningScripts.size || this.scriptTimers.size) {
      const before = this.listener.count;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.deferredError !== undefined) throw this.deferredError;
      if (this.runningScripts.size && !this.scriptTimers.size && this.listener.count === before) {
        const [elementId] = [...this.runningScripts.values()];
        throw new StepFailedError(`${elementId}: the script did not call next() and has nothing left to run`, { elementId });
      }
    }
  }

  /**
   * Drops the waits the engine no longer has. bpmn-elements does not announce every wait that goes
   * away: a terminate end event, an error caught on a sub-process boundary, or a multi-instance
   * completion condition ends activities without a leave event. The engine's postponed activities
   * (`live`, every execution id it still runs or waits in) are the truth.
   */
  reconcile(live: ReadonlySet<string>) {
    const ended = new Map<string, Pick<ActivityApi, 'id' | 'type' | 'executionId'>>();
    for (const [executionId, api] of this.inside) if (!live.has(executionId)) ended.set(executionId, api);
    for (const [, waits, activityOf] of this.waitTables()) {
      for (const [executionId, value] of waits) {
        if (live.has(executionId)) continue;
        waits.delete(executionId);
        const api = activityOf(value).api;
        if (api && !ended.has(api.executionId)) ended.set(api.executionId, api);
      }
    }
    // The activities the engine dropped without a leave event still leave in history, as interrupted.
    for (const api of ended.values()) {
      const data = this.settled.has(api.executionId) ? null : { interrupted: true };
      this.events.push({ type: 'activity.left', elementId: api.id, elementType: api.type, executionId: api.executionId, data });
    }
  }

  /** Each kind of wait, its map by execution id, and the element (and activity, but for a timer) behind an entry. */
  private waitTables(): [(typeof waitKinds)[number], Map<string, any>, (value: any) => { elementId: string; api?: ActivityApi }][] {
    const api = (a: ActivityApi) => ({ elementId: a.id, api: a });
    const owner = (entry: { api: ActivityApi }) => api(entry.api);
    return [
      ['userTasks', this.userTasks, api],
      ['services', this.services, api],
      ['timers', this.timers, (timer: LiveTimer) => ({ elementId: timer.elementId })],
      ['catches', this.catches, owner],
      ['calls', this.calls, owner],
      ['errors', this.errors, owner],
    ];
  }

  private snapshot(): WaitSnapshot {
    const snapshot = emptySnapshot();
    for (const [kind, waits, activityOf] of this.waitTables()) for (const [id, value] of waits) snapshot[kind].set(id, activityOf(value).elementId);
    return snapshot;
  }

  /** The `timers` option for bpmn-elements: nothing is scheduled in real time; due times become job rows. */
  readonly engineTimers = (() => {
    const tracker = this;
    const register = (owner?: { executionId?: string; id?: string; expireAt?: Date }) => ({
      setTimeout(callback: (...args: unknown[]) => void, _delay: number, ...args: unknown[]) {
        if (!owner?.executionId || !owner.expireAt) {
          // A script's own setTimeout: run it on the next turn, the step waits for it.
          const handle = setImmediate(() => {
            tracker.scriptTimers.delete(handle);
            try {
              callback(...args);
            } catch (err) {
              tracker.deferredError ??= err;
            }
          });
          tracker.scriptTimers.add(handle);
          return { handle };
        }
        const ref = { executionId: owner.executionId };
        tracker.timers.set(owner.executionId, { elementId: owner.id!, expireAt: new Date(owner.expireAt), fire: () => callback(...args) });
        return ref;
      },
      clearTimeout(ref?: { executionId?: string; handle?: NodeJS.Immediate }) {
        if (ref?.handle) {
          clearImmediate(ref.handle);
          tracker.scriptTimers.delete(ref.handle);
        }
        if (ref?.executionId) tracker.timers.delete(ref.executionId);
      },
    });
    const unowned = register();
    return { register, setTimeout: unowned.setTimeout, clearTimeout: unowned.clearTimeout, executing: [] as unknown[] };
  })();

  private onWait(api: ActivityApi) {
    this.seen.add(api.id);
    if (api.type === 'bpmn:UserTask' || api.type === 'bpmn:ManualTask') {
      this.userTasks.set(api.executionId, api);
    } else if (serviceTypes.has(api.type)) {
      this.services.set(api.executionId, api);
    } else if (api.content[uncaughtErrorKey]) {
      this.errors.set(api.executionId, { api, error: api.content[uncaughtErrorKey] });
    } else if (api.content.message?.name && (api.type === 'bpmn:MessageEventDefinition' || api.type === 'bpmn:ReceiveTask')) {
      this.catches.set(api.executionId, { api, kind: 'message', name: api.content.message.name });
    } else if (api.type === 'bpmn:SignalEventDefinition' && api.content.signal?.name) {
      this.catches.set(api.executionId, { api, kind: 'signal', name: api.content.signal.name });
    }
  }

  private onLeave(api: ActivityApi) {
    this.inside.delete(api.executionId);
    const skipped = this.discarded.has(api.executionId) && !this.seen.has(api.id);
    const taken = this.taken.get(api.id);
    this.taken.delete(api.id);
    // A boundary event leaves without taking a flow when its activity ended without it: bpmn-elements
    // then stops it without a discard event, yet it never happened ("a family member refused" where nobody did).
    const discarded = this.discarded.has(api.executionId) || (api.type === 'bpmn:BoundaryEvent' && !taken);
    if (!skipped) this.record('activity.left', api, discarded ? { discarded: true } : taken ? { taken } : null);
    this.userTasks.delete(api.executionId);
    this.services.delete(api.executionId);
    this.calls.delete(api.executionId);
    // Only this execution's own catches (its event definitions run under it): the iterations of a
    // multi-instance activity share its element id, and each waits for a message of its own. What the
    // engine dropped without a leave event, reconcile() closes.
    for (const [id, c] of this.catches) if (id === api.executionId || c.api.content.parent?.executionId === api.executionId) this.catches.delete(id);
  }

  private record(type: HistoryType, api: ActivityApi, data: Record<string, unknown> | null = null) {
    this.events.push({ type, elementId: api.id, elementType: api.type, executionId: api.executionId, data });
  }
}
