import { Environment } from 'bpmn-elements';
import { iterationVariables } from './MultiInstance.js';

type Variables = Record<string, unknown>;

/**
 * The variables an activity sees while it runs, as Camunda 7 scopes them (user guide, "Process
 * Variables": variable scopes and visibility): its own local variables over those of the
 * enclosing scopes, up to the process instance.
 *
 * - Reading a name finds the nearest scope that has it.
 * - Setting a name changes it in the nearest scope that has it, else on the process instance —
 *   so what a task inside a sub-process sets reaches the case, and only locals stay behind.
 * - Only the locals are this scope's state: a sub-process execution saves them with its own
 *   state (bpmn-elements stores each sub-process environment) and gets them back on recovery.
 *
 * bpmn-elements gives every sub-process execution a copy of the enclosing variables instead
 * (`Environment#clone`), so what was set inside was lost when it ended. A scope is installed as
 * the environment of an activity with input mappings and of every sub-process; a sub-process
 * clones it for each execution, which gives the execution a scope of its own.
 */
export class VariableScope extends Environment {
  /** This scope's own variables (input mappings, and what a sub-process execution was started with). */
  readonly locals: Variables;
  /** The scope it was opened in: a process environment or another scope. */
  readonly outer: Environment;
  private readonly view: Variables;
  private readonly nextLocals: () => Variables;
  /** The last scope cloned from this one: the running execution of a sub-process. */
  inner: VariableScope | undefined;

  /** `nextLocals` gives the locals of each scope cloned from this one (a sub-process execution's input mappings). */
  constructor(outer: Environment, locals: Variables = {}, nextLocals: () => Variables = () => ({})) {
    super({ expressions: outer.expressions, scripts: outer.scripts, timers: outer.timers, Logger: outer.Logger, extensions: outer.extensions as never, services: outer.services, output: outer.output } as ConstructorParameters<typeof Environment>[0]);
    // Shared, not copied: the engine sets its listener on these options, and reads settings on every step.
    Object.assign(this, { settings: outer.settings, options: outer.options });
    this.outer = outer;
    this.locals = locals;
    this.nextLocals = nextLocals;
    this.view = scopeView(locals, () => outer.variables as Variables);
  }

  override get variables(): Variables {
    return this.view;
  }

  override clone(): Environment {
    const inner = new VariableScope(this, this.nextLocals());
    // What bpmn-elements gives each sub-process execution besides variables: a copy of the settings and an output of its own.
    Object.assign(inner, { settings: { ...this.settings }, output: {} });
    this.inner = inner;
    return inner;
  }

  override getState() {
    return { settings: { ...this.settings }, variables: { ...this.locals }, output: { ...this.output } };
  }

  override recover(state?: { settings?: Variables; variables?: Variables; output?: Variables }): Environment {
    if (state?.settings) Object.assign(this.settings, state.settings);
    if (state?.variables) Object.assign(this.locals, state.variables);
    if (state?.output) Object.assign(this.output, state.output);
    return this;
  }

  /**
   * bpmn-elements assigns a sub-process execution's start message here: it belongs to that
   * execution. An iteration of a multi-instance sub-process also keeps its item (under
   * camunda:elementVariable), loopCounter and the body's counts as they were when it started, so
   * that every element inside sees them.
   */
  override assignVariables(newVars: Variables): void {
    if (!newVars || typeof newVars !== 'object') return;
    Object.assign(this.locals, newVars, iterationVariables(newVars.content as Variables | undefined, this.outer));
  }

  /** Replaces the locals, e.g. with an activity's evaluated input mappings when it starts again. */
  setLocals(locals: Variables): void {
    for (const name of Object.keys(this.locals)) delete this.locals[name];
    Object.assign(this.locals, locals);
  }
}

// helpers

/** The locals over the enclosing variables, as one object that reads and writes through. */
function scopeView(locals: Variables, outer: () => Variables): Variables {
  const own = (name: string | symbol) => typeof name !== 'string' || Object.hasOwn(locals, name);
  return new Proxy(locals, {
    get: (target, name) => (own(name) ? Reflect.get(target, name) : outer()[name as string]),
    has: (target, name) => Reflect.has(target, name) || name in outer(),
    set(target, name, value) {
      if (own(name)) return Reflect.set(target, name, value);
      outer()[name as string] = value;
      return true;
    },
    deleteProperty: (target, name) => (own(name) ? Reflect.deleteProperty(target, name) : delete outer()[name as string]),
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(outer()), ...Reflect.ownKeys(target)])],
    getOwnPropertyDescriptor(target, name) {
      if (own(name)) return Reflect.getOwnPropertyDescriptor(target, name);
      const variables = outer();
      return Object.hasOwn(variables, name) ? { value: variables[name as string], writable: true, enumerable: true, configurable: true } : undefined;
    },
  });
}
