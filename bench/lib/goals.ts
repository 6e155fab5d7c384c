// The goals table at the top of bench/RESULTS.md: each benchmark records the figures that have a
// target, measured three times side by side with their floor in the same run; bench/run.ts prints them.

export interface Goal {
  figure: string;
  /** What the figure is compared with, measured in the same run (the floor). */
  floorName: string;
  /** One value per repeat, in run order. */
  values: number[];
  floors: number[];
  unit: string;
  /** Per repeat, when the ratio is not value ÷ floor (an added latency: end to end ÷ floor). */
  ratios?: number[];
  /** The figure meets its goal at or below this (for `atLeast`, at or above). */
  target: number;
  atLeast?: boolean;
}

const goals: Goal[] = [];

export function recordGoal(goal: Goal): void {
  goals.push(goal);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};
const show = (value: number, unit: string) =>
  `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)}${unit ? ` ${unit}` : ""}`;

const GOALS_HEADING = "## Goals (issue 13)";
const KEPT_HEADING = "Not measured in this run, kept from the earlier run that did:";
const TABLE_HEAD = [
  "| figure | repeats | median | floor (median) | ratio to floor | goal | |",
  "| --- | --- | ---: | --- | ---: | ---: | --- |",
];

/**
 * The goals recorded so far, as a Markdown section (empty when none were). `previous` (the results
 * file a partial run updates): the rows of figures this run did not measure are kept, in a table of
 * their own, so that running one bench does not drop every other bench's goals.
 */
export function goalsSection(previous = ""): string {
  if (goals.length === 0) return "";
  const kept = keptRows(previous, new Set(goals.map((goal) => goal.figure)));
  const rows = goals.map((goal) => {
    const value = median(goal.values);
    const floor = median(goal.floors);
    const met = goal.atLeast ? value >= goal.target : value <= goal.target;
    const ratioValue = goal.ratios ? median(goal.ratios) : value / floor;
    const ratio = Number.isFinite(ratioValue) && floor > 0 ? `${ratioValue.toFixed(2)}×` : "—";
    return (
      `| ${goal.figure} | ${goal.values.map((v) => show(v, "")).join(" / ")} | **${show(value, goal.unit)}** | ` +
      `${goal.floorName}: ${show(floor, goal.unit)} | ${ratio} | ${goal.atLeast ? "≥" : "≤"} ${show(goal.target, goal.unit)} | ${met ? "met" : "**missed**"} |`
    );
  });
  return [
    GOALS_HEADING,
    "",
    "Every figure measured three times in this run (the values per repeat, then their median), each",
    "repeat side by side with its floor (the same work without Supportal, or the exact answer), so the",
    "ratio holds however busy the shared machine was. CPU is user + system time of every thread.",
    "",
    ...TABLE_HEAD,
    ...rows,
    ...(kept.length ? ["", KEPT_HEADING, "", ...TABLE_HEAD, ...kept] : []),
  ].join("\n");
}

/** The goal rows of `previous`'s goals section whose figure is not in `measured`. */
function keptRows(previous: string, measured: Set<string>): string[] {
  const lines = previous.split("\n");
  const start = lines.indexOf(GOALS_HEADING);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.startsWith("_goals: "));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .filter((line) => line.startsWith("| ") && !TABLE_HEAD.includes(line))
    .filter((line) => !measured.has(line.slice(2, line.indexOf(" | ", 2))));
}
