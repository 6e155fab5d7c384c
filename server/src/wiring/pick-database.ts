import { join } from "node:path";
import { type Db, openDatabase } from "../db/client";
import { openPgDatabase } from "../db/pg-client";
import { pgRepositories } from "../db/pg-repositories";
import type { Repositories } from "../db/repositories";
import { sqliteRepositories } from "../db/sqlite-repositories";
import type { Config } from "../env";

export interface Database {
  repos: Repositories;
  /** The SQLite database behind `repos`; null on PostgreSQL. For tests that break it on purpose. */
  sqlite: Db | null;
  /** Which one, for the start-up banner. */
  kind: "sqlite" | "postgres";
  close(): Promise<void>;
}

/**
 * SQLite in the data dir (the embedded default, no service), or PostgreSQL when
 * `SUPPORTAL_DATABASE_URL` names one; either way its committed migrations are applied first.
 */
export async function pickDatabase(config: Pick<Config, "dataDir" | "databaseUrl">): Promise<Database> {
  if (config.databaseUrl) {
    const db = await openPgDatabase(config.databaseUrl);
    return { repos: pgRepositories(db), sqlite: null, kind: "postgres", close: () => db.$client.close() };
  }
  const db = openDatabase(join(config.dataDir, "supportal.sqlite"));
  return {
    repos: sqliteRepositories(db),
    sqlite: db,
    kind: "sqlite",
    close: async () => db.$client.close(),
  };
}
