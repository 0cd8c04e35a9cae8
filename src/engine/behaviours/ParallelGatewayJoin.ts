import { ParallelGateway } from 'bpmn-elements';
import * as gateways from 'bpmn-elements/gateways';

// Exported by bpmn-elements/gateways, but its type declarations leave the subpath out.
const { ParallelGatewayBehaviour } = gateways as unknown as Record<'ParallelGatewayBehaviour', unknown>;
import { ConvergingGateway, type JoinRule } from './ConvergingGateway.js';

interface Context {
  getInboundSequenceFlows(activityId: string): unknown[];
}

/**
 * A parallel gateway joins when a token has arrived on every incoming sequence flow, whatever lies
 * upstream (BPMN 2.0.2 §13.4.1). A join that holds a token while another incoming flow can no
 * longer get one would wait for ever: it fails instead, naming the flow, so the case stops with an
 * error (422 or an incident) rather than silently.
 */
export const parallelJoinRule: JoinRule = ({ empty, reachable }) => {
  if (!empty.length) return 'fire';
  const neverFilled = empty.filter((id) => !reachable.has(id));
  return neverFilled.length ? { neverFilled } : 'wait';
};

/** bpmn-elements' ParallelGateway, with Qyzmet's join when it has more than one incoming flow. */
export function ParallelGatewayJoin(activityDef: { id: string }, context: Context): unknown {
  if (context.getInboundSequenceFlows(activityDef.id).length < 2) return (ParallelGateway as unknown as (d: unknown, c: unknown) => unknown)(activityDef, context);
  return new ConvergingGateway(ParallelGatewayBehaviour, { ...activityDef, isParallelGateway: true }, context, parallelJoinRule);
}
