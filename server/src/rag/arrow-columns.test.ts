import { expect, test } from "bun:test";
import { Float64, makeVector, Table, Utf8, vectorFromArray } from "apache-arrow";
import { readColumns } from "./arrow-columns";

test("columns of the expected kinds are read whole; a missing or mistyped column fails once, for the table", () => {
  const table = new Table({
    document_id: vectorFromArray(Int32Array.from([1, 2])),
    text: vectorFromArray(["one", "two"], new Utf8()),
    _score: vectorFromArray(Float32Array.from([0.5, 0.25])),
  });
  const { rows, columns } = readColumns(table, { document_id: "int", text: "string", _score: "float" });
  expect(rows).toBe(2);
  expect([...columns.document_id]).toEqual([1, 2]);
  expect(columns.text).toEqual(["one", "two"]);
  expect([...columns._score]).toEqual([0.5, 0.25]);
  expect(() => readColumns(table, { chunk_index: "int" })).toThrow('column "chunk_index"');
  expect(() => readColumns(table, { text: "int" })).toThrow('column "text"');
  const doubles = new Table({ _score: makeVector({ type: new Float64(), data: Float64Array.from([1]) }) });
  expect(() => readColumns(doubles, { _score: "float" })).toThrow('column "_score"');
});
