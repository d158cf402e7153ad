// The PatternStream API end to end: select, flatSelect, timeouts to side outputs, late data, non-keyed streams, processing time, rich functions.
import test from "ava";
import { AfterMatchSkipStrategy, CEP, MalformedPatternError, Pattern, type Match, type PatternProcessFunction } from "../../../cep/index.js";
import {
  AbstractRichFunction,
  type Collector,
  CollectionSource,
  type DataStream,
  ManualClock,
  OutputTag,
  type RuntimeContext,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";

interface E {
  readonly user: string;
  readonly type: string;
  readonly ts: number;
}
const e = (user: string, type: string, ts: number): E => ({ user, type, ts });
const is = (type: string) => (x: E) => x.type === type;
const show = (m: Match<E>) => [...m.values()].flat().map((x) => `${x.type}${x.ts}`).join(" ");

function source(events: E[], opts: { bound?: number; batch?: number; parallelism?: number } = {}) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(opts.parallelism ?? 2);
  env.getConfig().setBatchSize(opts.batch ?? 512);
  const ws = WatermarkStrategy.forBoundedOutOfOrderness<E>(opts.bound ?? 0).withTimestampAssigner((x) => x.ts);
  return { env, stream: env.fromSource(new CollectionSource(events), ws, "events") };
}

async function collect<T = unknown>(env: StreamExecutionEnvironment, ...streams: DataStream<any>[]): Promise<T[][]> {
  const outs = streams.map(() => [] as T[]);
  streams.forEach((s, i) => s.sinkTo((v) => void outs[i]!.push(v)));
  await env.execute();
  return outs;
}

const login = () =>
  Pattern.begin<E>("fail", AfterMatchSkipStrategy.skipPastLastEvent()).where(is("fail")).times(2).consecutive().next("ok").where(is("ok")).within(100);

const EVENTS = [e("u1", "fail", 1), e("u2", "fail", 2), e("u1", "fail", 3), e("u1", "ok", 4), e("u2", "ok", 5), e("u3", "fail", 6), e("u3", "fail", 7)];

test("select: one result per match, per key", async (t) => {
  const { env, stream } = source(EVENTS);
  const [out] = await collect(env, CEP.pattern(stream.keyBy((x) => x.user), login()).select((m) => `${m.get("ok")![0]!.user}: ${show(m)}`));
  t.deepEqual(out, ["u1: fail1 fail3 ok4"]);
});

test("select with a timeout tag: timed-out partial matches on the side output, stamped with their expiry", async (t) => {
  const { env, stream } = source(EVENTS);
  const tag = new OutputTag<string>("timed-out");
  const matches = CEP.pattern(stream.keyBy((x) => x.user), login()).select(tag, (m, at) => `${show(m)} expired at ${at}`, (m) => show(m));
  const stamps: number[] = [];
  matches.getSideOutput(tag).sinkTo((_v, c) => void stamps.push(c.timestamp!));
  const [main, timeouts] = await collect(env, matches, matches.getSideOutput(tag));
  t.deepEqual(main, ["fail1 fail3 ok4"]);
  // why: u2's fail2 is not a timeout: ok5 broke its strict contiguity; u3's two runs wait for an ok
  t.deepEqual([...timeouts!].sort(), ["fail6 fail7 expired at 106", "fail7 expired at 107"]);
  t.deepEqual([...stamps].sort((a, b) => a - b), [106, 107]);
});

test("flatSelect, plain and with timeouts, emits any number of results", async (t) => {
  const { env, stream } = source(EVENTS);
  const keyed = stream.keyBy((x) => x.user);
  const each = CEP.pattern(keyed, login()).flatSelect((m: Match<E>, out: Collector<string>) => {
    for (const x of [...m.values()].flat()) out.collect(`${x.type}${x.ts}`);
  });
  const tag = new OutputTag<number>("sizes");
  const withTimeouts = CEP.pattern(keyed, login()).flatSelect(
    tag,
    (m: Match<E>, _at: number, out: Collector<number>) => {
      out.collect([...m.values()].flat().length);
      out.collect(-1);
    },
    (_m: Match<E>, _out: Collector<string>) => {},
  );
  const [flat, sizes] = await collect(env, each, withTimeouts.getSideOutput(tag));
  t.deepEqual(flat, ["fail1", "fail3", "ok4"]);
  t.deepEqual([...(sizes as number[])].sort(), [-1, -1, 1, 2]);
});

