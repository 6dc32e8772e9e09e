export * from "./catalog-info";
export * from "./entity-validator";
