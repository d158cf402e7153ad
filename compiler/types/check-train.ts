// Type-checks `train Learner(…)` against the records flowing in (the learner's name, each setting's name, constancy
// and range, the feature and label columns, the initial model's shape) and `predict latest(m)` against the records it
// scores (the features the training read must be there, with the same kinds). Both derive their output record.
import type { Argument, Expr, PredictLatestOp, TrainOp } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { closestName } from "../diagnostics/closest-name.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { bindArguments } from "./check-arguments.js";
import { constantInt } from "./constants.js";
import type { ConnectorParam } from "./connectors.js";
import { LEARNERS, paramNames, type FeatureSource, type LearnerInfo, type LearnerName, type TrainingSpec } from "./online-learners.js";
import { printType, printTypeStructure } from "./print-type.js";
import { fieldOf, UNKNOWN, withFields, type RecordType, type Type } from "./type.js";

/** Checks a `train` and annotates it with its spec; returns the model-data record type, or null when unknown. */
export function checkTrain(reporter: Reporter, op: TrainOp, input: RecordType, opaque: boolean): RecordType | null {
  const info = LEARNERS.get(op.learner.name as LearnerName);
  if (info === undefined) {
    const suggestion = closestName(op.learner.name, LEARNERS.keys());
    reporter.report("FLOW2050", op.learner.span, {
      name: op.learner.name, available: [...LEARNERS.keys()].join(", "), suggestion: suggestion === undefined ? "" : `did you mean \`${suggestion}\`? `,
    });
    return null;
  }
  const names = paramNames(info);
  const required = new Set(["features", ...(info.labelled ? ["label"] : []), ...(info.initialRequired ? ["initial"] : [])]);
  const params: ConnectorParam[] = names.map((name) => ({ name, type: UNKNOWN, required: required.has(name) }));
  const bound = new Map<string, Argument>();
  for (const [param, arg] of bindArguments(reporter, info.name, params, op.args, false, op.learner.span)) if (param !== undefined) bound.set(param.name, arg);

  let ok = true;
  const fail = () => void (ok = false);
  const columns = { reporter, input, opaque, fail };
  const featuresArg = bound.get("features");
  const features = featuresArg === undefined ? null : checkFeatures(columns, featuresArg.value, "feature");
  const label = columnArg(columns, bound.get("label"), "label");
  const weight = columnArg(columns, bound.get("weight"), "weight");

  const settings: Record<string, number> = {};
  for (const p of info.numeric) {
    const arg = bound.get(p.name);
    const value = arg === undefined ? p.defaultValue : numericSetting(reporter, info, p, arg.value, fail);
    settings[p.name] = value ?? p.defaultValue;
  }

  const dims = features?.kind === "fields" ? features.names.length : null;
  let coefficients: number[] | null = null;
  let centroids: number[][] | null = null;
  let weights: number[] | null = null;
  const initial = bound.get("initial");
  const shape = (arg: Argument, problem: string) => {
    const param = arg.name?.name ?? "initial";
    const shape = param === "weights" ? "`weights` holds one number per centroid of `initial`" : `\`initial\` holds ${info.initialShape}`;
    reporter.report("FLOW3054", arg.value.span, { param, learner: info.name, problem, shape });
    fail();
  };
  if (info.name === "OnlineLogisticRegression") {
    if (initial !== undefined) {
      coefficients = numberArray(initial.value);
      if (coefficients === null) shape(initial, "must be a constant array of numbers");
      else if (dims !== null && coefficients.length !== dims) shape(initial, `has ${coefficients.length} coefficient(s), but there are ${dims} feature(s)`);
    } else if (features?.kind === "vector") {
      // why: the length of a `[float]` field is not known when compiling, and the FTRL state is sized by the model
      reporter.report("FLOW3054", featuresArg!.value.span, { param: "initial", learner: info.name, problem: "is needed when the features are one vector field, whose length the compiler cannot know", shape: `\`initial\` holds ${info.initialShape}` });
      fail();
    }
  } else if (initial !== undefined) {
    centroids = numberMatrix(initial.value);
    if (centroids === null || centroids.length === 0) shape(initial, "must be a constant, non-empty array of arrays of numbers");
    else if (centroids.some((c) => c.length !== centroids![0]!.length)) shape(initial, "has centroids of different lengths");
    else if (dims !== null && centroids[0]!.length !== dims) shape(initial, `has centroids of ${centroids[0]!.length} number(s), but there are ${dims} feature(s)`);
    const given = bound.get("weights");
    if (given !== undefined) {
      weights = numberArray(given.value);
      if (weights === null) shape(given, "must be a constant array of numbers, one weight per centroid");
      else if (centroids !== null && weights.length !== centroids.length) shape(given, `has ${weights.length} weight(s), but there are ${centroids.length} centroid(s)`);
      else if (weights.some((w) => w < 0)) shape(given, "has a negative weight");
    }
  }

  if (!ok || features === null || (info.labelled && label === null)) return info.modelData;
  op.training = { learner: info.name, features, label, weight, settings, coefficients, centroids, weights, featuresSpan: featuresArg!.value.span };
  return info.modelData;
}

