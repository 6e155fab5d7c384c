import { join } from "node:path";
import { DataDirError, PRIVATE_UMASK } from "./data-dir";
import { loadConfig, readProcessEnv } from "./env";
import { describeCause } from "./http/handle-error";
import { VectorStoreUnreachable } from "./rag/lance-store";
import { PUBLIC_DIR, startServer } from "./start-server";
import { storageFailure } from "./storage-failure";

const config = loadConfig(readProcessEnv());
if ("errors" in config) {
  console.error(`Supportal cannot start; fix these environment variables:\n  ${config.errors.join("\n  ")}`);
  process.exit(1);
}

// Every file the server creates (SQLite, LanceDB, uploads) is readable by its own user only.
process.umask(PRIVATE_UMASK);
const server = await startServer(config).catch((error: unknown) => {
  // An unwritable data dir is the operator's to fix: one line naming it, not a stack trace.
  const reason =
    error instanceof DataDirError || error instanceof VectorStoreUnreachable
      ? error.message
      : storageFailure(error)
        ? `the data dir ${config.dataDir} cannot be written (${describeCause(error)})`
        : addressInUse(error)
          ? `port ${config.port} is in use by another program (set PORT to another one)`
          : null;
  if (!reason) throw error;
  console.error(`Supportal cannot start: ${reason}.`);
  process.exit(1);
});

const { url, services } = server;
console.log(
  `Supportal ${services.version} listening on ${url}\n` +
    `  embeddings: ${services.embedder.id}; answers: ${services.chatModel?.id ?? "offline extractive answerer"}\n` +
    `  demo: ${url}/   dashboard: ${url}/dashboard   widget: ${url}/supportal-widget.js\n` +
    // Said on every start: the token itself is shown only when it is made, and that line scrolls away.
    `  admin token: ${config.adminToken ? "SUPPORTAL_ADMIN_TOKEN" : join(config.dataDir, "admin-token")}`,
);
// Started without `bun run server` (a second instance, a process manager): the pages are not built yet.
if (!(await Bun.file(join(PUBLIC_DIR, "supportal-widget.js")).exists()))
  console.warn(
    "  the widget, demo page and dashboard are not built: run `bun run build` (`bun run server` does), until then they answer 404",
  );

/** Bun's error when the port is taken ("Failed to start server. Is port 3000 in use?"). */
function addressInUse(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "EADDRINUSE";
}

async function shutdown() {
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
