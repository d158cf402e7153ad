// The built-in connectors and the parameters each accepts (what `source x = file(…)` may say).
import { BOOL, DURATION, INT, STRING, type Type } from "./type.js";

export interface ConnectorParam {
  readonly name: string;
  readonly type: Type;
  readonly required: boolean;
  /** Allowed string values, when the parameter is an enumeration (`format`). */
  readonly oneOf?: readonly string[];
}

export interface ConnectorSpec {
  readonly name: string;
  readonly role: "source" | "sink";
  /** In positional order: positional arguments fill these first. */
  readonly params: readonly ConnectorParam[];
  /** Generators take implementation-specific settings; any extra named constant is passed through. */
  readonly open?: boolean;
  /** True for `collection([...])`: the record type can be inferred from the literal records. */
  readonly inlineRecords?: boolean;
}

const req = (name: string, type: Type, oneOf?: readonly string[]): ConnectorParam => (oneOf ? { name, type, required: true, oneOf } : { name, type, required: true });
const opt = (name: string, type: Type, oneOf?: readonly string[]): ConnectorParam => (oneOf ? { name, type, required: false, oneOf } : { name, type, required: false });
const FORMATS = ["jsonl", "csv"] as const;

export const SOURCE_CONNECTORS: ReadonlyMap<string, ConnectorSpec> = new Map<string, ConnectorSpec>([
  // The `records` parameter's type is the source's record type; checked specially.
  ["collection", { name: "collection", role: "source", params: [req("records", { kind: "unknown" })], inlineRecords: true }],
  ["file", { name: "file", role: "source", params: [req("path", STRING), opt("format", STRING, FORMATS), opt("watch", BOOL)] }],
  ["generator", { name: "generator", role: "source", params: [opt("count", INT), opt("rate", INT), opt("seed", INT)], open: true }],
  // `table` picks the Person, Auction or Bid view of the one generated event stream (see types/nexmark.ts).
  ["nexmark", { name: "nexmark", role: "source", params: [opt("events", INT), opt("rate", INT), opt("seed", INT), opt("table", STRING, ["person", "auction", "bid"])], open: true }],
  ["socket", { name: "socket", role: "source", params: [req("host", STRING), req("port", INT), opt("format", STRING, FORMATS)] }],
]);

export const SINK_CONNECTORS: ReadonlyMap<string, ConnectorSpec> = new Map<string, ConnectorSpec>([
  ["stdout", { name: "stdout", role: "sink", params: [opt("format", STRING, FORMATS)] }],
  ["file", { name: "file", role: "sink", params: [req("path", STRING), opt("format", STRING, FORMATS), opt("rollEvery", DURATION)] }],
  ["collect", { name: "collect", role: "sink", params: [] }],
]);

/** Restart strategies for `restart …` in a job. */
export const RESTART_STRATEGIES: ReadonlyMap<string, readonly ConnectorParam[]> = new Map([
  ["fixed", [req("attempts", INT), req("delay", DURATION)]],
  ["exponential", [req("initial", DURATION), req("max", DURATION)]],
  ["none", []],
]);
