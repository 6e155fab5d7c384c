import { describe, expect, test } from "bun:test";
import type { Business } from "@supportal/shared";
import { colorProblem, normalizeColor, toPatch, toValues } from "./settings-form";

const business: Business = {
  id: 1,
  name: "Shop",
  allowedOrigins: [],
  systemPrompt: null,
  greeting: null,
  theme: { color: "#2563eb" },
  dailyMessageLimit: null,
  sessionRatePerMinute: null,
  retentionDays: 30,
  handoffEnabled: true,
  businessHours: null,
  handoffAfterNotFound: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("the colour field", () => {
  test("takes a colour as people type or paste it", () => {
    expect(normalizeColor("#1F6FEB")).toBe("#1f6feb");
    expect(normalizeColor("  #1f6feb \n")).toBe("#1f6feb");
    expect(normalizeColor("1f6feb")).toBe("#1f6feb");
    expect(normalizeColor("#abc")).toBe("#aabbcc");
  });

  test("names what is wrong instead of cutting it", () => {
    for (const bad of ["#1f6feb0", "#12345", "blue", "rgb(1, 2, 3)", "#gggggg"]) {
      expect(normalizeColor(bad)).toBeNull();
      expect(colorProblem(bad)).toContain(bad.trim());
    }
    expect(colorProblem("")).toContain("Enter a colour");
    expect(colorProblem("#1f6feb")).toBeUndefined();
  });

  test("the saved colour is the normalised one; a bad one is refused before any request", () => {
    const patch = toPatch({ ...toValues(business), color: " #1F6FEB " });
    expect("patch" in patch && patch.patch.theme?.color).toBe("#1f6feb");
    expect(toPatch({ ...toValues(business), color: "#1f6feb0" })).toMatchObject({
      error: expect.any(String),
    });
  });
});

describe("the retention field", () => {
  test("shows the business's days, saves a whole number, and empty is the server's default", () => {
    expect(toValues(business).retentionDays).toBe("30");
    const set = toPatch({ ...toValues(business), retentionDays: "90" });
    expect("patch" in set && set.patch.retentionDays).toBe(90);
    const cleared = toPatch({ ...toValues(business), retentionDays: " " });
    expect("patch" in cleared && cleared.patch.retentionDays).toBeNull();
    expect(toPatch({ ...toValues(business), retentionDays: "0" })).toMatchObject({
      error: expect.stringContaining("kept"),
    });
  });
});
