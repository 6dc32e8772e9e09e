export * from "./beluga-app";
export * from "./beluga-component";
export * from "./beluga-platform";
export * from "./deploy-app";
export * from "./kubernetes-object";
export * from "./stack-environment";
