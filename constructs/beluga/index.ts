export * from "./beluga";
