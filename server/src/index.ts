import { createApp } from "./app";
import { mountChat } from "./chat/mount-chat";
import { DataDirError, PRIVATE_UMASK } from "./data-dir";
import { createDeps } from "./deps";
import { loadConfig, readProcessEnv } from "./env";
import { describeCause } from "./http/handle-error";
import { nativeServeLimits } from "./http/request-limits";
import { storageFailure } from "./storage-failure";

const config = loadConfig(readProcessEnv());
if ("errors" in config) {
  console.error(`Supportal cannot start; fix these environment variables:\n  ${config.errors.join("\n  ")}`);
  process.exit(1);
}

// Every file the server creates (SQLite, LanceDB, uploads) is readable by its own user only.
process.umask(PRIVATE_UMASK);
const deps = await createDeps(config).catch((error: unknown) => {
  // An unwritable data dir is the operator's to fix: one line naming it, not a stack trace.
  const reason =
    error instanceof DataDirError
      ? error.message
      : storageFailure(error)
        ? `the data dir ${config.dataDir} cannot be written (${describeCause(error)})`
        : null;
  if (!reason) throw error;
  console.error(`Supportal cannot start: ${reason}.`);
  process.exit(1);
});
const chat = mountChat(deps);
const app = await createApp(deps, chat.mount);
const server = Bun.serve({
  port: config.port,
  hostname: config.host,
  fetch: app.fetch,
  websocket: chat.websocket,
  ...nativeServeLimits(),
});

const base = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${server.port}`;
console.log(
  `Supportal ${deps.version} listening on ${base}\n` +
    `  embeddings: ${deps.embedder.id}; answers: ${deps.chatModel?.id ?? "offline extractive answerer"}\n` +
    `  demo: ${base}/   dashboard: ${base}/dashboard   widget: ${base}/supportal-widget.js`,
);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await chat.close();
  server.stop(true);
  await deps.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
