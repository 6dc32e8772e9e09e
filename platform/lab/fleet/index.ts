export * from "./deploy-fleet";
export * from "./fleet-projects";
