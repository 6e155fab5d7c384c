/**
 * A stand-in for the real server while developing the widget: serves the built widget, a hostile
 * host page, the public config and a chat socket that streams a canned Markdown answer.
 *   bun widget/dev/mock-server.ts   (PORT=5174 by default; build the widget first)
 */
import type { ServerWebSocket } from "bun";

type Socket = ServerWebSocket<{ session: string }>;
interface StoredMessage {
  type: "message";
  id: string;
  sender: "user" | "assistant";
  message: string;
  timestamp: string;
  sources?: { documentId: number; documentName: string; snippet: string }[];
}

const root = new URL("..", import.meta.url).pathname;
const sessions = new Map<string, StoredMessage[]>();
const sockets = new Map<string, Set<Socket>>();
let nextId = 1;

const answer = `Here is what I found:

1. **Returns** are free within *30 days*.
2. Use the \`RETURN\` label from [your account](https://example.com/account).

\`\`\`
Order #1234 — eligible
\`\`\``;

const message = (sender: StoredMessage["sender"], text: string, id = `m${nextId++}`): StoredMessage => ({
  type: "message",
  id,
  sender,
  message: text,
  timestamp: new Date().toISOString(),
});

function broadcast(session: string, frame: object) {
  for (const socket of sockets.get(session) ?? []) socket.send(JSON.stringify(frame));
}

async function reply(session: string, question: string) {
  const history = sessions.get(session)!;
  const user = message("user", question.trim());
  history.push(user);
  broadcast(session, user);
  await Bun.sleep(300);
  broadcast(session, { type: "typing", sender: "assistant" });
  await Bun.sleep(600);
  const id = `m${nextId++}`;
  for (const piece of answer.match(/[\s\S]{1,12}/g) ?? []) {
    broadcast(session, { type: "delta", id, delta: piece });
    await Bun.sleep(40);
  }
  const final = {
    ...message("assistant", answer, id),
    sources: [
      { documentId: 1, documentName: "Returns policy.pdf", snippet: "Items can be returned within 30 days." },
      { documentId: 2, documentName: "FAQ.md", snippet: "Print the RETURN label from your account." },
    ],
  };
  history.push(final);
  broadcast(session, final);
}

const server = Bun.serve<{ session: string }>({
  port: Number(process.env.PORT ?? 5174),
  async fetch(request, server) {
    const url = new URL(request.url);
    const chat = url.pathname.match(/^\/ws\/chat\/(\d+)\/([A-Za-z0-9_-]{16,64})$/);
    if (chat) {
      return server.upgrade(request, { data: { session: chat[2]! } })
        ? undefined
        : new Response("upgrade expected", { status: 400 });
    }
    if (url.pathname === "/supportal-widget.js") {
      return new Response(Bun.file(`${root}dist/supportal-widget.js`), {
        headers: { "content-type": "text/javascript" },
      });
    }
    if (/^\/api\/public\/businesses\/\d+\/config$/.test(url.pathname)) {
      return Response.json({ id: 42, name: "Acme Outdoor", greeting: null, theme: { color: "#0f766e" } });
    }
    const page = url.pathname === "/" ? "index.html" : url.pathname.slice(1);
    // The same hostile stylesheet the browser suites put on their host page.
    if (page === "hostile.css") return new Response(Bun.file(`${root}../e2e/support/hostile.css`));
    if (/^[\w-]+\.(html|css)$/.test(page)) return new Response(Bun.file(`${root}dev/${page}`));
    return new Response("not found", { status: 404 });
  },
  websocket: {
    open(socket) {
      const { session } = socket.data;
      if (!sessions.has(session)) sessions.set(session, []);
      if (!sockets.has(session)) sockets.set(session, new Set());
      sockets.get(session)!.add(socket);
      socket.send(JSON.stringify({ type: "history", messages: sessions.get(session) }));
    },
    message(socket, raw) {
      const frame = JSON.parse(String(raw)) as { type?: string; message?: string };
      if (frame.type === "ping") socket.send('{"type":"pong"}');
      else if (frame.message?.trim()) void reply(socket.data.session, frame.message);
    },
    close(socket) {
      sockets.get(socket.data.session)?.delete(socket);
    },
  },
});

console.log(`mock server on http://localhost:${server.port}/`);
