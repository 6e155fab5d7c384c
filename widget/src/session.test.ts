import { describe, expect, test } from "bun:test";
import { SESSION_ID_PATTERN } from "./limits";
import { loadSession, newSessionId, saveSession, sessionKey } from "./session";

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}
const memory = () => new MemoryStorage() as unknown as Storage & MemoryStorage;

describe("newSessionId", () => {
  test("is 128 random bits in 22 base64url characters", () => {
    const ids = new Set(Array.from({ length: 2000 }, newSessionId));
    expect(ids.size).toBe(2000);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(id).toMatch(SESSION_ID_PATTERN);
    }
    // The last character carries only 2 of the 128 bits: one of A, Q, g, w.
    expect(new Set([...ids].map((id) => id[21]))).toEqual(new Set(["A", "Q", "g", "w"]));
  });
});

describe("loadSession", () => {
  test("creates and stores an id under a key per business, then keeps it", () => {
    const storage = memory();
    const first = loadSession(storage, 42);
    expect(storage.items.get(sessionKey(42))).toBe(first);
    expect(loadSession(storage, 42)).toBe(first);
    expect(loadSession(storage, 43)).not.toBe(first);
  });

  test("replaces a stored value that is not a valid session id", () => {
    const storage = memory();
    storage.setItem(sessionKey(1), "../../etc");
    const id = loadSession(storage, 1);
    expect(id).toMatch(SESSION_ID_PATTERN);
    expect(storage.getItem(sessionKey(1))).toBe(id);
  });

  test("works without storage, or with storage that throws", () => {
    const throwing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    } as unknown as Storage;
    expect(loadSession(throwing, 1)).toMatch(SESSION_ID_PATTERN);
    expect(loadSession(undefined, 1)).toMatch(SESSION_ID_PATTERN);
    expect(saveSession(throwing, 1, "x".repeat(22))).toBe("x".repeat(22));
  });
});
