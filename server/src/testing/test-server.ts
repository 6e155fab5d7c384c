import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app";
import { mountChat } from "../chat/mount-chat";
import { createDeps, type Deps, type DepsOverrides } from "../deps";
import { type Config, loadConfig } from "../env";
import { nativeServeLimits } from "../http/request-limits";

export interface TestServer {
  url: string;
  wsUrl: string;
  adminToken: string;
  dataDir: string;
  deps: Deps;
  /** Stops the server; the data dir is kept unless `removeData`. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";

/** The real app on 127.0.0.1, port 0, with its data in a temp dir (or `dataDir`, to test restarts). */
export async function startTestServer(
  options: { env?: Record<string, string>; dataDir?: string; overrides?: DepsOverrides } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "supportal-test-")));
  const loaded = loadConfig({
    SUPPORTAL_DATA_DIR: dataDir,
    SUPPORTAL_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SUPPORTAL_EMBED_WORKERS: "1",
    PORT: "0",
    ...options.env,
  });
  if ("errors" in loaded) throw new Error(loaded.errors.join("; "));
  const config: Config = loaded;
  const deps = await createDeps(config, { announce: () => undefined, ...options.overrides });
  const chat = mountChat(deps);
  const app = await createApp(deps, chat.mount);
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: app.fetch,
    websocket: chat.websocket,
    ...nativeServeLimits(),
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    wsUrl: url.replace("http", "ws"),
    adminToken: deps.adminToken,
    dataDir,
    deps,
    async stop(stopOptions) {
      await chat.close();
      server.stop(true);
      await deps.close();
      if (stopOptions?.removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
