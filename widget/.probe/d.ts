import { ServerFrame } from "../../shared/src/protocol";
(globalThis as any).x = (v: unknown) => ServerFrame.safeParse(v);
