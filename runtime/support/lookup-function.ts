// `lookup t as s on …`: enriches each record with the rows of a bounded table that match it (Flink's lookup join
// against a filesystem table). Every subtask loads the whole table as it opens — before its first record, so what a
// record finds never depends on timing — indexes it by key, and keeps nothing else. There is no state to checkpoint:
// after a restore the table is loaded again, and as long as its file (or collection) is the one the job started with,
// every replayed record finds the rows it found before, so the output stays exactly-once.
import { SystemClock, type Collector, type Source } from "../index.js";

/** Rows of a table as a caller gives them in place of the declared source (RunOptions' `sources`). */
export type GivenRows<R> = Iterable<R> | AsyncIterable<R>;

export interface LookupSpec<L, R, O> {
  /** `lookup#<node>` and where the lookup is written, for messages. */
  readonly name: string;
  /** The table's source name. */
  readonly table: string;
  /** The table's rows as the caller gives them, else undefined: the declared source is loaded. */
  readonly given: GivenRows<R> | undefined;
  /** The declared source (a collection, a file that is not watched): read to its end when the operator opens. */
  readonly source: () => Source<R>;
  /** The key of an input record and of a table row: one value, or an array for several equalities. */
  readonly leftKey: (record: L) => unknown;
  readonly rightKey: (row: R) => unknown;
  /** The whole condition (the key equalities and any other conjunct), checked on each row the key finds. */
  readonly matches: (record: L, row: R) => boolean;
  /** The output record: the input's fields and the alias holding the row (null for a `left lookup` without match). */
  readonly combine: (record: L, row: R | null) => O;
  /** `left lookup`: a record without a matching row is emitted once, with a null row. */
  readonly outer: boolean;
}

export interface LookupFunction<L, O> {
  index: Map<unknown, unknown[]> | null;
  open(): Promise<void>;
  flatMap(record: L, out: Collector<O>): void;
}

export function lookupFunction<L, R, O>(spec: LookupSpec<L, R, O>): LookupFunction<L, O> {
  return {
    // why a field set in open: each subtask opens its own shallow copy of this object (copyForSubtask)
    index: null,
    async open() {
      const rows = spec.given === undefined ? await readToEnd(spec.source()) : await collectGiven(spec.given);
      this.index = indexRows(rows, spec.rightKey);
    },
    flatMap(record, out) {
      const rows = this.index!.get(indexKey(spec.leftKey(record))) as R[] | undefined;
      let matched = false;
      if (rows !== undefined) {
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          if (spec.matches(record, row)) {
            out.collect(spec.combine(record, row));
            matched = true;
          }
        }
      }
      if (!matched && spec.outer) out.collect(spec.combine(record, null));
    },
  };
}

/** The table's rows by key, in the table's order (so several matches come out in the order the table lists them). */
function indexRows<R>(rows: readonly R[], keyOf: (row: R) => unknown): Map<unknown, unknown[]> {
  const index = new Map<unknown, unknown[]>();
  for (const row of rows) {
    const key = indexKey(keyOf(row));
    const same = index.get(key);
    if (same === undefined) index.set(key, [row]);
    else same.push(row);
  }
  return index;
}

/**
 * A key as a Map key: a single primitive as it is (Map compares numbers and strings by value), several values or a
 * structured one as JSON. The index only narrows the rows a record is checked against; `matches` decides.
 */
function indexKey(key: unknown): unknown {
  if (key === undefined) return null;
  return typeof key === "object" && key !== null ? JSON.stringify(key) : key;
}

async function collectGiven<R>(given: GivenRows<R>): Promise<R[]> {
  if (Array.isArray(given)) return given as R[];
  const rows: R[] = [];
  if (Symbol.asyncIterator in (given as object)) for await (const row of given as AsyncIterable<R>) rows.push(row);
  else for (const row of given as Iterable<R>) rows.push(row);
  return rows;
}

/** Rows read per poll while loading. */
const LOAD_BATCH = 1024;

/** Reads a bounded source to its end (its lines that do not fit the schema go to the dead-letter output as usual). */
async function readToEnd<R>(source: Source<R>): Promise<R[]> {
  const rows: R[] = [];
  const reader = source.createReader({ subtaskIndex: 0, parallelism: 1, clock: new SystemClock() });
  const output = { collect: (row: R) => void rows.push(row) };
  try {
    for (;;) {
      const status = reader.pollNext(output, LOAD_BATCH);
      if (status === "END_OF_INPUT") return rows;
      if (status === "NOTHING_AVAILABLE") await reader.isAvailable();
    }
  } finally {
    await reader.close?.();
  }
}
