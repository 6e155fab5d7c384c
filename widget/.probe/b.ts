import { ServerFrame, PublicConfig } from "@supportal/shared";
(globalThis as any).x = (v: unknown) => [ServerFrame.safeParse(v), PublicConfig.safeParse(v)];
