import * as lancedb from "@lancedb/lancedb";
import { rmSync } from "node:fs";
const N = Number(process.env.N ?? 100000), D = 512;
let s = 12345; const rnd = () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
const g = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const unit = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
const topics = Array.from({ length: 256 }, () => unit(Array.from({ length: D }, g)));
const vec = () => { const t = topics[Math.floor(rnd() * 256)]!; return unit(t.map((x) => x + 0.5 * g())); };
const dir = "/tmp/sp/idx"; rmSync(dir, { recursive: true, force: true });
const db = await lancedb.connect(dir);
const all: number[][] = [];
let table: lancedb.Table | null = null;
for (let b = 0; b < N; b += 10000) {
  const rows = Array.from({ length: Math.min(10000, N - b) }, (_, i) => { const v = vec(); all.push(v); return { id: b + i, text: "x".repeat(200), vector: v }; });
  if (!table) table = await db.createTable("t", rows); else await table.add(rows);
}
await table!.optimize();
const qs = Array.from({ length: 40 }, vec);
const exact = qs.map((q) => all.map((v, i) => [i, v.reduce((a, x, j) => a + x * q[j]!, 0)] as const).sort((a, b) => b[1] - a[1]).slice(0, 10).map((x) => x[0]));
async function bench(name: string, f: (q: number[]) => lancedb.VectorQuery) {
  for (const q of qs.slice(0, 3)) await f(q).toArray();
  const lat: number[] = []; let rec = 0;
  for (const [k, q] of qs.entries()) { const t = performance.now(); const r = await f(q).select(["id", "text"]).toArray(); lat.push(performance.now() - t); const top = new Set(r.slice(0, 10).map((x: any) => x.id)); rec += exact[k]!.filter((i) => top.has(i)).length / 10; }
  lat.sort((a, b) => a - b);
  console.log(`${name}: p50 ${lat[20]!.toFixed(1)} p95 ${lat[38]!.toFixed(1)} recall@10 ${(rec / qs.length).toFixed(2)}`);
}
await bench("flat", (q) => table!.vectorSearch(q).distanceType("cosine").limit(200));
for (const kind of (process.env.KINDS ?? "ivfpq,hnswsq,ivfflat").split(",")) {
  const t = performance.now();
  const config = kind === "ivfpq" ? lancedb.Index.ivfPq({ distanceType: "cosine" }) : kind === "hnswsq" ? lancedb.Index.hnswSq({ distanceType: "cosine" }) : lancedb.Index.ivfFlat({ distanceType: "cosine" });
  await table!.createIndex("vector", { config, replace: true });
  console.log(`${kind} build ${((performance.now() - t) / 1000).toFixed(1)} s`, JSON.stringify((await table!.listIndices()).map((i) => [i.name, i.indexType])));
  if (kind === "hnswsq") { for (const ef of [200, 400]) await bench(`hnswsq ef${ef}`, (q) => table!.vectorSearch(q).distanceType("cosine").ef(ef).limit(200)); }
  else for (const [np, rf] of [[20, 0], [20, 2], [40, 2]] as const) await bench(`${kind} nprobes${np} refine${rf}`, (q) => { let x = table!.vectorSearch(q).distanceType("cosine").nprobes(np).limit(200); if (rf) x = x.refineFactor(rf); return x; });
}
