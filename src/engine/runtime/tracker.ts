import { EventEmitter } from 'node:events';
import type { HistoryType } from '../../store/index.js';

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

const waitKinds = ['userTasks', 'services', 'timers', 'catches', 'calls'] as const;
/** The waits of each kind: execution id → element id. */
export type WaitSnapshot = Record<(typeof waitKinds)[number], Map<string, string>>;
const emptySnapshot = (): WaitSnapshot => ({ userTasks: new Map(), services: new Map(), timers: new Map(), catches: new Map(), calls: new Map() });

// A manual task is work done outside the system that someone confirms, so it is an inbox task too.
const serviceTypes = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);

/**
 * Watches one engine run: which activities wait (so rows can be reconciled), which timers are
 * live, and what happened (for history). Waits are re-announced on every resume, so after a step
 * the waits seen minus the activities that left are exactly the current wait states.
 */
export class StepTracker {
  readonly listener = new EventEmitter();
  readonly userTasks = new Map<string, ActivityApi>();
  readonly services = new Map<string, ActivityApi>();
  /** Catch events and receive tasks waiting for a message or a signal, by name. */
  readonly catches = new Map<string, { api: ActivityApi; kind: 'message' | 'signal'; name: string }>();
  /** Call activities waiting for an instance of another deployed definition. */
  readonly calls = new Map<string, { api: ActivityApi; calledElement: string }>();
  readonly timers = new Map<string, LiveTimer>();
  readonly firedTimers = new Set<string>();
  readonly events: StepEvent[] = [];
  /** Elements seen active in this step; a discarded element that never was is not history. */
  private readonly seen = new Set<string>();
  private readonly discarded = new Set<string>();
  /** Waits the step's own action finished (a task completed, a service answered): not canceled, just done. */
  readonly settled = new Set<string>();
  private baseline: WaitSnapshot = emptySnapshot();
  ended = false;
  error: { message: string; elementId?: string } | undefined;
  /** The last activity that failed; engine errors from scripts carry no element of their own. */
  failedElement: string | undefined;

  constructor() {
    const l = this.listener;
    l.on('activity.enter', (api: ActivityApi) => {
      this.seen.add(api.id);
      if (!api.content.isRecovered) this.record('activity.entered', api);
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
    });
    l.on('activity.leave', (api: ActivityApi) => this.onLeave(api));
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
    this.error = undefined;
    this.failedElement = undefined;
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

  private snapshot(): WaitSnapshot {
    const ids = <T>(map: Map<string, T>, elementOf: (value: T) => string) => new Map([...map].map(([id, value]) => [id, elementOf(value)]));
    return {
      userTasks: ids(this.userTasks, (api) => api.id),
      services: ids(this.services, (api) => api.id),
      timers: ids(this.timers, (timer) => timer.elementId),
      catches: ids(this.catches, (c) => c.api.id),
      calls: ids(this.calls, (c) => c.api.id),
    };
  }

  /** The `timers` option for bpmn-elements: nothing is scheduled in real time; due times become job rows. */
  readonly engineTimers = (() => {
    const tracker = this;
    const register = (owner?: { executionId?: string; id?: string; expireAt?: Date }) => ({
      setTimeout(callback: (...args: unknown[]) => void, _delay: number, ...args: unknown[]) {
        if (!owner?.executionId || !owner.expireAt) {
          // A script's own setTimeout: run it on the next turn, the step waits for it.
          const handle = setImmediate(callback, ...args);
          return { handle };
        }
        const ref = { executionId: owner.executionId };
        tracker.timers.set(owner.executionId, { elementId: owner.id!, expireAt: new Date(owner.expireAt), fire: () => callback(...args) });
        return ref;
      },
      clearTimeout(ref?: { executionId?: string; handle?: NodeJS.Immediate }) {
        if (ref?.handle) clearImmediate(ref.handle);
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
    } else if (api.content.message?.name && (api.type === 'bpmn:MessageEventDefinition' || api.type === 'bpmn:ReceiveTask')) {
      this.catches.set(api.executionId, { api, kind: 'message', name: api.content.message.name });
    } else if (api.type === 'bpmn:SignalEventDefinition' && api.content.signal?.name) {
      this.catches.set(api.executionId, { api, kind: 'signal', name: api.content.signal.name });
    }
  }

  private onLeave(api: ActivityApi) {
    const skipped = this.discarded.has(api.executionId) && !this.seen.has(api.id);
    if (!skipped) this.record('activity.left', api, this.discarded.has(api.executionId) ? { discarded: true } : null);
    this.userTasks.delete(api.executionId);
    this.services.delete(api.executionId);
    this.calls.delete(api.executionId);
    for (const [id, c] of this.catches) if (c.api.id === api.id) this.catches.delete(id);
  }

  private record(type: HistoryType, api: ActivityApi, data: Record<string, unknown> | null = null) {
    this.events.push({ type, elementId: api.id, elementType: api.type, executionId: api.executionId, data });
  }
}
