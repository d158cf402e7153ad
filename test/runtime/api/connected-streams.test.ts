// ConnectedStreams: two inputs, one operator, shared keyed state.
import test from "ava";
import { type KeyedCoProcessFunction, StreamExecutionEnvironment, type ValueState, ValueStateDescriptor } from "../../../runtime/index.js";

test("coMap maps each side with its own function", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const out = await env
    .fromElements(1, 2)
    .connect(env.fromElements("a"))
    .map({ map1: (n: number) => `n${n}`, map2: (s: string) => `s${s}` })
    .executeAndCollect();
  t.deepEqual([...out].sort(), ["n1", "n2", "sa"]);
});

test("keyed connected streams share state per key (an enrichment join)", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const names = env.fromElements({ id: 1, name: "ada" }, { id: 2, name: "bob" });
  const orders = env.fromElements({ user: 1, amount: 5 }, { user: 2, amount: 7 }, { user: 1, amount: 3 });
  class Enrich implements KeyedCoProcessFunction<number, { user: number; amount: number }, { id: number; name: string }, string> {
    name!: ValueState<string>;
    pending!: ValueState<number[]>;
    open(ctx: import("../../../runtime/index.js").RuntimeContext) {
      this.name = ctx.getState(new ValueStateDescriptor<string>("name"));
      this.pending = ctx.getState(new ValueStateDescriptor<number[]>("pending"));
    }
    processElement1(o: { user: number; amount: number }, _c: unknown, out: { collect(s: string): void }) {
      const n = this.name.value();
      if (n === undefined) this.pending.update([...(this.pending.value() ?? []), o.amount]);
      else out.collect(`${n}:${o.amount}`);
    }
    processElement2(u: { id: number; name: string }, _c: unknown, out: { collect(s: string): void }) {
      this.name.update(u.name);
      for (const a of this.pending.value() ?? []) out.collect(`${u.name}:${a}`);
      this.pending.update(undefined);
    }
  }
  const out = await orders
    .connect(names)
    .keyBy((o) => o.user, (u) => u.id)
    .process(new Enrich())
    .executeAndCollect();
  t.deepEqual([...out].sort(), ["ada:3", "ada:5", "bob:7"]);
});

test("connecting a keyed with an unkeyed stream is rejected", (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const a = env.fromElements(1).keyBy((x) => x);
  t.throws(() => a.connect(env.fromElements(2)).process({ processElement1: () => {}, processElement2: () => {} }), { message: /key both streams/ });
});
