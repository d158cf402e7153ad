// Reading a graph from delimited text (Flink's GraphCsvReader): an edge file of "source,target[,value]" lines and an
// optional vertex file of "id,value" lines. No quoting: a field cannot contain the delimiter.
import { readFile } from "node:fs/promises";
import type { Edge, Vertex } from "./records.js";

/** How ids are parsed: "string" keeps the field, "number" parses it. */
export type CsvKeyType = "string" | "number";
/** The key type a CsvKeyType gives. */
export type CsvKey<T extends CsvKeyType> = T extends "number" ? number : string;

export interface GraphCsvOptions<T extends CsvKeyType, VV, EV> {
  /** The edge lines, given directly (exactly one of edgesText and edgesPath). */
  readonly edgesText?: string;
  readonly edgesPath?: string;
  /** The vertex lines; without them the vertices are the edge endpoints, valued by vertexValueInitializer or null. */
  readonly verticesText?: string;
  readonly verticesPath?: string;
  /** Default ",". */
  readonly fieldDelimiter?: string;
  /** Default "\n" (a trailing "\r" is dropped from each line). */
  readonly lineDelimiter?: string;
  /** Skip the first line of each file (a header). Default false. */
  readonly ignoreFirstLine?: boolean;
  /** Skip lines starting with this prefix (Flink's ignoreComments). Blank lines are always skipped. */
  readonly ignoreComments?: string;
  /** How ids are parsed (Flink's keyType): "number" rejects a field that is not a finite number. */
  readonly keyType: T;
  /** Parses the third field of an edge line; without it edge values are null and a third field is ignored. */
  readonly edgeValueParser?: (field: string) => EV;
  /** Parses the second field of a vertex line; without it vertex values are null. */
  readonly vertexValueParser?: (field: string) => VV;
  /** Without a vertex file: the value of each vertex, from its id (Flink's vertex value initializer). */
  readonly vertexValueInitializer?: (id: CsvKey<T>) => VV;
}

export interface ParsedGraphCsv<K extends string | number, VV, EV> {
  readonly vertices: Vertex<K, VV>[] | null;
  readonly edges: Edge<K, EV>[];
}

/** Reads and parses the files; errors name the file, line and field and say what was expected. */
export async function readGraphCsv<T extends CsvKeyType, VV, EV>(options: GraphCsvOptions<T, VV, EV>): Promise<ParsedGraphCsv<CsvKey<T>, VV, EV>> {
  type K = CsvKey<T>;
  const edgesText = await textOf("edges", options.edgesText, options.edgesPath);
  if (edgesText === null) throw new Error("Graph.fromCsv: give the edges as edgesText or edgesPath");
  const verticesText = await textOf("vertices", options.verticesText, options.verticesPath);
  const key = (field: string, where: string): K => {
    if (options.keyType === "string") return field as K;
    const n = Number(field);
    if (field.trim() === "" || !Number.isFinite(n)) throw new Error(`Graph.fromCsv: ${where}: id "${field}" is not a number (keyType is "number")`);
    return n as K;
  };
  const edges: Edge<K, EV>[] = [];
  for (const [fields, where] of rowsOf(edgesText, options, options.edgesPath ?? "edgesText")) {
    if (fields.length < 2) throw new Error(`Graph.fromCsv: ${where}: an edge line needs source and target, got "${fields.join(",")}"`);
    const value = options.edgeValueParser === undefined ? null : options.edgeValueParser(requireField(fields, 2, where, "edge value"));
    edges.push({ source: key(fields[0]!, where), target: key(fields[1]!, where), value: value as EV });
  }
  if (verticesText === null) return { vertices: null, edges };
  const vertices: Vertex<K, VV>[] = [];
  for (const [fields, where] of rowsOf(verticesText, options, options.verticesPath ?? "verticesText")) {
    const value = options.vertexValueParser === undefined ? null : options.vertexValueParser(requireField(fields, 1, where, "vertex value"));
    vertices.push({ id: key(fields[0]!, where), value: value as VV });
  }
  return { vertices, edges };
}

async function textOf(what: string, text: string | undefined, path: string | undefined): Promise<string | null> {
  if (text !== undefined && path !== undefined) throw new Error(`Graph.fromCsv: give the ${what} as ${what}Text or ${what}Path, not both`);
  if (text !== undefined) return text;
  if (path !== undefined) return readFile(path, "utf8");
  return null;
}

function* rowsOf(text: string, options: Pick<GraphCsvOptions<CsvKeyType, unknown, unknown>, "lineDelimiter" | "fieldDelimiter" | "ignoreFirstLine" | "ignoreComments">, file: string): Generator<[string[], string]> {
  const lines = text.split(options.lineDelimiter ?? "\n");
  const delimiter = options.fieldDelimiter ?? ",";
  for (let i = options.ignoreFirstLine ? 1 : 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith("\r") ? lines[i]!.slice(0, -1) : lines[i]!;
    if (line.trim() === "") continue;
    if (options.ignoreComments !== undefined && line.startsWith(options.ignoreComments)) continue;
    yield [line.split(delimiter), `${file} line ${i + 1}`];
  }
}

function requireField(fields: string[], index: number, where: string, name: string): string {
  const field = fields[index];
  if (field === undefined) throw new Error(`Graph.fromCsv: ${where}: no ${name} (field ${index + 1}); a value parser was given, so every line needs one`);
  return field;
}
