// A rich window function is copied per parallel subtask: fields set in open belong to one subtask.
import test from "ava";
import { AbstractRichFunction, CollectionSource, StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from "../../../runtime/index.js";

const opened = new Set<Tag>();

class Tag extends AbstractRichFunction {
  subtask = -1;
  override open() {
    this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    opened.add(this);
  }
  process(key: number, _ctx: unknown, elements: readonly number[], out: { collect(s: string): void }) {
    out.collect(`${key}@${this.subtask}:${elements.length}`);
  }
}

test("each subtask opens and uses its own copy of the window function", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
  const out = await env
    .fromSource(new CollectionSource(Array.from({ length: 60 }, (_, i) => i)), WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((x) => x), "n")
    .keyBy((x) => x % 6)
    .window(TumblingEventTimeWindows.of(100))
    .process(new Tag())
    .executeAndCollect();
  t.is(opened.size, 3, "three subtasks, three instances");
  t.is(new Set(out.map((s) => s.split("@")[1]!.split(":")[0])).size > 1, true, `keys fired in more than one subtask: ${out.join(" ")}`);
});
