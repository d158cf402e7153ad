// Rows: the records of the tables ml/ stages read and write — plain objects, one field per column.

/** A record of a table: column name → value (numbers, strings, DenseVector/SparseVector objects, arrays…). */
export type Row = Record<string, unknown>;

/** Scores one row (a servable's transform, and what row-wise stages run inside their map operator). */
export type RowMapper = (row: Row) => Row;