/** Checks `predict latest(m)` against the records scored; returns their type plus the prediction columns. */
export function checkPredictLatest(reporter: Reporter, op: PredictLatestOp, training: TrainingSpec, input: RecordType, opaque: boolean): RecordType {
  const info = LEARNERS.get(training.learner)!;
  const note = [reporter.note(`the model \`${op.stream.name}\` is trained on these features`, training.featuresSpan)];
  const names = training.features.kind === "fields" ? training.features.names : [training.features.name];
  const wanted = training.features.kind === "fields" ? "number" : "vector";
  for (const name of names) {
    const field = fieldOf(input, name);
    const role = "feature";
    const context = ` of model \`${op.stream.name}\``;
    if (field === undefined) {
      if (!opaque) reporter.report("FLOW3052", op.span, { role, column: name, context, fields: printTypeStructure(input), suggestion: suggest(name, input) }, { notes: note });
    } else if (!fits(field.type, wanted)) {
      reporter.report("FLOW3053", op.span, { role, column: name, context, kind: describe(wanted), type: printType(field.type), hint: hintFor(name, field.type, wanted) }, { notes: note });
    }
  }
  return withFields(input, info.predictionColumns);
}

interface Columns {
  readonly reporter: Reporter;
  readonly input: RecordType;
  readonly opaque: boolean;
  readonly fail: () => void;
}

type Kind = "number" | "vector";

function checkFeatures(c: Columns, value: Expr, role: string): FeatureSource | null {
  if (value.kind === "ArrayLiteral") {
    const names: string[] = [];
    for (const element of value.elements) {
      if (element.kind !== "NameExpr") {
        c.reporter.report("FLOW3055", element.span, { found: "an expression" });
        c.fail();
        continue;
      }
      if (checkColumn(c, element.name, element.span, role, "number")) names.push(element.name);
    }
    if (value.elements.length === 0) {
      c.reporter.report("FLOW3055", value.span, { found: "no field" });
      c.fail();
    }
    return names.length === value.elements.length && names.length > 0 ? { kind: "fields", names } : null;
  }
  if (value.kind === "NameExpr") {
    const field = fieldOf(c.input, value.name);
    // One name: a `[float]` field is the vector; a numeric one a vector of one feature.
    if (field !== undefined && (field.type.kind === "int" || field.type.kind === "float")) return { kind: "fields", names: [value.name] };
    return checkColumn(c, value.name, value.span, role, "vector") ? { kind: "vector", name: value.name } : null;
  }
  c.reporter.report("FLOW3055", value.span, { found: "an expression" });
  c.fail();
  return null;
}

