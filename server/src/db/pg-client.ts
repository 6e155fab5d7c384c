import { SQL } from "bun";
import { drizzle } from "drizzle-orm/bun-sql";
import { migrate } from "drizzle-orm/bun-sql/migrator";
import * as schema from "./pg-schema";

const migrationsFolder = new URL("../../drizzle-pg", import.meta.url).pathname;

// Connections per instance: a chat turn holds one for a statement or a short transaction, never
// across a model call, so a few serve many sessions.
const POOL_SIZE = 10;

// Any number, the same in every instance: the advisory lock that keeps migrations one at a time.
const MIGRATION_LOCK = 7_468_720_563;

/** Connects to PostgreSQL (Bun's own client, no native build), applies the committed migrations. */
export async function openPgDatabase(url: string) {
  const client = new SQL({ url, max: POOL_SIZE });
  const db = drizzle({ client, schema });
  // Several instances may start at once and the migrator takes no lock of its own: one at a time
  // migrates while holding this advisory lock, on a connection of its own.
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    lock.release();
  }
  return db;
}

export type PgDb = Awaited<ReturnType<typeof openPgDatabase>>;
