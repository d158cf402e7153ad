// FusedArraySource: an array read through a generated chain. Its reader's position is the elements read, and it
// counts them, so a chain that drops or expands records (a fused filter or flatMap) still reports the elements read as
// the source's records read — the job's records in — while its records out are what the chain emitted.
import test from "ava";
import { StreamExecutionEnvironment, WatermarkStrategy, recordFunctionSink, type ReaderOutput, type Source } from "../../../runtime/index.js";
import { FusedArraySource, summarise, type FusedReadFunction } from "../../../runtime/support/index.js";

/** What a generated read loop with `filter x % 3 != 0 | flatMap [x, -x]` looks like (compiler/passes/emit-chains.ts). */
const keepNonMultiplesOf3Twice: FusedReadFunction<number, number> = (elements, from, to, out) => {
  for (let i = from; i < to; i++) {
    const x = elements[i]!;
    if (!(x % 3 !== 0)) continue;
    for (const y of [x, -x]) out.collect(y);
  }
};

const env = () => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);

test("a fused filter and flatMap: the source reads every element, emits what the chain puts out, and the job's records in are the elements read", async (t) => {
  const elements = Array.from({ length: 1500 }, (_, i) => i); // more than one poll of 512
  const out: number[] = [];
  const e = env();
  e.fromSource(new FusedArraySource(elements, keepNonMultiplesOf3Twice), WatermarkStrategy.noWatermarks(), "source:s").sinkTo(recordFunctionSink((x: number) => void out.push(x)), "sink:o");
  const result = await e.execute("fused");
  const expected = elements.filter((x) => x % 3 !== 0).flatMap((x) => [x, -x]);
  t.deepEqual(out, expected);
  const source = result.metrics.operators.find((o) => o.name === "source:s")!;
  t.is(source.recordsRead, 1500);
  t.is(source.recordsOut, 2000, "1000 of 1500 kept, each twice");
  t.is(source.recordsIn, 0, "as in Flink, no record crosses an edge into a source");
  t.is(result.metrics.operators.find((o) => o.name === "sink:o")!.recordsRead, 0, "only sources read");
  t.like(summarise(result.metrics), { recordsIn: 1500, recordsOut: 2000 });
});

test("a source whose reader does not count what it reads has read what it emitted", async (t) => {
  const source: Source<number> = {
    boundedness: "BOUNDED",
    createReader() {
      let next = 0;
      return {
        pollNext(output: ReaderOutput<number>, max: number) {
          for (let k = 0; k < max && next < 700; k++) output.collect(next++);
          return next < 700 ? "MORE_AVAILABLE" : "END_OF_INPUT";
        },
        isAvailable: () => Promise.resolve(),
      };
    },
  };
  const e = env();
  e.fromSource(source, WatermarkStrategy.noWatermarks(), "source:plain").sinkTo(recordFunctionSink(() => {}), "sink:o");
  const result = await e.execute("plain");
  const plain = result.metrics.operators.find((o) => o.name === "source:plain")!;
  t.is(plain.recordsRead, 700);
  t.is(plain.recordsOut, 700);
  t.is(summarise(result.metrics).recordsIn, 700);
});

test("the reader's position is the elements read; a restored reader counts what it reads from there", (t) => {
  const collected: number[] = [];
  const output: ReaderOutput<number> = { collect: (x) => void collected.push(x) };
  const reader = new FusedArraySource(Array.from({ length: 10 }, (_, i) => i), keepNonMultiplesOf3Twice).createReader();
  t.is(reader.pollNext(output, 4), "MORE_AVAILABLE");
  t.deepEqual(collected, [1, -1, 2, -2]);
  t.is(reader.snapshotState!(), 4, "4 elements read, whatever the chain emitted for them");
  t.is(reader.recordsRead!(), 4);
  const restored = new FusedArraySource(Array.from({ length: 10 }, (_, i) => i), keepNonMultiplesOf3Twice).createReader();
  restored.restoreState!(4);
  collected.length = 0;
  t.is(restored.pollNext(output, 100), "END_OF_INPUT");
  t.deepEqual(collected, [4, -4, 5, -5, 7, -7, 8, -8]);
  t.is(restored.recordsRead!(), 6, "elements 4..9, read by this reader");
});
