export * from "./synthesize";
