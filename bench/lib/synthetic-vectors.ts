import { seededRandom } from "../../server/src/rag/seeded-random";

export function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
}

export function unit(values: number[]): number[] {
  const norm = Math.hypot(...values) || 1;
  return values.map((value) => value / norm);
}

/**
 * Vectors around 256 topics (real embeddings cluster too; uniform noise would make every vector
 * equally far from every query, which no index is built for). Each call of the result is one
 * vector, `spread` times further from its topic than the default.
 */
export function topicVectors(seed: number, dimensions = 512) {
  const next = seededRandom(seed);
  const topics = Array.from({ length: 256 }, () =>
    unit(Array.from({ length: dimensions }, () => gaussian(next))),
  );
  return (spread: number) => {
    const topic = topics[Math.floor(next() * topics.length)]!;
    return unit(topic.map((value) => value + spread * gaussian(next) * 0.05));
  };
}
