import { createApp } from "./app";
import { mountChat } from "./chat/mount-chat";
import { createDeps } from "./deps";
import { loadConfig, readProcessEnv } from "./env";

const config = loadConfig(readProcessEnv());
if ("errors" in config) {
  console.error(`Supportal cannot start; fix these environment variables:\n  ${config.errors.join("\n  ")}`);
  process.exit(1);
}

const deps = await createDeps(config);
const chat = mountChat(deps);
const app = await createApp(deps, chat.mount);
const server = Bun.serve({
  port: config.port,
  hostname: config.host,
  fetch: app.fetch,
  websocket: chat.websocket,
  maxRequestBodySize: config.maxFileSize + 1024 * 1024,
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
