import { expect, test } from "bun:test";
import { isOpen } from "./business-hours";

const hours = {
  timeZone: "Europe/Berlin",
  weekly: [
    { day: "mon" as const, from: "09:00", to: "17:00" },
    { day: "sat" as const, from: "10:00", to: "12:30" },
  ],
};

test("hours are read in the business's time zone, from inclusive, to exclusive", () => {
  // Monday 1 December 2025, Berlin is UTC+1 in winter.
  expect(isOpen(hours, new Date("2025-12-01T07:59:00Z"))).toBe(false);
  expect(isOpen(hours, new Date("2025-12-01T08:00:00Z"))).toBe(true);
  expect(isOpen(hours, new Date("2025-12-01T15:59:00Z"))).toBe(true);
  expect(isOpen(hours, new Date("2025-12-01T16:00:00Z"))).toBe(false);
  // In summer Berlin is UTC+2: Monday 2 June 2025, 07:30 UTC is 09:30 there.
  expect(isOpen(hours, new Date("2025-06-02T07:30:00Z"))).toBe(true);
  expect(isOpen(hours, new Date("2025-12-06T09:15:00Z"))).toBe(true);
  expect(isOpen(hours, new Date("2025-12-07T09:15:00Z"))).toBe(false);
  // Midnight in Berlin on Tuesday is still Monday 23:00 UTC.
  expect(
    isOpen(
      { timeZone: "UTC", weekly: [{ day: "mon", from: "22:00", to: "23:59" }] },
      new Date("2025-12-01T23:00:00Z"),
    ),
  ).toBe(true);
  expect(isOpen({ ...hours, weekly: [] }, new Date("2025-12-01T10:00:00Z"))).toBe(false);
});
