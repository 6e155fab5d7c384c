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

/** The goals recorded so far, as a Markdown section (empty when none were). */
export function goalsSection(): string {
  if (goals.length === 0) return "";
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
    "## Goals (issue 13)",
    "",
    "Every figure measured three times in this run (the values per repeat, then their median), each",
    "repeat side by side with its floor (the same work without Supportal, or the exact answer), so the",
    "ratio holds however busy the shared machine was. CPU is user + system time of every thread.",
    "",
    "| figure | repeats | median | floor (median) | ratio to floor | goal | |",
    "| --- | --- | ---: | --- | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}
