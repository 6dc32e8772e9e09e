export * from "./seeded-random";
export * from "./synthetic-estate";
