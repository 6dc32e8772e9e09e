export * from "./ledger-store";
