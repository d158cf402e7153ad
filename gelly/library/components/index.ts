// Components: Flink Gelly's (weakly) connected components as a CSR kernel.
export { componentCount, connectedComponents } from "./connected-components.js";
