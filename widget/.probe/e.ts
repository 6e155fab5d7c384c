import { ServerFrame } from "./proto2";
(globalThis as any).x = (v: unknown) => ServerFrame.safeParse(v);