test("process: a PatternProcessFunction with a timeout handler, opened as a rich function on every subtask", async (t) => {
  const opened: number[] = [];
  const tag = new OutputTag<string>("late-logins");
  class Alerts extends AbstractRichFunction implements PatternProcessFunction<E, string> {
    override open(ctx: RuntimeContext): void {
      opened.push(ctx.getIndexOfThisSubtask());
    }
    processMatch(m: Match<E>, ctx: { timestamp(): number }, out: Collector<string>): void {
      out.collect(`${show(m)}@${ctx.timestamp()}`);
    }
    processTimedOutMatch(m: Match<E>, ctx: { output<X>(tag: OutputTag<X>, v: X): void; timestamp(): number }): void {
      ctx.output(tag, `${show(m)}@${ctx.timestamp()}`);
    }
  }
  const { env, stream } = source(EVENTS, { parallelism: 3 });
  const out = CEP.pattern(stream.keyBy((x) => x.user), login()).process(new Alerts());
  const [main, side] = await collect(env, out, out.getSideOutput(tag));
  t.deepEqual(main, ["fail1 fail3 ok4@4"]);
  t.deepEqual([...side!].sort(), ["fail6 fail7@106", "fail7@107"]);
  t.deepEqual([...opened].sort(), [0, 1, 2]);
});

test("a non-keyed stream is matched as one sequence, on one subtask", async (t) => {
  const { env, stream } = source(EVENTS, { parallelism: 4 });
  const p = Pattern.begin<E>("fail").where(is("fail")).next("ok").where(is("ok"));
  const out = CEP.pattern(stream, p).select((m) => show(m));
  t.is((out.getTransformation() as { parallelism: number | null }).parallelism, 1);
  const [got] = await collect(env, out);
  t.deepEqual(got, ["fail3 ok4"], "across users: only fail3 is directly followed by an ok");
});

test("sideOutputLateData: events behind the watermark go to the tag, the rest is matched", async (t) => {
  // One record per batch: the watermark (max − 1) follows every record, so fail@2 after ok@9 is late.
  const events = [e("u", "fail", 5), e("u", "ok", 9), e("u", "fail", 2), e("u", "fail", 10), e("u", "ok", 11)];
  const { env, stream } = source(events, { batch: 1 });
  const late = new OutputTag<E>("late");
  const p = Pattern.begin<E>("fail").where(is("fail")).next("ok").where(is("ok"));
  const out = CEP.pattern(stream.keyBy((x) => x.user), p).sideOutputLateData(late).select((m) => show(m));
  const [main, lates] = await collect(env, out, out.getSideOutput(late));
  t.deepEqual(main, ["fail5 ok9", "fail10 ok11"]);
  t.deepEqual(lates, [e("u", "fail", 2)]);
});

test("inProcessingTime: arrival order, the clock's time; event timestamps are not needed", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(new ManualClock(500));
  const events = [e("u", "fail", 9), e("u", "ok", 1)];
  const stream = env.fromCollection(events);
  const p = Pattern.begin<E>("fail").where(is("fail")).next("ok").where(is("ok"));
  const seen: Array<number | null> = [];
  const out = CEP.pattern(stream.keyBy((x) => x.user), p)
    .inProcessingTime()
    .process({
      processMatch(m, ctx, o: Collector<string>) {
        o.collect(`${show(m)}@${ctx.timestamp()}`);
      },
    });
  out.sinkTo((_v, c) => void seen.push(c.timestamp));
  const [got] = await collect(env, out);
  t.deepEqual(got, ["fail9 ok1@500"]);
  t.deepEqual(seen, [null], "no event timestamp on processing-time results");
});

test("a malformed pattern fails when the job is built, not while it runs", (t) => {
  const { stream } = source(EVENTS);
  const p = Pattern.begin<E>("a").where(is("fail")).notFollowedBy("b").where(is("ok"));
  t.throws(() => CEP.pattern(stream.keyBy((x) => x.user), p).select((m) => show(m)), { instanceOf: MalformedPatternError });
});
