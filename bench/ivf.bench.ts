// The in-memory IVF index (server/src/rag/ivf-index.ts) on 100k synthetic rows of 512 dimensions, as
// search-latency.bench.ts makes them: CPU per query and recall@10 against the exact scan of the same
// matrix, measured side by side in each repeat. The index alone, at fixed probe counts; the store's
// calibrated use of it is measured in search-latency.bench.ts.
import { IvfIndex } from "../server/src/rag/ivf-index";
import { VectorMatrix } from "../server/src/rag/vector-matrix";
import { cpuMs, median, ms, table } from "./lib/stats";
import { topicVectors } from "./lib/synthetic-vectors";

const TITLE = "In-memory IVF index at 100k rows, by probed partitions";
const ROWS = 100_000;
const DIMENSIONS = 512;
const QUERIES = 60;
const REPEATS = 3;
/** What the chat's search asks for: its 150 best windows. */
const LIMIT = 150;
const PROBES = [8, 16, 24, 32];
/**
 * How far rows lie from their topic. 10 is search-latency.bench.ts's: a row's nearest neighbour at
 * cosine ~0.16 and a random pair at ~0, no structure an index can use. 1 puts the nearest neighbour
 * at ~0.48, still looser than the bench corpora's own stored vectors (nearest 0.77-0.89, random
 * pair 0.36-0.56).
 */
const SPREADS = [1, 10];

export default async function ivfBench(): Promise<string> {
  const sections: string[] = [];
  for (const spread of SPREADS) sections.push(await measureSpread(spread));
  return [
    `## ${TITLE}`,
    "",
    `${ROWS.toLocaleString("en")} rows around 256 topics, ${QUERIES} queries a repeat, ${REPEATS} repeats; ` +
      `each query asks for the best ${LIMIT} rows. CPU is this process's user + system time over the queries.`,
    "",
    ...sections,
  ].join("\n");
}

async function measureSpread(spread: number): Promise<string> {
  const vectorOf = topicVectors(ROWS);
  const matrix = new VectorMatrix(DIMENSIONS, ROWS);
  for (let row = 0; row < ROWS; row++) matrix.vectors.set(vectorOf(spread), row * DIMENSIONS);
  const queries = Array.from({ length: QUERIES }, () => Float32Array.from(vectorOf(spread)));

  const buildCpu0 = cpuMs();
  const t0 = performance.now();
  const index = await IvfIndex.build(matrix, ROWS);
  const buildMs = performance.now() - t0;
  const buildCpu = cpuMs() - buildCpu0;

  const exactTop = queries.map((query) => matrix.nearest(query, ROWS, LIMIT));
  const cpuPerQuery = (search: (query: Float32Array) => unknown) => {
    const c0 = cpuMs();
    for (const query of queries) search(query);
    return (cpuMs() - c0) / QUERIES;
  };
  const modes: { name: string; search: (query: Float32Array) => { row: number }[] }[] = [
    { name: "exact scan, SIMD (floor)", search: (query) => matrix.nearest(query, ROWS, LIMIT) },
    ...PROBES.map((probes) => ({
      name: `IVF, ${probes} of ${index.partitions} partitions`,
      search: (query: Float32Array) => index.nearest(matrix, query, LIMIT, probes),
    })),
  ];
  const cpu: number[][] = modes.map(() => []);
  for (let r = 0; r < REPEATS; r++) {
    modes.forEach((mode, m) => {
      cpu[m]!.push(cpuPerQuery(mode.search));
    });
  }
  const recallAt10 = (search: (query: Float32Array) => { row: number }[]) => {
    let found = 0;
    queries.forEach((query, q) => {
      const exact = new Set(exactTop[q]!.slice(0, 10).map((hit) => hit.row));
      found += search(query)
        .slice(0, 10)
        .filter((hit) => exact.has(hit.row)).length;
    });
    return found / (QUERIES * 10);
  };
  const floor = median(cpu[0]!);
  return [
    `Spread ${spread}: index built in ${(buildMs / 1000).toFixed(1)} s (${(buildCpu / 1000).toFixed(1)} s of CPU) ` +
      "on the event loop, yielding between slices.",
    "",
    table(
      ["mode", "CPU ms per query (repeats)", "CPU vs exact scan", "recall@10 vs exact"],
      modes.map((mode, m) => [
        mode.name,
        cpu[m]!.map(ms).join(" / "),
        `${(median(cpu[m]!) / floor).toFixed(2)}×`,
        recallAt10(mode.search).toFixed(3),
      ]),
    ),
    "",
  ].join("\n");
}
