import { SQL } from "bun";

/**
 * PostgreSQL for tests: a fresh database per use, created on the server that
 * `SUPPORTAL_TEST_DATABASE_URL` names (`.ci/services` starts one and exports it) and dropped after.
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The server the tests may create databases on, or null: then the PostgreSQL tests are skipped. */
export function testDatabaseServer(): string | null {
  const url = process.env.SUPPORTAL_TEST_DATABASE_URL || null;
  if (!url && process.env.CI === "true")
    throw new Error(
      "SUPPORTAL_TEST_DATABASE_URL is not set; CI must run the PostgreSQL tests (.ci/services)",
    );
  return url;
}

/** Why the PostgreSQL tests cannot run here (printed once by the tests that skip), or null. */
export function postgresUnavailable(): string | null {
  return testDatabaseServer()
    ? null
    : "SUPPORTAL_TEST_DATABASE_URL is not set (.ci/services starts PostgreSQL and sets it): PostgreSQL half skipped";
}

/** Whether the whole server suite runs on PostgreSQL (`SUPPORTAL_TEST_ON_POSTGRES=1`, set by `bun run test`). */
export const suiteOnPostgres = () => process.env.SUPPORTAL_TEST_ON_POSTGRES === "1";

const PREFIX = "supportal_t_";
let serial = 0;
let sweptStale = false;

/** Databases of test processes that are gone (killed before they could drop theirs). */
async function dropStale(admin: SQL) {
  const rows: { datname: string }[] =
    await admin`select datname from pg_database where datname like ${`${PREFIX}%`}`;
  for (const { datname } of rows) {
    const pid = Number(/^supportal_t_(\d+)_/.exec(datname)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    await dropDatabase(admin, datname);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Drops a test database. A server just stopped may still hold a connection for a moment (and a
 * role that does not own another's backend may not force it), so it is tried a few times; one
 * that stays busy is left for the next run's sweep, with a warning, rather than failing a test.
 */
async function dropDatabase(admin: SQL, name: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await admin.unsafe(`drop database if exists "${name}"`);
      return;
    } catch {
      await Bun.sleep(100);
    }
  }
  await admin
    .unsafe(`drop database if exists "${name}" with (force)`)
    .catch((error: unknown) => console.warn(`[test-database] ${name} left behind: ${String(error)}`));
}

/** A new, empty database on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testDatabaseServer();
  if (!server) throw new Error("SUPPORTAL_TEST_DATABASE_URL is not set");
  const name = `${PREFIX}${process.pid}_${++serial}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new SQL({ url: server, max: 1 });
  try {
    if (!sweptStale) {
      sweptStale = true;
      await dropStale(admin);
    }
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.close();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new SQL({ url: server, max: 1 });
      try {
        await dropDatabase(again, name);
      } finally {
        await again.close();
      }
    },
  };
}
