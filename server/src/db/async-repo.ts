import type { Db } from "./client";

// biome-ignore lint/suspicious/noExplicitAny: any function whose first parameter is the SQLite database
type SqliteQuery = (db: Db, ...args: any[]) => unknown;

/** The async repository a set of SQLite query functions make once their database is bound. */
export type AsyncRepo<Queries extends Record<string, SqliteQuery>> = {
  [Name in keyof Queries]: Queries[Name] extends (db: Db, ...args: infer Args) => infer Result
    ? (...args: Args) => Promise<Awaited<Result>>
    : never;
};

/**
 * Binds SQLite query functions to one database as an async repository. Each call runs its
 * statements at once (bun:sqlite is synchronous, so a transaction stays one synchronous block and
 * nothing interleaves with it); only the result waits for the caller's `await`, as a PostgreSQL
 * implementation of the same interface must make it wait.
 */
export function bindSqlite<Queries extends Record<string, SqliteQuery>>(
  db: Db,
  queries: Queries,
): AsyncRepo<Queries> {
  const repo: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, query] of Object.entries(queries)) {
    repo[name] = (...args) => {
      try {
        return Promise.resolve(query(db, ...args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return repo as AsyncRepo<Queries>;
}
