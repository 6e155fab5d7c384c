/**
 * Whether PostgreSQL refused a write for a unique index (SQLSTATE 23505). Bun's client puts the
 * SQLSTATE in `errno`; Drizzle wraps its errors, keeping the original as the `cause`.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    typeof current === "object" && current !== null && depth < 5;
    depth++
  ) {
    if ((current as { errno?: unknown }).errno === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
