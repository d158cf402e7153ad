// Which subtasks may move between workers (work stealing): chains of operators whose state between two batches can be
// handed over — plain-function maps, filters, flatMaps, sources whose readers continue from a snapshot — never a keyed
// operator, a sink, a function object whose fields are the subtask's own, or a source that must stay.
import test from "ava";
import { StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { movableVertices } from "../../../runtime/graph/deployment.js";
import { buildJobGraph } from "../../../runtime/graph/job-graph.js";

function graphOf(build: (env: StreamExecutionEnvironment) => void) {
  const env = new StreamExecutionEnvironment().setParallelism(2);
  build(env);
  return buildJobGraph(env.getStreamGraph("movable"), true);
}

test("a chain of plain-function maps, filters and flatMaps after a rebalance is movable, and so is a generated source; keyed operators and sinks are not", (t) => {
  const g = graphOf((env) => {
    env
      .fromSequence(0, 9)
      .name("Sequence")
      .rebalance()
      .map((x) => x + 1, "Inc")
      .filter((x) => x > 2, "Big")
      .flatMap((x: number) => [x, -x], "Both")
      .keyBy((x) => x % 3)
      .map((x) => x * 2, "KeyedDouble")
      .rebalance()
      .map((x) => x, "Last")
      .sinkTo(() => {});
  });
  const movable = movableVertices(g, 2, 0);
  const byHead = new Map(g.vertices.map((v) => [v.head.name, movable[v.id]]));
  t.is(byHead.get("Inc"), true, "the stateless chain after the rebalance");
  t.deepEqual(g.vertices.find((v) => v.head.name === "Inc")!.nodes.map((n) => n.name), ["Inc", "Big", "Both"], "the chain moves as one");
  t.is(byHead.get("KeyedDouble"), false, "a map on a keyed stream may use keyed state");
  t.is(byHead.get("Last"), false, "its chain ends in a sink");
  t.is(byHead.get("Sequence"), true, "a generated sequence's reader is its position");
  t.false(movableVertices(g, 2, 200)[g.vertices.find((v) => v.head.name === "Sequence")!.id], "periodic watermarks (a timer of the worker) pin a source");
});

test("a source whose reader is tied to its thread stays", (t) => {
  const g = graphOf((env) => {
    env
      .fromSource({ boundedness: "BOUNDED", createReader: () => ({ pollNext: () => "END_OF_INPUT", isAvailable: () => Promise.resolve() }) }, WatermarkStrategy.noWatermarks<number>(), "Socket")
      .rebalance()
      .map((x) => x, "Plain")
      .sinkTo(() => {});
  });
  const movable = movableVertices(g, 2, 0);
  t.deepEqual(g.vertices.map((v) => [v.head.name, movable[v.id]]), [["Socket", false], ["Plain", false]]);
});

class Counting {
  seen = 0;
  map(x: number): number {
    this.seen++;
    return x;
  }
}

test("a function object keeps per-subtask fields, so its operator does not move; one worker moves nothing", (t) => {
  const g = graphOf((env) => {
    env
      .fromSequence(0, 9)
      .rebalance()
      .map(new Counting(), "Counting")
      .rebalance()
      .map((x) => x, "Plain")
      .rebalance()
      .sinkTo(() => {});
  });
  const byHead = (movable: boolean[]) => new Map(g.vertices.map((v) => [v.head.name, movable[v.id]]));
  t.is(byHead(movableVertices(g, 2, 0)).get("Counting"), false);
  t.is(byHead(movableVertices(g, 2, 0)).get("Plain"), true);
  t.false(movableVertices(g, 1, 0).some(Boolean));
});
