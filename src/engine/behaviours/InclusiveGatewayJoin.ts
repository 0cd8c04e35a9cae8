import { InclusiveGateway } from 'bpmn-elements';
import * as gateways from 'bpmn-elements/gateways';

// Exported by bpmn-elements/gateways, but its type declarations leave the subpath out.
const { InclusiveGatewayBehaviour } = gateways as unknown as Record<'InclusiveGatewayBehaviour', unknown>;
import { ConvergingGateway, type JoinRule } from './ConvergingGateway.js';

interface Context {
  getInboundSequenceFlows(activityId: string): unknown[];
}

/**
 * A converging inclusive gateway fires once a token has arrived and no token of the same
 * (sub-)process can still reach one of its empty incoming flows: it waits for the branches that
 * were taken, not for those that were not (BPMN 2.0.2 §13.4.3). The specification also lets it
 * fire without a token that could reach a filled flow as well as an empty one; such a token is
 * waited for here, and then the gateway fires once per token it brings.
 */
export const inclusiveJoinRule: JoinRule = ({ empty, reachable }) => (empty.some((id) => reachable.has(id)) ? 'wait' : 'fire');

/** bpmn-elements' InclusiveGateway, with Qyzmet's join when it has more than one incoming flow. */
export function InclusiveGatewayJoin(activityDef: { id: string }, context: Context): unknown {
  if (context.getInboundSequenceFlows(activityDef.id).length < 2) return (InclusiveGateway as unknown as (d: unknown, c: unknown) => unknown)(activityDef, context);
  return new ConvergingGateway(InclusiveGatewayBehaviour, activityDef, context, inclusiveJoinRule);
}
