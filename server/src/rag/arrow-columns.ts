import { DataType, type Table } from "apache-arrow";

export type ColumnKind = "int" | "float" | "string" | "vector";

type ColumnValues<Kind extends ColumnKind> = Kind extends "int"
  ? Int32Array
  : Kind extends "float"
    ? Float32Array
    : Kind extends "string"
      ? string[]
      : Float32Array;

const matches: Record<ColumnKind, (type: DataType) => boolean> = {
  int: (type) => DataType.isInt(type) && type.bitWidth === 32 && type.isSigned,
  float: (type) => DataType.isFloat(type) && type.precision === 1,
  string: (type) => DataType.isUtf8(type),
  vector: (type) => DataType.isFixedSizeList(type) && DataType.isFloat(type.children[0]!.type),
};

/**
 * Columns of a result read back from LanceDB, checked once against the kinds expected (storage is a
 * trust boundary) instead of parsing every row: a table whose schema drifted fails here, whole.
 * Vectors come as one `Float32Array`, row after row, with their length.
 */
export function readColumns<Spec extends Record<string, ColumnKind>>(
  table: Table,
  spec: Spec,
): { rows: number; dimensions: number; columns: { [Name in keyof Spec]: ColumnValues<Spec[Name]> } } {
  const columns: Record<string, unknown> = {};
  let dimensions = 0;
  for (const [name, kind] of Object.entries(spec)) {
    const field = table.schema.fields.find((candidate) => candidate.name === name);
    const column = table.getChild(name);
    if (!field || !column || !matches[kind](field.type)) {
      throw new Error(`the search table's column "${name}" is missing or not of the expected type`);
    }
    if (kind === "vector") {
      dimensions = (field.type as { listSize: number }).listSize;
      const values = new Float32Array(table.numRows * dimensions);
      let at = 0;
      for (const batch of column.data) {
        const items = batch.children[0]!.values as Float32Array;
        const start = batch.offset * dimensions;
        values.set(items.subarray(start, start + batch.length * dimensions), at);
        at += batch.length * dimensions;
      }
      columns[name] = values;
    } else {
      columns[name] = column.toArray();
    }
  }
  return {
    rows: table.numRows,
    dimensions,
    columns: columns as { [Name in keyof Spec]: ColumnValues<Spec[Name]> },
  };
}
