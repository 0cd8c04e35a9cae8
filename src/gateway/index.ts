/**
 * The e-government gateway: a typed HTTP client for the state systems' lookups, IIN validation,
 * and (in simulator/) a stand-in server that can fail. A leaf: it knows nothing of BPMN.
 */
export { createGatewayClient, GatewayError, type GatewayClient } from './client.js';
export { binProblem, birthDateOf, iinProblem, isValidIin } from './iin.js';
export * from './types.js';
