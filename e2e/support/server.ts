// The browser suites start the server exactly as the server's own restart tests do.
export { type RunningServer, startServer } from "../../server/src/testing/spawn-server";
