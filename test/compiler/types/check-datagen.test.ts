// `datagen(…)` sources: valid field settings check clean; each misuse is FLOW3059 at the setting it is about.
import test from "ava";
import { checksClean, reports } from "../helpers/check.js";

const source = (args: string, schema = "{ id: int, name: string, score: float, at: timestamp }") =>
  `source g: ${schema} = datagen(${args})\nsink out = collect()\njob j {\n  g | to out\n}\n`;

test("sequences, random bounds and string lengths check clean", (t) => {
  checksClean(t, source(`rows: 10, seed: 3, fields: { id: { kind: "sequence", start: 1, end: 10 }, name: { length: 5 }, score: { min: 0, max: 1 }, at: { kind: "sequence", start: 0, end: 9000 } }`));
  checksClean(t, source("rate: 5"));
});

test("each bad setting is FLOW3059 at what is wrong", (t) => {
  reports(t, source(`fields: { ⟦nope⟧: { length: 1 } }`), "FLOW3059");
  reports(t, source(`fields: { id: { kind: ⟦"cycle"⟧ } }`), "FLOW3059");
  reports(t, source(`fields: { id: ⟦{ kind: "sequence", start: 5 }⟧ }`), "FLOW3059");
  reports(t, source(`fields: { score: ⟦{ kind: "sequence", start: 1, end: 2 }⟧ }`), "FLOW3059");
  reports(t, source(`fields: { id: ⟦{ min: 3, max: 1 }⟧ }`), "FLOW3059");
  reports(t, source(`fields: { name: { ⟦size⟧: 3 } }`), "FLOW3059");
  reports(t, source(`fields: { name: { length: ⟦-1⟧ } }`), "FLOW3059");
  reports(t, source(`fields: ⟦[1]⟧`), "FLOW3059");
  reports(t, source("rows: 1", "{ tags: [string] }").replace("datagen", "⟦datagen⟧"), "FLOW3059");
});
