import { defineConfig } from "drizzle-kit";

/** The PostgreSQL migrations (`SUPPORTAL_DATABASE_URL`): `bun run db:generate:pg` after changing pg-schema.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pg-schema.ts",
  out: "./drizzle-pg",
});
