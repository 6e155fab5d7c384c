import { randomBytes } from "node:crypto";
import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";

/**
 * The admin token from the environment, or the one saved in the data dir, or a new one saved there
 * (owner-only) and announced once, so a first `bun run server` needs no configuration.
 */
export async function ensureAdminToken(input: {
  fromEnv?: string;
  dataDir: string;
  announce: (line: string) => void;
}): Promise<string> {
  if (input.fromEnv) return input.fromEnv;
  const file = join(input.dataDir, "admin-token");
  const saved = Bun.file(file);
  if (await saved.exists()) {
    const token = (await saved.text()).trim();
    if (token.length >= 16) return token;
  }
  await mkdir(input.dataDir, { recursive: true });
  const token = `adm_${randomBytes(32).toString("base64url")}`;
  await Bun.write(file, `${token}\n`);
  await chmod(file, 0o600);
  input.announce(`Admin token (saved in ${file}; shown only this once):\n\n    ${token}\n`);
  return token;
}
