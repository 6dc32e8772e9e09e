import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentSpec } from "../model";
import type { EnvironmentSet } from "../instance";

/**
 * The environment a stack deploys to: the `beluga:environment` config when set (e.g. a stack
 * `dev-feature-x` deploying to Dev), otherwise the stack name itself.
 * @throws pulumi.RunError (printed without a stack trace) when it is none of the instance's environments.
 */
export function stackEnvironment(environments: EnvironmentSet): EnvironmentSpec {
  const config = new pulumi.Config("beluga");
  const name = config.get("environment") ?? pulumi.getStack();
  if (!environments.has(name)) {
    throw new pulumi.RunError(
      `stack ${pulumi.getStack()}: environment "${name}" is not one of ${environments.describe()}; ` +
        "name the stack after its environment or set `pulumi config set beluga:environment <env>`",
    );
  }
  return environments.get(name);
}
