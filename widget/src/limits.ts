// Copies of shared/src/limits.ts: importing "@supportal/shared" at run time drags in every zod
// schema of the package (~8 KB gzip). limits.test.ts keeps the copies equal to the originals.
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const MAX_MESSAGE_CHARS = 4000;
