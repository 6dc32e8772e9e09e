export * from "./discover-apps";
