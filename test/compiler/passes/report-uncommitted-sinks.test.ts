// FLOW5013: a file or exactly-once postgres sink in a job without checkpoints that reads an unbounded source would
// never make its output visible.
import test from "ava";
import { checkText, PRELUDE, reports } from "../helpers/check.js";

const LIVE = `${PRELUDE}source live: Txn = file("in.jsonl", watch: true)\nsource once: Txn = file("in.jsonl")\nsink f = file("out/txns.jsonl")\nsink db = postgres(url: "postgres://h/db", table: "t")\nsink up = postgres(url: "postgres://h/db", table: "t", mode: "upsert", key: "id")\n`;
const codes = (source: string) => checkText(source).diagnostics.map((d) => d.code);

test("a watched file or a socket feeding a file or exactly-once postgres sink without checkpoints: FLOW5013 at the `to`", (t) => {
  reports(t, `${LIVE}job j { live | ⟦to f⟧ }\n`, "FLOW5013");
  reports(t, `${LIVE}job j { live | filter amount > 1.0 | ⟦to db⟧ }\n`, "FLOW5013");
  reports(t, `${LIVE}source sock: Txn = socket("localhost", 9000)\njob j { sock | ⟦to f⟧ }\n`, "FLOW5013");
  reports(t, `${LIVE}job j {\n let l = once | union live\n l | ⟦to f⟧\n}\n`, "FLOW5013");
});

test("no warning with checkpoints, for bounded inputs, or for an upsert sink", (t) => {
  t.false(codes(`${LIVE}job j {\n checkpoint every 10s\n live | to f\n}\n`).includes("FLOW5013"));
  t.false(codes(`${LIVE}job j { once | to f }\n`).includes("FLOW5013"));
  t.false(codes(`${LIVE}job j { live | to up }\n`).includes("FLOW5013"));
  t.false(codes(`${LIVE}job j { live | to out }\n`).includes("FLOW5013"));
});
