// The catalogue of every diagnostic the compiler can emit: stable codes, severities and message texts.
// Codes never change meaning once released; `{name}` placeholders are filled from the report's arguments.
//   FLOW1xxx syntax · FLOW2xxx names · FLOW3xxx types · FLOW4xxx stream semantics · FLOW5xxx warnings.
//   SQL2xxx Flink SQL syntax · SQL3xxx Flink SQL names, tables and queries (compiler/sql/, listed in docs/sql.md).

export interface MessageTemplate {
  readonly severity: "error" | "warning";
  /** Short title, used in docs/language.md's table. */
  readonly title: string;
  readonly text: string;
  readonly hint?: string;
}

export const messages = {
  // ── syntax ──
  FLOW1001: { severity: "error", title: "syntax error", text: "expected {expected}, found {found}" },
  FLOW1002: {
    severity: "error",
    title: "integer out of range",
    text: "integer {raw} is larger than the largest safe integer (2^53 - 1)",
    hint: "use a float literal (e.g. 1.0e20) if you need a large number",
  },
  FLOW1003: {
    severity: "error",
    title: "invalid timestamp",
    text: "@{raw} is not a valid timestamp",
    hint: "write an ISO 8601 instant such as @2024-03-01T12:00:00Z",
  },
  FLOW1004: { severity: "error", title: "nesting too deep", text: "the program is nested too deeply to parse", hint: "split deeply nested expressions with `let` or `extend` steps" },

  // ── names ──
  FLOW2001: { severity: "error", title: "duplicate declaration", text: "`{name}` is defined more than once" },
  FLOW2002: { severity: "error", title: "unknown type", text: "unknown type `{name}`", hint: "declare it with `schema {name} { … }` or import it" },
  FLOW2003: { severity: "error", title: "unknown stream", text: "unknown stream `{name}`", hint: "a pipeline starts at a source or a `let` of the same job" },
  FLOW2004: { severity: "error", title: "unknown sink", text: "unknown sink `{name}`" },
  FLOW2005: { severity: "error", title: "unknown field", text: "no field `{name}` in {type}" },
  FLOW2006: { severity: "error", title: "unknown function", text: "unknown function `{name}`" },
  FLOW2007: { severity: "error", title: "unknown pattern", text: "unknown pattern `{name}`" },
  FLOW2008: { severity: "error", title: "unknown connector", text: "unknown {role} connector `{name}`", hint: "available: {available}" },
  FLOW2009: { severity: "error", title: "cannot read import", text: "cannot read `{path}`", hint: "looked for {resolved}: import paths are relative to the importing file" },
  FLOW2010: { severity: "error", title: "missing export", text: "`{path}` has no export named `{name}`" },
  FLOW2011: { severity: "error", title: "unknown stage", text: "pattern `{pattern}` has no stage `{name}`" },
  FLOW2012: { severity: "error", title: "stream used before definition", text: "stream `{name}` is used before it is defined", hint: "move the definition above its first use" },
  FLOW2013: {
    severity: "error",
    title: "conflicting schema redeclaration",
    text: "schema `{name}` redeclares an imported schema with a different structure",
    hint: "redeclaring an imported schema is allowed only when both declarations are identical",
  },
  FLOW2014: { severity: "error", title: "shadowed built-in", text: "`{name}` is a built-in function and cannot be redefined" },
  FLOW2015: { severity: "error", title: "unknown window assigner", text: "unknown window assigner `{name}`", hint: "use tumbling(size), sliding(size, slide), session(gap), count(n) or global" },
  FLOW2016: { severity: "error", title: "unknown parameter", text: "`{callee}` has no parameter `{name}`", hint: "parameters: {available}" },
  FLOW2017: { severity: "error", title: "unknown restart strategy", text: "unknown restart strategy `{name}`", hint: "use fixed(attempts: n, delay: d), exponential(initial: d, max: d) or none" },
  FLOW2018: { severity: "error", title: "duplicate field", text: "field `{name}` is given more than once" },
  FLOW2019: { severity: "error", title: "unsupported import", text: "cannot import from `{path}`", hint: "import TypeScript functions from a .ts file, or declarations from a .flow file" },
  FLOW2020: { severity: "error", title: "import cycle", text: "`{path}` imports itself through a cycle" },
  FLOW2021: { severity: "error", title: "wrong kind of name", text: "`{name}` is a {actual}, not a {expected}" },
  FLOW2022: { severity: "error", title: "stage shadows field", text: "stage `{name}` has the name of a field of `{schema}`", hint: "rename the stage" },
  FLOW2023: { severity: "error", title: "recursive schema", text: "schema `{name}` contains itself", hint: "records cannot be recursive; reference related records by key instead" },
  FLOW2040: {
    severity: "error",
    title: "cannot read model",
    text: "cannot read the model saved at `{path}`: {reason}",
    hint: "looked in {resolved}: a model path is relative to the .flow file, and names a directory an ml/ model was saved to (`model.save(dir)`)",
  },
  FLOW2041: {
    severity: "error",
    title: "unknown model stage",
    text: "the model saved at `{path}` holds a `{className}`{where}, which `predict` cannot check",
    hint: "`predict` scores records with fitted models and row-wise transformers: {supported}",
  },
  FLOW2050: {
    severity: "error",
    title: "unknown learner",
    text: "unknown online learner `{name}`",
    hint: "{suggestion}`train` runs the online learners of ml/: {available}",
  },
  FLOW2051: {
    severity: "error",
    title: "not a model stream",
    text: "`{name}` is not a model stream: `predict latest(…)` takes a `let` whose pipeline ends with `train …`",
    hint: "name the training's output, `let {name} = records | train OnlineLogisticRegression(…)`, and score with `predict latest({name})`",
  },

  // ── types ──
  FLOW3001: { severity: "error", title: "type mismatch", text: "expected {expected}, found {actual}" },
  FLOW3002: { severity: "error", title: "invalid operand types", text: "operator `{op}` cannot be applied to {left} and {right}" },
  FLOW3003: { severity: "error", title: "invalid operand type", text: "operator `{op}` cannot be applied to {operand}" },
  FLOW3004: { severity: "error", title: "wrong argument count", text: "`{name}` takes {expected} argument(s), found {actual}" },
  FLOW3005: { severity: "error", title: "argument type mismatch", text: "argument `{param}` of `{name}` expects {expected}, found {actual}" },
  FLOW3006: {
    severity: "error",
    title: "possibly null",
    text: "this value of type {type} may be null",
    hint: "supply a default with `??`, e.g. `x ?? 0`",
  },
  FLOW3007: { severity: "error", title: "not a record", text: "cannot access field `{name}` of {type}" },
  FLOW3008: { severity: "error", title: "not an array", text: "expected an array, found {type}" },
  FLOW3009: { severity: "error", title: "incompatible types", text: "{what} have incompatible types {left} and {right}" },
  FLOW3010: { severity: "error", title: "misplaced lambda", text: "a lambda can only be the argument of `reduce`" },
  FLOW3011: { severity: "error", title: "invalid reducer", text: "`reduce` takes a lambda with two parameters, `(a, b) => { … }`" },
  FLOW3012: { severity: "error", title: "sink type mismatch", text: "records of type {actual} cannot be written to sink `{name}` of type {expected}" },
  FLOW3013: { severity: "error", title: "conflicting sink inputs", text: "sink `{name}` receives records of incompatible types {left} and {right}", hint: "declare the sink's type, or make the pipelines produce the same record" },
  FLOW3014: { severity: "error", title: "union of different types", text: "cannot union {left} with `{name}` of type {right}" },
  FLOW3015: { severity: "error", title: "unsupported TypeScript type", text: "TypeScript type `{tsType}` of {what} cannot be used from .flow", hint: "use number, string, boolean, arrays and object types" },
  FLOW3016: { severity: "error", title: "named argument not allowed", text: "`{name}` does not take named arguments" },
  FLOW3017: { severity: "error", title: "missing source type", text: "cannot infer the record type of source `{name}`", hint: "annotate it: `source {name}: MySchema = …`" },
  FLOW3018: { severity: "error", title: "watermark field not a timestamp", text: "watermark field `{name}` has type {type}, expected timestamp" },
  FLOW3019: { severity: "error", title: "not a record type", text: "{what} must be a record type, found {type}" },
  FLOW3020: { severity: "error", title: "pattern input mismatch", text: "pattern `{pattern}` matches {expected} events, but the stream carries {actual}" },
  FLOW3021: { severity: "error", title: "process output unknown", text: "cannot infer the output record of process function `{name}`", hint: "declare its return type as a record or an array of records" },
  FLOW3022: { severity: "error", title: "not a function", text: "`{name}` is not a function" },
  FLOW3023: { severity: "error", title: "missing field", text: "missing field `{name}` of {type}" },
  FLOW3024: {
    severity: "error",
    title: "nexmark table mismatch",
    text: "{text}",
    hint: "a nexmark source reads `table: \"person\"`, `\"auction\"` or `\"bid\"`; its declared fields must be columns of that table, with the same types",
  },
  FLOW3030: {
    severity: "error",
    title: "unknown file format",
    text: "cannot tell the format of `{path}` from its name",
    hint: "add `format: \"jsonl\"` or `format: \"csv\"`, or end the name with .jsonl, .ndjson, .json or .csv",
  },
  FLOW3031: {
    severity: "error",
    title: "invalid sink key",
    text: "{text}",
    hint: "`postgres(…, mode: \"upsert\", key: \"id\")` or `key: [\"a\", \"b\"]` names the columns of the table's primary key or a unique constraint; `mode: \"exactly_once\"` takes no key",
  },
  FLOW3040: {
    severity: "error",
    title: "missing model column",
    text: "model `{path}` needs a column `{column}` holding {kind} (its {stage}'s {param}); the records have {fields}",
    hint: "add the column before `predict` with `extend { {column}: … }`",
  },
  FLOW3041: {
    severity: "error",
    title: "model column type mismatch",
    text: "model `{path}` needs column `{column}` to hold {kind} (its {stage}'s {param}), but it is `{type}`",
    hint: "{hint}",
  },
  FLOW3042: {
    severity: "error",
    title: "model column is not a field name",
    text: "model `{path}` adds column `{column}` (its {stage}'s {param}), which cannot be a field of a record",
    hint: "field names are identifiers (letters, digits and `_`, not starting with a digit): set the column's param to one when fitting the model, and save it again",
  },
  FLOW3050: {
    severity: "error",
    title: "learner setting out of range",
    text: "`{param}` of `{learner}` must be {bound}, found {value}",
  },
  FLOW3051: {
    severity: "error",
    title: "learner setting not a constant",
    text: "`{param}` of `{learner}` must be {what}",
    hint: "learner settings are fixed when the job is built, as in Flink ML: write a literal",
  },
  FLOW3052: {
    severity: "error",
    title: "missing training column",
    text: "{role} `{column}`{context} is not a field of the records: they have {fields}",
    hint: "{suggestion}compute it before with `extend { {column}: … }`",
  },
  FLOW3053: {
    severity: "error",
    title: "training column type mismatch",
    text: "{role} `{column}`{context} must hold {kind}, but it is `{type}`",
    hint: "{hint}",
  },
  FLOW3054: {
    severity: "error",
    title: "initial model shape mismatch",
    text: "`{param}` of `{learner}` {problem}",
    hint: "{shape}",
  },
  FLOW3055: {
    severity: "error",
    title: "features not field names",
    text: "`features` takes the names of numeric fields (`[a, b]`) or of one `[float]` field, found {found}",
    hint: "compute the feature first with `extend { f: … }`, then train on `features: [f, …]`",
  },

  // ── stream semantics ──
  FLOW4001: { severity: "error", title: "pipeline without sink", text: "this pipeline does not end with `to <sink>`", hint: "add `| to <sink>`, or name the stream with `let`" },
  FLOW4002: { severity: "error", title: "misplaced `to`", text: "`to` must be the last operator of a job pipeline" },
  FLOW4003: { severity: "error", title: "dangling window", text: "`window` must be followed by aggregate, reduce or top" },
  FLOW4004: { severity: "error", title: "aggregate without key or window", text: "`aggregate` needs a `keyBy` or a `window` before it" },
  FLOW4005: { severity: "error", title: "reduce without key", text: "`reduce` needs a `keyBy` before it" },
  FLOW4006: { severity: "error", title: "top without key or window", text: "`top` needs a `keyBy` or a `window` before it" },
  FLOW4007: { severity: "error", title: "process without key", text: "`process` runs a keyed process function and needs a `keyBy` before it" },
  FLOW4008: { severity: "error", title: "dedupe without within", text: "`dedupe` needs `within <duration>` to bound its state" },
  FLOW4009: { severity: "error", title: "invalid duration", text: "{what} must be {bound}, found {value}" },
  FLOW4010: { severity: "error", title: "constant required", text: "{what} must be a constant" },
  FLOW4011: { severity: "error", title: "join without equality", text: "the join condition needs an equality between a left and a right expression (`a == {alias}.b`)" },
  FLOW4012: { severity: "error", title: "empty join interval", text: "the lower bound of `between` is greater than the upper bound" },
  FLOW4013: { severity: "error", title: "non-aggregated field", text: "field `{name}` is neither a key nor inside an aggregate function", hint: "wrap it in an aggregate such as first({name}) or last({name}), or add it to keyBy" },
  FLOW4014: { severity: "error", title: "misplaced aggregate function", text: "aggregate function `{name}` can only be used in `aggregate`" },
  FLOW4015: { severity: "error", title: "window bounds without window", text: "`window.{name}` needs a `window` before this `aggregate`" },
  FLOW4016: { severity: "error", title: "misplaced begin", text: "{text}" },
  FLOW4017: { severity: "error", title: "invalid negative stage", text: "{text}" },
  FLOW4018: { severity: "error", title: "invalid quantifier", text: "{text}" },
  FLOW4019: { severity: "error", title: "modifier needs a looping stage", text: "`{name}` applies only to a stage that may take several events (`+`, `*`, `{n,}`, `{n,m}`, or an exact count above 1)" },
  FLOW4020: { severity: "error", title: "notFollowedBy at the end", text: "a pattern ending with `notFollowedBy` needs `within <duration>`" },
  FLOW4021: { severity: "error", title: "reference to a later stage", text: "stage `{name}` is matched after this condition and cannot be referenced here" },
  FLOW4022: { severity: "error", title: "looping stage used as one event", text: "stage `{name}` can match several events", hint: "use first({name}), last({name}) or count({name})" },
  FLOW4023: { severity: "error", title: "duplicate setting", text: "`{name}` is set more than once" },
  FLOW4024: { severity: "error", title: "positive integer required", text: "{what} must be a positive integer, found {value}" },
  FLOW4025: { severity: "error", title: "join without window", text: "a join needs `window <assigner>`, `between <d> and <d>` or `unbounded`" },
  FLOW4026: { severity: "error", title: "window bounds outside aggregate", text: "`window.{name}` can only be used in `aggregate`" },
  FLOW4027: { severity: "error", title: "let ends with to", text: "a `let` names a stream and cannot end with `to`" },
  FLOW4028: {
    severity: "error",
    title: "aggregate over updates",
    text: "{text}",
    hint: "an aggregate over an update stream (the output of a running `aggregate` or `top`) retracts a key's previous row; group by fields of that stream's key, and use count, sum, avg, min, max or distinctCount",
  },
  FLOW4029: {
    severity: "error",
    title: "malformed pattern",
    text: "the CEP library rejects this pattern: {message}",
    hint: "the pattern is built with the library's Pattern API when the job starts; the compiler builds it now so that this never fails at run time",
  },
  FLOW4030: {
    severity: "error",
    title: "trigger on a count window",
    text: "a `count(n)` window fires every n records and takes no `trigger`",
    hint: "for another firing rule, use `window global` with a trigger, e.g. `window global trigger count(100) purge`",
  },
  FLOW4031: {
    severity: "error",
    title: "early or late firings without an event-time end",
    text: "early and late firings are relative to the watermark passing the window's end, but this is {what}",
    hint: "use them on an event-time tumbling, sliding or session window; elsewhere write `trigger count(n)` or `trigger every <duration>`",
  },
  FLOW4032: {
    severity: "error",
    title: "late firings by time",
    text: "late firings count late records and cannot be timed",
    hint: "write `late count(n)`: the window fires again after every n late records (`late count(1)`: on each one)",
  },

  // ── warnings ──
  FLOW5001: { severity: "warning", title: "unused declaration", text: "{what} `{name}` is never used" },
  FLOW5002: {
    severity: "warning",
    title: "event time without watermark",
    text: "{what} uses event time, but source `{source}` declares no watermark",
    hint: "add `watermark <field> delay <duration>` to the source: without it its records carry no event time, so event-time windows and joins never fire (the job yields nothing from them) and `match` fails when the job runs",
  },
  FLOW5003: { severity: "warning", title: "non-keyed match", text: "`match` on a stream without `keyBy` runs with parallelism 1", hint: "add `| keyBy <expr>` before `match`" },
  FLOW5004: { severity: "warning", title: "non-keyed window", text: "a window without `keyBy` sees the whole stream and runs with parallelism 1" },
  FLOW5005: { severity: "warning", title: "needless ??", text: "the left side of `??` has type {type} and is never null" },
  FLOW5006: { severity: "warning", title: "ineffective lateness", text: "`{name}` has no effect on {what} windows" },
  FLOW5007: { severity: "warning", title: "division by zero", text: "division by zero" },
  FLOW5008: {
    severity: "warning",
    title: "empty input file",
    text: "input file `{path}` is empty: source `{source}` yields no records",
    hint: "every job reading it ends without output; check the path, or add `watch: true` to wait for lines",
  },
  FLOW5009: {
    severity: "warning",
    title: "global window without trigger",
    text: "a `global` window without a trigger never fires: this aggregation yields nothing",
    hint: "add a trigger, e.g. `window global trigger count(100) purge` or `window global trigger every 10s`",
  },
  FLOW5010: {
    severity: "warning",
    title: "processing-time window on a bounded input",
    text: "this processing-time window is fed by `{source}`, whose input ends: the job ends with it, before the clock reaches the end of a window, so it yields nothing",
    hint: "use event time (a `watermark` on the source, and drop `processing`): at the end of a bounded input every event-time window fires; or fire by count with `trigger count(n)`",
  },
  FLOW5011: {
    severity: "warning",
    title: "count trigger replaces the window's end",
    text: "`trigger count({count})` replaces the firing at the window's end: records short of a full count are never emitted",
    hint: "`trigger early count({count})` fires every {count} records and still at the window's end",
  },
  FLOW5012: {
    severity: "warning",
    title: "late firings without lateness",
    text: "late firings have no late records to count: the window has no `allowedLateness`",
    hint: "add `allowedLateness <duration>`; without it, records behind the watermark are dropped (or sent to `lateTo`)",
  },
  FLOW5013: {
    severity: "warning",
    title: "sink never commits",
    text: "sink `{sink}` makes its output visible when a checkpoint completes, but job `{job}` takes no checkpoints and reads the unbounded source `{source}`: nothing it writes will be visible",
    hint: "add `checkpoint every 10s exactly_once` to the job",
  },
  FLOW5014: {
    severity: "warning",
    title: "input file not found",
    text: "input file `{path}` does not exist here: source `{source}` would fail as the job starts",
    hint: "looked for {resolved}: a relative path in `file(…)` is resolved when the job runs, against the working directory of the process that runs it; run from the directory the path is relative to, or give the path when running (`--file {source}=…`, RunOptions.files)",
  },
  FLOW5030: {
    severity: "error",
    title: "over without event time",
    text: "`over` orders each key's rows by event time, but source `{source}` declares no watermark",
    hint: "add `watermark <field> delay <duration>` to the source: `over` emits a row once the watermark passes its timestamp",
  },
  FLOW5031: {
    severity: "error",
    title: "over an update stream",
    text: "`over` reads an update stream (the output of a running `aggregate` or `top`): OVER windows do not support consuming update changes",
    hint: "apply `over` to the rows before they are aggregated, or aggregate in windows (their rows are final)",
  },
  FLOW5032: {
    severity: "error",
    title: "over field is not one aggregate",
    text: "`over` field `{name}` must be one call of count, sum, avg, min, max, first or last",
    hint: "compute with the aggregate's value in an `extend` after `over`",
  },

  // ── internal ──
  FLOW9999: { severity: "error", title: "internal compiler error", text: "internal compiler error: {message}", hint: "this is a bug in the Eddy compiler; please report it with the input file" },

  // ── Flink SQL syntax (compiler/sql/) ──
  SQL2001: { severity: "error", title: "SQL syntax error", text: "expected {expected}, found {found}" },
  SQL2002: { severity: "error", title: "unterminated SQL token", text: "this {what} is never closed", hint: "{close}" },
  SQL2003: {
    severity: "error",
    title: "unknown interval unit",
    text: "`{unit}` is not an interval unit",
    hint: "write one of YEAR, MONTH, DAY, HOUR, MINUTE, SECOND (or the plural), e.g. INTERVAL '10' SECOND",
  },
  SQL2004: { severity: "error", title: "duplicate table clause", text: "a table has at most one {what}" },
  SQL2005: {
    severity: "error",
    title: "undefined placeholder",
    text: "no value for placeholder `${{name}}`",
    hint: "pass a value for {name} (`-D {name}=…` on the command line, `defines` in the API), or write the value in place of the placeholder",
  },
  SQL2006: { severity: "error", title: "SQL nesting too deep", text: "the statement is nested too deeply to parse", hint: "split it with a view or a WITH clause" },

  // ── Flink SQL names, tables and queries (compiler/sql/: the translator) ──
  SQL3001: { severity: "error", title: "unknown table", text: "unknown table or view `{name}`", hint: "{hint}" },
  SQL3002: { severity: "error", title: "unknown column", text: "unknown column `{name}`", hint: "{hint}" },
  SQL3003: { severity: "error", title: "ambiguous column", text: "column `{name}` is ambiguous", hint: "qualify it: {candidates}" },
  SQL3004: { severity: "error", title: "unknown connector", text: "Eddy has no {role} connector `{name}`", hint: "available: {available}" },
  SQL3005: { severity: "error", title: "invalid table option", text: "option `{key}`: {problem}", hint: "{hint}" },
  SQL3006: { severity: "error", title: "not supported yet", text: "{what} is not supported yet", hint: "{hint}" },
  SQL3007: { severity: "error", title: "unknown function", text: "unknown function `{name}`", hint: "{hint}" },
  SQL3008: { severity: "error", title: "wrong number of arguments", text: "`{name}` takes {expected}, found {actual}" },
  SQL3009: { severity: "error", title: "nexmark table read whole", text: "a `nexmark` table is read through one kind of event", hint: "filter on `event_type = 0` (person), `1` (auction) or `2` (bid), as Nexmark's ddl_views.sql does, and select that kind's columns" },
  SQL3010: { severity: "error", title: "column count mismatch", text: "the query has {actual} column(s); `{table}` takes {expected}" },
  SQL3011: { severity: "error", title: "duplicate name", text: "{what} `{name}` is defined more than once", hint: "drop the second definition, or add IF NOT EXISTS to keep the first" },
  SQL3012: { severity: "error", title: "column neither grouped nor aggregated", text: "`{name}` is neither in GROUP BY nor inside an aggregate function", hint: "add it to GROUP BY, or aggregate it (MAX, MIN, FIRST_VALUE …)" },
  SQL3013: { severity: "error", title: "invalid window aggregation", text: "{problem}", hint: "{hint}" },
  SQL3014: { severity: "error", title: "unknown type", text: "Eddy has no SQL type `{name}`", hint: "use BIGINT, INT, DOUBLE, DECIMAL, VARCHAR, STRING, BOOLEAN or TIMESTAMP(3)" },
  SQL3015: { severity: "error", title: "invalid argument", text: "{problem}", hint: "{hint}" },
  SQL3016: { severity: "error", title: "nothing to run", text: "the script has no INSERT INTO or SELECT statement", hint: "add `INSERT INTO sink SELECT …` or a `SELECT …` query" },
  SQL3017: { severity: "error", title: "invalid column name", text: "`{name}` cannot be a column name in Eddy", hint: "rename it with AS to a name of letters, digits and `_` that does not start with a digit" },
  SQL3030: {
    severity: "error",
    title: "OVER over an update stream",
    text: "OVER windows do not support consuming update changes: this OVER reads the result of a GROUP BY without window or of a top-N",
    hint: "apply the OVER aggregation to insert-only rows, or aggregate in windows (their rows are final); Flink rejects this query too",
  },
  SQL3031: {
    severity: "error",
    title: "different OVER windows",
    text: "this OVER window differs from the first one of the SELECT: all OVER aggregates of a SELECT share one window",
    hint: "write the same PARTITION BY, ORDER BY and frame, or compute the other aggregates in a subquery",
  },
  SQL3032: {
    severity: "error",
    title: "OVER not ordered by event time",
    text: "an OVER window is ordered by the input's event-time attribute alone, ascending",
    hint: "ORDER BY the column the table's WATERMARK is declared on (e.g. ORDER BY ts)",
  },
  SQL3033: { severity: "error", title: "unsupported OVER frame", text: "{problem}", hint: "{hint}" },
  SQL3034: {
    severity: "error",
    title: "not an OVER aggregate",
    text: "`{name}` cannot be computed OVER a window",
    hint: "use COUNT, SUM, AVG, MIN, MAX, FIRST_VALUE or LAST_VALUE; ROW_NUMBER() ranks rows in a subquery filtered on its row number (top-N)",
  },
  SQL3035: { severity: "error", title: "unknown window", text: "no window `{name}` in this SELECT's WINDOW clause", hint: "{hint}" },
} as const satisfies Record<string, MessageTemplate>;

export type DiagnosticCode = keyof typeof messages;

/** Fills `{name}` placeholders; a missing argument stays visible as `{name}` rather than silently vanishing. */
export function renderMessage(template: string, args: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}
