// DataStream.withBatchCodec: the codec travels with the records it was set on — an operator's main output, a keyBy
// or union stream, a side output — to the stream-graph edges, and chaining keeps it on the job graph's channel edges.
import test from "ava";
import { OutputTag, StreamExecutionEnvironment } from "../../../runtime/index.js";
import { createGenericBatchCodec } from "../../../runtime/network/batch-codec.js";
import type { BatchCodecFactory } from "../../../runtime/graph/transformation.js";
import type { StreamEdge } from "../../../runtime/graph/stream-graph.js";

const env = (p = 2) => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(p);
const codec = (): BatchCodecFactory => () => createGenericBatchCodec();
/** Every channel edge of the job graph (edges between vertices) as `from→to`, with its codec factory. */
const channelEdges = (e: StreamExecutionEnvironment): Map<string, BatchCodecFactory | null> =>
  new Map(e.getJobGraph().vertices.flatMap((v) => v.outputs.map((edge: StreamEdge) => [`${edge.source.name}→${edge.target.name}`, edge.batchCodec] as const)));

test("a codec set on an operator goes with its records to the keyBy after a chain, and nowhere else", (t) => {
  const e = env();
  const mine = codec();
  e.fromSequence(1, 10).map((x) => ({ x }), "A").filter(() => true, "B").withBatchCodec(mine)
    .keyBy((r) => r.x % 3).reduce((a, b) => ({ x: a.x + b.x }), "R").rebalance().map((r) => r, "C").print();
  const edges = channelEdges(e);
  t.is(edges.get("B→R"), mine);
  t.is(edges.get("R→C"), null);
});

test("a codec set on the keyBy stream applies to it and wins over the operator's; a union's to all its inputs", (t) => {
  const e = env();
  const onOperator = codec();
  const onKeyBy = codec();
  const onUnion = codec();
  const a = e.fromSequence(1, 10).map((x) => x, "A").withBatchCodec(onOperator);
  a.keyBy((x) => x).withBatchCodec(onKeyBy).reduce((x, y) => x + y, "R").print();
  const b = e.fromSequence(1, 10).map((x) => x, "B");
  a.union(b).withBatchCodec(onUnion).rebalance().map((x) => x, "U").print();
  const edges = channelEdges(e);
  t.is(edges.get("A→R"), onKeyBy);
  t.is(edges.get("A→U"), onUnion);
  t.is(edges.get("B→U"), onUnion);
});

test("a side output does not take its operator's codec, only one set on the side output", (t) => {
  const e = env();
  const late = new OutputTag<number>("late");
  const main = codec();
  const side = codec();
  const p = e.fromSequence(1, 10).process<number>({ processElement: (x, ctx, out) => (x % 2 === 0 ? out.collect(x) : ctx.output(late, x)) }, "P").withBatchCodec(main);
  p.rebalance().map((x) => x, "M").print();
  p.getSideOutput(late).rebalance().map((x) => x, "S1").print();
  p.getSideOutput(late).withBatchCodec(side).rebalance().map((x) => x, "S2").print();
  const edges = channelEdges(e);
  t.is(edges.get("P→M"), main);
  t.is(edges.get("P→S1"), null);
  t.is(edges.get("P→S2"), side);
});
