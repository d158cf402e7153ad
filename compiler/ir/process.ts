// `process f`: a keyed process function imported from TypeScript, called with each record, its key's state and timers.
import type { Span } from "../ast/span.js";

export interface IrProcess {
  readonly kind: "process";
  readonly span: Span;
  /** The name the pipeline calls it by. */
  readonly name: string;
  /** Resolved path of the .ts module and the export it names. */
  readonly module: string;
  readonly exportName: string;
}
