import { ServerFrame } from "@supportal/shared";
(globalThis as any).x = (v: unknown) => ServerFrame.safeParse(v);
