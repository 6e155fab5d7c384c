import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../env";
import { type ServerOverrides, type Services, startServer } from "../start-server";
import { createTestDatabase, suiteOnPostgres, type TestDatabase } from "./test-database";

export interface TestServer {
  url: string;
  wsUrl: string;
  adminToken: string;
  dataDir: string;
  /** The running services, for tests that look inside (the database, the vector store, webhooks). */
  deps: Services;
  /** Stops the server; the data dir is kept unless `removeData`. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestServerOptions {
  /** Environment variables on top of the test defaults (port 0, one embed worker, a known admin token). */
  env?: Record<string, string>;
  /** An existing data dir, to test restarts; a fresh temp dir by default. */
  dataDir?: string;
  overrides?: ServerOverrides;
}

// With the suite on PostgreSQL, each data dir gets its own database; a restart on the same data dir
// finds the same one, as a restart on the same SQLite file would.
const databases = new Map<string, TestDatabase>();

async function databaseOf(dataDir: string, env: Record<string, string> = {}): Promise<TestDatabase | null> {
  if (!suiteOnPostgres() || env.SUPPORTAL_DATABASE_URL) return null;
  let database = databases.get(dataDir);
  if (!database) {
    database = await createTestDatabase();
    databases.set(dataDir, database);
  }
  return database;
}

/** The real server (`startServer`) on 127.0.0.1, port 0, with its data in a temp dir. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "supportal-test-")));
  const database = await databaseOf(dataDir, options.env);
  const config = loadConfig({
    SUPPORTAL_DATA_DIR: dataDir,
    SUPPORTAL_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SUPPORTAL_EMBED_WORKERS: "1",
    HOST: "127.0.0.1",
    PORT: "0",
    ...(database ? { SUPPORTAL_DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  if ("errors" in config) throw new Error(config.errors.join("; "));
  const server = await startServer(config, { announce: () => undefined, overrides: options.overrides });
  return {
    url: server.url,
    wsUrl: server.wsUrl,
    adminToken: server.services.adminToken,
    dataDir,
    deps: server.services,
    async stop(stopOptions) {
      await server.stop();
      if (stopOptions?.removeData) {
        await rm(dataDir, { recursive: true, force: true });
        if (database) {
          databases.delete(dataDir);
          await database.drop();
        }
      }
    },
  };
}
