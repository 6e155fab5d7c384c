import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../env";
import { type ServerOverrides, type Services, startServer } from "../start-server";

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

/** The real server (`startServer`) on 127.0.0.1, port 0, with its data in a temp dir. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "supportal-test-")));
  const config = loadConfig({
    SUPPORTAL_DATA_DIR: dataDir,
    SUPPORTAL_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SUPPORTAL_EMBED_WORKERS: "1",
    HOST: "127.0.0.1",
    PORT: "0",
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
      if (stopOptions?.removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
