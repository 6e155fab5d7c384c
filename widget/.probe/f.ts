import { ServerFrame } from "./proto2";
import * as z from "zod/mini";
const Theme = z.object({ color: z.optional(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/))), title: z.optional(z.string().check(z.maxLength(80))), position: z.optional(z.enum(["right","left"])) });
const PublicConfig = z.object({ id: z.number(), name: z.string(), greeting: z.nullable(z.string()), theme: Theme });
(globalThis as any).x = (v: unknown) => [ServerFrame.safeParse(v), PublicConfig.safeParse(v)];
