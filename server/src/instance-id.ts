import { join } from "node:path";

/**
 * This instance's name in shared state (ingestion leases), kept in its data dir: a restart of the
 * same instance is the same holder, so it takes its own jobs back at once instead of waiting for
 * their leases to run out as another instance would.
 */
export async function ensureInstanceId(dataDir: string): Promise<string> {
  const file = Bun.file(join(dataDir, "instance-id"));
  if (await file.exists()) {
    const saved = (await file.text()).trim();
    if (/^[\w-]{8,64}$/.test(saved)) return saved;
  }
  const id = crypto.randomUUID();
  await Bun.write(file, `${id}\n`);
  return id;
}
