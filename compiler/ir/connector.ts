// Sources and sinks in IR terms: the connector with its arguments evaluated and named (positional arguments take the
// connector's parameter names in order, types/connectors.ts), and a source's event time — no syntax-tree node left.
import type { Span } from "../ast/span.js";

export interface IrConnector {
  /** `file`, `nexmark`, `postgres`, … (types/connectors.ts lists them and their parameters). */
  readonly name: string;
  /** Where the connector call was written (errors and generated comments name it). */
  readonly span: Span;
  /** Constant arguments by parameter name. */
  readonly args: ReadonlyMap<string, unknown>;
}

export interface IrSource {
  readonly name: string;
  readonly connector: IrConnector;
  /** The schema the record type was declared with (`source s: Txn = …`), for plans; null when inferred. */
  readonly recordTypeName: string | null;
  /** `watermark ts delay 5s`: the event-time field and the out-of-orderness bound; null without event time. */
  readonly watermark: { readonly field: string; readonly delayMs: number; readonly span: Span } | null;
  /** `idle 1m`: a split without records for this long stops holding the watermark back; null when not set. */
  readonly idleMs: number | null;
}

export interface IrSink {
  readonly name: string;
  readonly connector: IrConnector;
}
