import { afterAll, beforeAll } from "bun:test";
import { apiClient } from "./api-client";
import { startTestServer, type TestServer, type TestServerOptions } from "./test-server";

/**
 * One test server for the file (or the enclosing `describe`): started before its tests, stopped and
 * its data removed after them; `admin` calls its API with the admin token.
 */
export function useTestServer(options: TestServerOptions = {}) {
  let started: TestServer | undefined;
  let admin: ReturnType<typeof apiClient> | undefined;
  beforeAll(async () => {
    started = await startTestServer(options);
    admin = apiClient(started.url, started.adminToken);
  });
  afterAll(() => started?.stop({ removeData: true }));
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the test server starts in beforeAll; use it inside a test");
    return value;
  };
  return {
    get server() {
      return ready(started);
    },
    get admin() {
      return ready(admin);
    },
  };
}
