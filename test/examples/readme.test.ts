// The README's promises: its DataStream example is the file the test runs, and it gives the stated result.
import test from "ava";
import { readFileSync } from "node:fs";
import { clicksPerUser } from "../../examples/datastream-quickstart.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

test("the README shows examples/datastream-quickstart.ts verbatim", (t) => {
  const file = readFileSync(new URL("../../examples/datastream-quickstart.ts", import.meta.url), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  t.is(block, file);
});

test("the quick start counts clicks per user and 10-second window, ignoring health checks", async (t) => {
  const out = await clicksPerUser([
    { user: "ada", page: "/", ts: 1_000 },
    { user: "bob", page: "/cart", ts: 2_000 },
    { user: "ada", page: "/health", ts: 3_000 },
    { user: "ada", page: "/cart", ts: 9_000 },
    { user: "ada", page: "/pay", ts: 12_000 },
  ]);
  t.deepEqual(
    [...out].sort((a, b) => a.windowEnd - b.windowEnd || a.user.localeCompare(b.user)),
    [
      { user: "ada", clicks: 2, windowEnd: 10_000 },
      { user: "bob", clicks: 1, windowEnd: 10_000 },
      { user: "ada", clicks: 1, windowEnd: 20_000 },
    ],
  );
});

test("the README's .flow program is the word count example that is golden-tested", (t) => {
  const flow = /```flow\n([\s\S]*?)```/.exec(readme)?.[1];
  const example = readFileSync(new URL("../../dsl-examples/wordcount/wordcount.flow", import.meta.url), "utf8");
  t.truthy(flow);
  t.true(example.includes(flow!.trim()), "dsl-examples/wordcount/wordcount.flow contains the README program");
});
