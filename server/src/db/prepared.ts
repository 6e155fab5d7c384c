import type { Db } from "./client";

const cache = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement built and prepared once per database and reused: Drizzle otherwise builds the SQL
 * text and SQLite parses it on every call, ~0.1-0.3 ms a statement, several times a chat turn.
 * `build` uses `sql.placeholder(...)` for the values that change between calls.
 */
export function prepared<Statement>(db: Db, name: string, build: (db: Db) => Statement): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(name) as Statement | undefined;
  if (!statement) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}
