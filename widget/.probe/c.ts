import * as z from "zod/mini";
(globalThis as any).x = (v: unknown) => z.object({a: z.string()}).safeParse(v);
