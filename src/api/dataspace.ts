// `vivant-ld/dataspace`: federated search over several Vivant nodes (each node's typed API, answers merged).

export { Federation, federatedNodes, MAX_FEDERATED_LIMIT } from "../dataspace/federation.js";
export type {
  FederatedNode,
  FederationOptions,
  LocalSource,
  NodeReport,
  FederatedPerformance,
  FederatedAnswer,
  FederatedPage,
  FederatedFacets,
} from "../dataspace/federation.js";
export type { ServerFederation } from "../server/app.js";
