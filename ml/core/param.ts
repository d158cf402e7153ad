// Typed parameters of stages (Flink ML's Param, its typed subclasses and ParamValidators): a name, a type, a
// default and a validator that runs whenever a value is set.
import { DenseVector } from "../linalg/dense-vector.js";

/** The value types a param may hold; they decide the runtime type check and the JSON form in saved metadata. */
export type ParamType = "boolean" | "int" | "long" | "double" | "string" | "int[]" | "double[]" | "string[]" | "double[][]" | "vector";

/** A check of a param value, with what it demands in words (quoted in the error when a value fails it). */
export interface ParamValidator<T> {
  readonly demand: string;
  validate(value: T): boolean;
}

export class Param<T> {
  constructor(
    readonly name: string,
    readonly type: ParamType,
    readonly description: string,
    readonly defaultValue: T,
    readonly validator: ParamValidator<T> = ParamValidators.alwaysTrue<T>(),
  ) {}

  /** Null when `value` has this param's type and passes its validator; otherwise why not. */
  problemWith(value: unknown): string | null {
    if (value === null) return this.validator.validate(value as T) ? null : `it must not be null (${this.validator.demand})`;
    if (!hasType(this.type, value)) return `expected a value of type ${this.type}`;
    return this.validator.validate(value as T) ? null : `it must be ${this.validator.demand}`;
  }
}

function hasType(type: ParamType, value: unknown): boolean {
  switch (type) {
    case "boolean":
      return typeof value === "boolean";
    case "int":
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
    case "long":
      return Number.isSafeInteger(value);
    case "double":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "int[]":
      return Array.isArray(value) && value.every((v) => Number.isInteger(v));
    case "double[]":
      return Array.isArray(value) && value.every((v) => typeof v === "number");
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "double[][]":
      return Array.isArray(value) && value.every((row) => Array.isArray(row) && row.every((v) => typeof v === "number"));
    case "vector":
      return value instanceof DenseVector;
  }
}

/** Factories per value type (Flink ML's BooleanParam, IntParam, DoubleParam, StringArrayParam, …). */
export const Params = {
  boolean: (name: string, description: string, defaultValue: boolean | null, validator?: ParamValidator<boolean | null>) =>
    new Param<boolean>(name, "boolean", description, defaultValue as boolean, (validator ?? ParamValidators.notNull()) as ParamValidator<boolean>),
  int: (name: string, description: string, defaultValue: number | null, validator?: ParamValidator<number>) =>
    new Param<number>(name, "int", description, defaultValue as number, validator),
  long: (name: string, description: string, defaultValue: number | null, validator?: ParamValidator<number>) =>
    new Param<number>(name, "long", description, defaultValue as number, validator),
  double: (name: string, description: string, defaultValue: number | null, validator?: ParamValidator<number>) =>
    new Param<number>(name, "double", description, defaultValue as number, validator),
  string: (name: string, description: string, defaultValue: string | null, validator?: ParamValidator<string>) =>
    new Param<string>(name, "string", description, defaultValue as string, validator),
  intArray: (name: string, description: string, defaultValue: number[] | null, validator?: ParamValidator<number[]>) =>
    new Param<number[]>(name, "int[]", description, defaultValue as number[], validator),
  doubleArray: (name: string, description: string, defaultValue: number[] | null, validator?: ParamValidator<number[]>) =>
    new Param<number[]>(name, "double[]", description, defaultValue as number[], validator),
  stringArray: (name: string, description: string, defaultValue: string[] | null, validator?: ParamValidator<string[]>) =>
    new Param<string[]>(name, "string[]", description, defaultValue as string[], validator),
  doubleArrayArray: (name: string, description: string, defaultValue: number[][] | null, validator?: ParamValidator<number[][]>) =>
    new Param<number[][]>(name, "double[][]", description, defaultValue as number[][], validator),
  vector: (name: string, description: string, defaultValue: DenseVector | null, validator?: ParamValidator<DenseVector>) =>
    new Param<DenseVector>(name, "vector", description, defaultValue as DenseVector, validator),
};

/** Validators (Flink ML's ParamValidators). Null passes every one but notNull and nonEmptyArray, as in Flink ML. */
export const ParamValidators = {
  alwaysTrue: <T>(): ParamValidator<T> => ({ demand: "anything", validate: () => true }),
  notNull: <T>(): ParamValidator<T> => ({ demand: "set (not null)", validate: (v) => v !== null && v !== undefined }),
  gt: (lower: number): ParamValidator<number> => ({ demand: `> ${lower}`, validate: (v) => v !== null && v > lower }),
  gtEq: (lower: number): ParamValidator<number> => ({ demand: `>= ${lower}`, validate: (v) => v !== null && v >= lower }),
  lt: (upper: number): ParamValidator<number> => ({ demand: `< ${upper}`, validate: (v) => v !== null && v < upper }),
  ltEq: (upper: number): ParamValidator<number> => ({ demand: `<= ${upper}`, validate: (v) => v !== null && v <= upper }),
  inRange: (lower: number, upper: number, lowerInclusive = true, upperInclusive = true): ParamValidator<number> => ({
    demand: `in ${lowerInclusive ? "[" : "("}${lower}, ${upper}${upperInclusive ? "]" : ")"}`,
    validate: (v) => v !== null && (lowerInclusive ? v >= lower : v > lower) && (upperInclusive ? v <= upper : v < upper),
  }),
  inArray: <T>(allowed: readonly T[]): ParamValidator<T> => ({ demand: `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`, validate: (v) => allowed.includes(v) }),
  nonEmptyArray: <T>(): ParamValidator<T[]> => ({ demand: "a non-empty array", validate: (v) => Array.isArray(v) && v.length > 0 }),
  isSubSet: <T>(allowed: readonly T[]): ParamValidator<T[]> => ({
    demand: `a non-empty subset of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
    validate: (v) => Array.isArray(v) && v.length > 0 && v.every((x) => allowed.includes(x)),
  }),
  /** Every element passes `each` (an array of non-negative indices, of thresholds in range, …). */
  each: <T>(each: ParamValidator<T>): ParamValidator<T[]> => ({ demand: `an array whose every element is ${each.demand}`, validate: (v) => v === null || (Array.isArray(v) && v.every((x) => each.validate(x))) }),
};
