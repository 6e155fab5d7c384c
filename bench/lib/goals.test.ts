import { expect, test } from "bun:test";
import { goalsSection, recordGoal } from "./goals";

test("a partial run replaces the goals it measured and keeps the others' rows", () => {
  recordGoal({ figure: "a", floorName: "f", values: [2, 3, 4], floors: [1, 1, 1], unit: "ms", target: 5 });
  const first = goalsSection();
  const previous = `# Benchmark results\n\n${first.replace("| a |", "| b |")}\n| a | 9 | **9 ms** | f: 1 ms | 9.00× | ≤ 5 ms | **missed** |\n\n_goals: then._\n`;
  const section = goalsSection(previous);
  expect(section.split("\n").filter((line) => line.startsWith("| a |"))).toEqual([
    "| a | 2.00 / 3.00 / 4.00 | **3.00 ms** | f: 1.00 ms | 3.00× | ≤ 5.00 ms | met |",
  ]);
  expect(section).toContain("kept from the earlier run");
  expect(section.split("\n").filter((line) => line.startsWith("| b |"))).toHaveLength(1);
  expect(goalsSection("")).toBe(first);
});
