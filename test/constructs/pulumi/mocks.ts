import * as pulumi from "@pulumi/pulumi";

/** A resource registration seen by the mock engine. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: any;
}

/**
 * Recording Pulumi mocks: every registration is kept for assertions, outputs echo inputs (as the
 * Kubernetes provider does for the fields we read), and any provider function call fails the test,
 * since the programs must not depend on one.
 */
export function recordingMocks(stack: string, project = "test", config: Record<string, string> = {}): Registration[] {
  const registrations: Registration[] = [];
  pulumi.runtime.setAllConfig(
    config,
    Object.keys(config).filter((k) => k.toLowerCase().includes("secret")),
  );
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        throw new Error(`unexpected provider call ${args.token}`);
      },
    },
    project,
    stack,
    true,
  );
  return registrations;
}

/** Resolves an Output in a test (mocks make every output known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) =>
    output.apply((v) => {
      resolve(v);
      return v;
    }),
  );
}
