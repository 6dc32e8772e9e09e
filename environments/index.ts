export * from "./dev";
export * from "./environments";
export * from "./int";
export * from "./prod";
export * from "./re7";
