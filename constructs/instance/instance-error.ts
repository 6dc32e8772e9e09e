/**
 * A mistake in the instance (environments or catalog) or a name that is not in it: the message says
 * what is wrong and how to fix it. CLIs print it without a stack trace.
 */
export class InstanceError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(messages.join("\n"));
    this.name = "InstanceError";
  }
}

/**
 * A name given on a command line or in stack configuration that the instance does not know (an app,
 * an environment). CLIs report it as a usage error (exit code 2).
 */
export class UnknownNameError extends Error {
  constructor(
    readonly kind: "app" | "environment",
    readonly value: string,
    readonly known: readonly string[],
  ) {
    super(`unknown ${kind} "${value}"; known ${kind === "app" ? "apps" : "environments"}: ${known.join(", ")}`);
    this.name = "UnknownNameError";
  }
}
