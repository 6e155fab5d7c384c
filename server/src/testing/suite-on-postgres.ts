/**
 * `bun run test:postgres`: the server suite once more, every test server on a fresh PostgreSQL
 * database of SUPPORTAL_TEST_DATABASE_URL's server (`bun run test` runs it after the SQLite pass).
 * Without that variable it says so and passes, except under CI=true, where it fails: CI must run it.
 */
import { postgresUnavailable } from "./test-database";

const unavailable = postgresUnavailable();
if (unavailable) {
  console.warn(`[test:postgres] skipped: ${unavailable}`);
  process.exit(0);
}
const root = new URL("../../..", import.meta.url).pathname;
const child = Bun.spawn(["bun", "test", "--timeout", "60000", "server"], {
  cwd: root,
  env: { ...process.env, SUPPORTAL_TEST_ON_POSTGRES: "1" },
  stdio: ["inherit", "inherit", "inherit"],
});
process.exit(await child.exited);
