/**
 * A WebSocket stand-in for unit tests: records what is sent and lets the test play the server.
 * (The browser suites in e2e/ use real sockets against the real server.)
 */
export class FakeSocket {
  static created: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.created.push(this);
  }

  static last(): FakeSocket {
    const socket = FakeSocket.created.at(-1);
    if (!socket) throw new Error("no socket was created");
    return socket;
  }

  static create = (url: string) => new FakeSocket(url) as unknown as WebSocket;

  send(data: string) {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(data);
  }

  close() {
    this.closed = true;
    this.readyState = 3;
  }

  // The server's side.
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === "string" ? frame : JSON.stringify(frame) });
  }

  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }

  frames(): unknown[] {
    return this.sent.map((data) => JSON.parse(data));
  }
}
