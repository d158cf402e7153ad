// Components: Flink Gelly's (weakly) connected components as a CSR kernel.
export { componentCount, connectedComponents, type ConnectedComponentsOptions } from "./connected-components.js";