function columnArg(c: Columns, arg: Argument | undefined, role: string): string | null {
  if (arg === undefined) return null;
  if (arg.value.kind !== "NameExpr") {
    c.reporter.report("FLOW3053", arg.value.span, { role, column: "…", context: "", kind: "a number", type: "an expression", hint: `name a numeric field; compute it first with \`extend { ${role}: … }\`` });
    c.fail();
    return null;
  }
  return checkColumn(c, arg.value.name, arg.value.span, role, "number") ? arg.value.name : null;
}

function checkColumn(c: Columns, name: string, span: Span, role: string, kind: Kind): boolean {
  const field = fieldOf(c.input, name);
  if (field === undefined) {
    if (!c.opaque) c.reporter.report("FLOW3052", span, { role, column: name, context: "", fields: printTypeStructure(c.input), suggestion: suggest(name, c.input) });
    c.fail();
    return false;
  }
  if (!fits(field.type, kind)) {
    c.reporter.report("FLOW3053", span, { role, column: name, context: "", kind: describe(kind), type: printType(field.type), hint: hintFor(name, field.type, kind) });
    c.fail();
    return false;
  }
  return true;
}

function suggest(name: string, input: RecordType): string {
  const s = closestName(name, input.fields.map((f) => f.name));
  return s === undefined ? "" : `did you mean \`${s}\`? If not, `;
}

/** A nullable never fits: the learner cannot train on, nor the model score, a null. */
function fits(type: Type, kind: Kind): boolean {
  if (type.kind === "unknown") return true;
  const numeric = (t: Type) => t.kind === "int" || t.kind === "float";
  return kind === "number" ? numeric(type) : type.kind === "array" && numeric(type.element);
}

function describe(kind: Kind): string {
  return kind === "number" ? "a number (`int` or `float`)" : "a vector (`[float]`)";
}

function hintFor(column: string, type: Type, kind: Kind): string {
  if (type.kind === "nullable" || type.kind === "null") return `a model cannot learn from a null: give the column a value first, e.g. \`extend { ${column}: ${column} ?? 0.0 }\``;
  if (kind === "number") return "features and labels are numbers; turn the column into one first with `extend`";
  return "a vector is an array of numbers in .flow, `[float]`; or list numeric fields, `features: [a, b]`";
}

function numericSetting(reporter: Reporter, info: LearnerInfo, p: LearnerInfo["numeric"][number], expr: Expr, fail: () => void): number | undefined {
  const value = constantNumber(expr);
  const what = p.integer ? "a constant integer" : "a constant number";
  if (value === undefined || (p.integer && constantInt(expr) === undefined)) {
    reporter.report("FLOW3051", expr.span, { param: p.name, learner: info.name, what });
    fail();
    return undefined;
  }
  const aboveMin = p.lowerOpen === true ? value > p.min : value >= p.min;
  if (!aboveMin || value > p.max) {
    const lower = p.lowerOpen === true ? `above ${p.min}` : `at least ${p.min}`;
    const bound = p.max === Infinity || p.max === Number.MAX_SAFE_INTEGER ? lower : `between ${p.min} and ${p.max}`;
    reporter.report("FLOW3050", expr.span, { param: p.name, learner: info.name, bound: p.integer ? `an integer ${bound}` : bound, value: String(value) });
    fail();
    return undefined;
  }
  return value;
}

/** An int or float literal, optionally negated. */
function constantNumber(expr: Expr): number | undefined {
  if (expr.kind === "IntLiteral" || expr.kind === "FloatLiteral") return expr.value;
  if (expr.kind === "UnaryExpr" && expr.op === "-") {
    const inner = constantNumber(expr.operand);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

function numberArray(expr: Expr): number[] | null {
  if (expr.kind !== "ArrayLiteral") return null;
  const values = expr.elements.map(constantNumber);
  return values.every((v): v is number => v !== undefined) ? values : null;
}

function numberMatrix(expr: Expr): number[][] | null {
  if (expr.kind !== "ArrayLiteral") return null;
  const rows = expr.elements.map(numberArray);
  return rows.every((r): r is number[] => r !== null) ? rows : null;
}
