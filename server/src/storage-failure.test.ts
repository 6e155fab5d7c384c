import { expect, test } from "bun:test";
import { storageFailure } from "./storage-failure";

test("PostgreSQL's disk_full and read-only refusals are storage failures; other SQLSTATEs are not", () => {
  const pgError = (errno: string) =>
    Object.assign(new Error("server error"), { code: "ERR_POSTGRES_SERVER_ERROR", errno });
  expect(storageFailure(pgError("53100"))).toContain("disk is full");
  expect(storageFailure(new Error("wrapped", { cause: pgError("25006") }))).toContain("cannot write");
  expect(storageFailure(pgError("23505"))).toBeNull();
});
