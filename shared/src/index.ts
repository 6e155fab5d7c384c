export * from "./errors";
export * from "./inbox";
export * from "./limits";
export * from "./origin";
export * from "./people";
export * from "./protocol";
export * from "./rest";
export * from "./usage";
