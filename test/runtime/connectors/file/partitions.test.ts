// Partition directories of the file sink (Hive-style, escaped as Flink does) and the time a partition stands for.
import test from "ava";
import fc from "fast-check";
import {
  DEFAULT_PARTITION_NAME,
  escapePartitionName,
  extractPartitionTime,
  parsePartitionTimestamp,
  partitionPathOf,
  partitionValuesOf,
  unescapePartitionName,
} from "../../../../runtime/connectors/file/partitions.js";

test("a record's partition directory is key=value per partition column, in the order of the columns", (t) => {
  const pathOf = partitionPathOf<Record<string, unknown>>(["dt", "hm"]);
  t.is(pathOf({ hm: "12:05", dt: "2015-07-15", price: 3 }), "dt=2015-07-15/hm=12%3A05");
  t.is(partitionPathOf<Record<string, unknown>>(["k"])({ k: 7 }), "k=7");
});

test("null and empty partition values go to Flink's default partition", (t) => {
  const pathOf = partitionPathOf<Record<string, unknown>>(["a", "b"]);
  t.is(pathOf({ a: null, b: "" }), `a=${DEFAULT_PARTITION_NAME}/b=${DEFAULT_PARTITION_NAME}`);
  t.is(pathOf({ b: "x" }), `a=${DEFAULT_PARTITION_NAME}/b=x`);
});

test("escaping: separators, '=', ':', '%' and control characters become %XX (Hive's and Flink's list); others stay", (t) => {
  t.is(escapePartitionName("a/b=c:d%e"), "a%2Fb%3Dc%3Ad%25e");
  t.is(escapePartitionName("tab\there"), "tab%09here");
  t.is(escapePartitionName("plain-value_1.2 x"), "plain-value_1.2 x");
  t.is(escapePartitionName("ünï"), "ünï");
});

test("property: unescape(escape(s)) = s, and an escaped value has no '/' or '=' (one directory level, one key)", (t) => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (s) => {
      const escaped = escapePartitionName(s);
      return unescapePartitionName(escaped) === s && !escaped.includes("/") && !escaped.includes("=");
    }),
    { seed: 20261206 },
  );
  t.pass();
});

test("a partition path reads back to its values; a path of other keys or depth is not a partition", (t) => {
  const values = partitionValuesOf("dt=2015-07-15/hm=12%3A05", ["dt", "hm"]);
  t.deepEqual(values && [...values], [["dt", "2015-07-15"], ["hm", "12:05"]]);
  t.is(partitionValuesOf("dt=2015-07-15", ["dt", "hm"]), null);
  t.is(partitionValuesOf("day=2015-07-15/hm=12%3A05", ["dt", "hm"]), null);
  t.is(partitionValuesOf("dt=2015-07-15/hm12", ["dt", "hm"]), null);
});

test("partition time: `$dt $hm:00` over dt=2015-07-15, hm=12:05 is 2015-07-15 12:05:00 UTC", (t) => {
  const values = new Map([["dt", "2015-07-15"], ["hm", "12:05"]]);
  t.is(extractPartitionTime("$dt $hm:00", ["dt", "hm"], values), Date.UTC(2015, 6, 15, 12, 5, 0));
});

test("partition time without a pattern is the first partition value (Flink's default extractor)", (t) => {
  t.is(extractPartitionTime(null, ["day", "hour"], new Map([["day", "2020-02-29"], ["hour", "7"]])), Date.UTC(2020, 1, 29));
  t.is(extractPartitionTime(null, ["ts"], new Map([["ts", "2020-02-29 23:59:59.5"]])), Date.UTC(2020, 1, 29, 23, 59, 59, 500));
});

test("longer keys are substituted first: `$dt` is not `$d` followed by `t`", (t) => {
  const values = new Map([["d", "99"], ["dt", "2015-07-15"], ["h", "08"]]);
  t.is(extractPartitionTime("$dt $h:00:00", ["d", "dt", "h"], values), Date.UTC(2015, 6, 15, 8));
});

test("a partition whose time does not read as yyyy-MM-dd[ HH:mm:ss] is a user error naming the partition", (t) => {
  const error = t.throws(() => extractPartitionTime("$dt $hm", ["dt", "hm"], new Map([["dt", "2015-07-15"], ["hm", "12:05"]])));
  t.regex(error.message, /partition dt=2015-07-15\/hm=12:05: its time '2015-07-15 12:05' .* is not 'yyyy-MM-dd HH:mm:ss'/);
});

test("timestamps: real dates only, UTC, fractions to the millisecond", (t) => {
  t.is(parsePartitionTimestamp("1970-01-01 00:00:00"), 0);
  t.is(parsePartitionTimestamp("2015-02-30"), null);
  t.is(parsePartitionTimestamp("2015-07-15 24:00:00"), null);
  t.is(parsePartitionTimestamp("2015-07-15 12:00"), null);
  t.is(parsePartitionTimestamp("2015-07-15 12:00:00.123456"), Date.UTC(2015, 6, 15, 12, 0, 0, 123));
});
