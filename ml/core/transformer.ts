// Transformer: an AlgoOperator whose outputs are its inputs' records with columns added or changed, record by
// record (Flink ML's Transformer).
import { AlgoOperator } from "./algo-operator.js";

export abstract class Transformer extends AlgoOperator {}
