import { expect, test } from "bun:test";
import { findBusinessRow, insertBusiness } from "../businesses/business-repo";
import { appendMessage, listSessionMessages } from "../chat/session-repo";
import { openDatabase } from "./client";

test("a chat turn's statements are prepared once, then only run", () => {
  const db = openDatabase(":memory:");
  const business = insertBusiness(db, { name: "Shop" }, new Date().toISOString(), () => "");
  const sessionId = "prepared-statements-session";
  const turn = (i: number) => {
    findBusinessRow(db, business.id);
    listSessionMessages(db, business.id, sessionId, 20);
    appendMessage(db, {
      id: `m${i}`,
      businessId: business.id,
      sessionId,
      sender: "user",
      message: `question ${i}`,
      now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    });
  };
  turn(0);
  const prepare = db.$client.prepare.bind(db.$client);
  let prepares = 0;
  db.$client.prepare = ((...args: Parameters<typeof prepare>) => {
    prepares++;
    return prepare(...args);
  }) as typeof prepare;
  for (let i = 1; i <= 5; i++) turn(i);
  expect(prepares).toBe(0);
  expect(listSessionMessages(db, business.id, sessionId, 3).map((m) => m.message)).toEqual([
    "question 3",
    "question 4",
    "question 5",
  ]);
  db.$client.close();
});
