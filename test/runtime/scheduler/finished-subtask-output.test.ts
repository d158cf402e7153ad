// A subtask that ends with more output than its ring to another worker has room for (windows firing at the end of
// input, all at once) has finished, yet its scheduler keeps it until the rest is in the ring: the records and the end
// of input reach the consumer. Before, the scheduler stopped once no subtask was running, and the entries waiting for
// room were lost — the consumer never ended (Nexmark q5 hung on the pool beside other jobs, whose load on the
// consumer's worker let the ring fill up).
import test from "ava";
import { Duration, ManualClock, StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from "../../../runtime/index.js";
import { placeSubtasks, planChannels } from "../../../runtime/graph/deployment.js";
import { buildExecutionGraph } from "../../../runtime/graph/execution-graph.js";
import { buildJobGraph } from "../../../runtime/graph/job-graph.js";
import { createGenericBatchCodec } from "../../../runtime/network/batch-codec.js";
import { Doorbell } from "../../../runtime/network/doorbell.js";
import { PoolChannelFactory, type RingDescription } from "../../../runtime/network/pool-channel-factory.js";
import { allocateRing } from "../../../runtime/network/shared-ring-channel.js";
import { SingleThreadScheduler } from "../../../runtime/scheduler/single-thread-scheduler.js";

const KEYS = 20_000;

test("a finished subtask's output that found no room in its ring still reaches the consumer, then its end", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const received: number[] = [];
  env
    .fromCollection(Array.from({ length: KEYS }, (_, i) => ({ key: i, at: i % 1000 })))
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<{ key: number; at: number }>().withTimestampAssigner((e) => e.at))
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
    .reduce((a) => a) // every key's window fires at the end of input: KEYS records in one burst
    .map((e) => e.key)
    .startNewChain()
    .sinkTo((k) => void received.push(k));
  const job = buildJobGraph(env.getStreamGraph("burst"), true);
  // the window on worker 0, the map and sink after it on worker 1: one ring between them, far smaller than the burst
  t.is(job.vertices.length, 2, job.vertices.map((v) => v.name).join(" | "));
  const placement = { ...placeSubtasks(job, 2, 0), workerOf: [[0], [1]] };
  const rings: Record<string, RingDescription> = {};
  for (const c of planChannels(job, placement)) {
    if (c.producer.worker !== c.consumer.worker) rings[c.id] = { buffer: allocateRing(c.id, 1 << 16, c.producer.worker, c.consumer.worker).buffer, producerWorker: c.producer.worker, consumerWorker: c.consumer.worker };
  }
  t.is(Object.keys(rings).length, 1, "one channel crosses the workers");
  const bells = [Doorbell.create(), Doorbell.create()];
  const clock = new ManualClock();
  const worker = (self: number) => {
    const scheduler: SingleThreadScheduler = new SingleThreadScheduler({ clock, sliceBudget: 8, peers: bells[self]! });
    const execution = buildExecutionGraph(
      job,
      { jobName: "burst", mode: "STREAMING", clock, batchSize: 256, channelCapacity: 1024, watermarkInterval: 0, seed: 1, attemptNumber: 0, jobParameters: {}, monotonicNow: () => performance.now(), schedule: (s, ts, a) => scheduler.schedule(s, ts, a) },
      new PoolChannelFactory(self, placement, rings, bells, createGenericBatchCodec(), 1024),
    );
    return { scheduler, execution };
  };
  const producer = worker(0);
  const consumer = worker(1);
  for (const s of [...producer.execution.subtasks, ...consumer.execution.subtasks]) await s.open();
  // both workers' schedulers in this thread: while the producer fires its windows the consumer cannot read, so most
  // of the burst waits for room
  const consumed = consumer.scheduler.run(consumer.execution.subtasks);
  const produced = producer.scheduler.run(producer.execution.subtasks);
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([Promise.all([produced, consumed]).then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), 20_000)))]);
  clearTimeout(timer);
  producer.scheduler.cancel();
  consumer.scheduler.cancel();
  t.true(ended, `the consumer did not end: ${received.length} of ${KEYS} records arrived`);
  t.is(received.length, KEYS);
  t.deepEqual([...received].sort((a, b) => a - b), Array.from({ length: KEYS }, (_, i) => i));
});
