// TableId: names a table that flows between the stages of a Graph (Flink ML's TableId) — an input of the graph, an
// output of a stage, or model data — so the DAG can be written down before any table exists.
export class TableId {
  constructor(readonly id: number) {}

  toString(): string {
    return `TableId(${this.id})`;
  }
}

export function tableIdsToList(ids: readonly TableId[]): number[] {
  return ids.map((t) => t.id);
}

export function tableIdsFromList(ids: readonly number[]): TableId[] {
  return ids.map((id) => new TableId(id));
}
