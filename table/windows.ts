// Flink's group windows (`Tumble.over(lit(10).seconds()).on($('ts')).as('w')`, Slide, Session, and Cumulate), each
// read as the windowing table-valued function Flink plans it as: TUMBLE, HOP (size, slide), SESSION (gap), CUMULATE.
import type { Expr as SqlExpr, Interval } from "../compiler/sql/ast.js";
import { Expression } from "./expressions.js";

export interface GroupWindow {
  readonly tvf: "TUMBLE" | "HOP" | "SESSION" | "CUMULATE";
  /** The TVF's interval arguments in its positional order: TUMBLE(size), HOP(slide, size), SESSION(gap), CUMULATE(step, size). */
  readonly intervals: readonly Interval[];
  /** The time attribute (the table's watermark column, or a PROCTIME() column). */
  readonly timeColumn: string;
  /** The name `$(alias).start()` and `$(alias).end()` refer to. */
  readonly alias: string;
}

function interval(e: Expression, what: string): Interval {
  if (e.node.kind !== "Interval") throw new Error(`${what}: expected an interval such as lit(10).seconds(), got ${e}`);
  return e.node;
}

function timeColumnOf(e: Expression, what: string): string {
  const n: SqlExpr = e.node;
  if (n.kind !== "ColumnRef" || n.path.length !== 1) throw new Error(`${what}.on(${e}): give the time attribute as a column, e.g. $('ts')`);
  return n.path[0]!.name;
}

class WindowOn {
  constructor(private readonly tvf: GroupWindow["tvf"], private readonly intervals: readonly Interval[], private readonly what: string) {}

  on(timeField: Expression): WindowAs {
    return new WindowAs({ tvf: this.tvf, intervals: this.intervals, timeColumn: timeColumnOf(timeField, this.what) }, this.what);
  }
}

class WindowAs {
  constructor(private readonly spec: Omit<GroupWindow, "alias">, private readonly what: string) {}

  as(alias: string): GroupWindow {
    if (alias.length === 0) throw new Error(`${this.what}.as(): give the window a name`);
    return { ...this.spec, alias };
  }
}

/** Tumbling windows of a fixed size: `Tumble.over(lit(10).minutes()).on($('ts')).as('w')`. */
export const Tumble = {
  over(size: Expression): WindowOn {
    return new WindowOn("TUMBLE", [interval(size, "Tumble.over")], "Tumble");
  },
};

/** Sliding (hopping) windows: `Slide.over(lit(10).seconds()).every(lit(5).seconds()).on($('ts')).as('w')`. */
export const Slide = {
  over(size: Expression): { every(slide: Expression): WindowOn } {
    const sizeInterval = interval(size, "Slide.over");
    return { every: (slide) => new WindowOn("HOP", [interval(slide, "Slide.every"), sizeInterval], "Slide") };
  },
};

/** Session windows closed by a gap of inactivity: `Session.withGap(lit(30).seconds()).on($('ts')).as('w')`. */
export const Session = {
  withGap(gap: Expression): WindowOn {
    return new WindowOn("SESSION", [interval(gap, "Session.withGap")], "Session");
  },
};

/**
 * Cumulating windows (Flink's CUMULATE TVF, which Flink's Table API lacks as a group window):
 * `Cumulate.over(lit(1).hours()).step(lit(10).minutes()).on($('ts')).as('w')` — from each hour, windows of 10, 20, …
 * 60 minutes, each emitted once at its end.
 */
export const Cumulate = {
  over(size: Expression): { step(step: Expression): WindowOn } {
    const sizeInterval = interval(size, "Cumulate.over");
    return { step: (step) => new WindowOn("CUMULATE", [interval(step, "Cumulate.step"), sizeInterval], "Cumulate") };
  },
};
