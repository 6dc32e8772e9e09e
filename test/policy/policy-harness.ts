import { instance } from "../../platform/instance";
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { AppDeclaration, EnvName } from "../../constructs/model";
import { renderApp, renderPlatform, tenantsOf } from "../../constructs/k8s";
import { resolve } from "../../constructs/resolve";
import { belugaPolicies, type KubeObject, policyContextFor, type PolicyContext, pulumiTypeOf } from "../../constructs/policy";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { fullApp } from "../fixtures/declarations";

/** Mutable copies of the objects an app renders in an environment (fullApp by default). */
export function rendered(env: EnvName, declaration: AppDeclaration = fullApp()): any[] {
  return JSON.parse(JSON.stringify(renderApp(resolve(declaration, environments.get(env), catalog), environments.get(env))));
}

/** Mutable copies of the platform layer of an environment for the given apps. */
export function renderedPlatform(env: EnvName, declarations: AppDeclaration[] = [fullApp()]): any[] {
  return JSON.parse(JSON.stringify(renderPlatform(environments.get(env), tenantsOf(declarations as any))));
}

/** The one object of a kind (and name) among objects. */
export function pick(objects: any[], kind: string, name?: string): any {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ""} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(", ")}`);
  return found;
}

function policyNamed(name: string, ctx: PolicyContext) {
  const policy = belugaPolicies(ctx).find((p) => p.name === name);
  if (!policy) throw new Error(`no policy ${name}`);
  return policy;
}

const OPTIONS = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};
const urnOf = (o: KubeObject) =>
  `urn:pulumi:test::app::${pulumiTypeOf(o)}::${o.metadata?.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata?.name}`;

/**
 * Calls a resource policy of the pack through @pulumi/policy's own interface (ResourceValidationArgs
 * and a reportViolation callback), as the analyzer does for one registered resource.
 */
export async function validateResource(policyName: string, env: EnvName | PolicyContext, object: KubeObject): Promise<string[]> {
  const ctx = typeof env === "string" ? policyContextFor(instance, env) : env;
  const policy = policyNamed(policyName, ctx) as ResourceValidationPolicy;
  const messages: string[] = [];
  const args: ResourceValidationArgs = {
    type: pulumiTypeOf(object),
    props: object as Record<string, any>,
    urn: urnOf(object),
    name: `${object.metadata?.namespace}/${object.metadata?.name}`,
    opts: OPTIONS,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: () => {
      throw new Error("not applicable");
    },
  };
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
  for (const validate of validations) await validate(args, (message) => messages.push(message));
  return messages;
}

/** Calls a stack policy of the pack with StackValidationArgs over every object; returns messages and URNs. */
export async function validateStack(
  policyName: string,
  env: EnvName | PolicyContext,
  objects: KubeObject[],
): Promise<Array<{ message: string; urn?: string }>> {
  const ctx = typeof env === "string" ? policyContextFor(instance, env) : env;
  const policy = policyNamed(policyName, ctx) as StackValidationPolicy;
  const found: Array<{ message: string; urn?: string }> = [];
  const args: StackValidationArgs = {
    resources: [
      {
        type: "pulumi:pulumi:Stack",
        props: {},
        urn: "urn:pulumi:test::app::pulumi:pulumi:Stack::app-test",
        name: "app-test",
        opts: OPTIONS,
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
      },
      ...objects.map((o) => ({
        type: pulumiTypeOf(o),
        props: o as Record<string, any>,
        urn: urnOf(o),
        name: String(o.metadata?.name),
        opts: OPTIONS,
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
      })),
    ],
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: () => {
      throw new Error("not applicable");
    },
  };
  await policy.validateStack(args, (message, urn) => found.push({ message, urn }));
  return found;
}

/** Policy-set level checks: the enforcement level a policy gets in an environment. */
export function enforcementOf(policyName: string, env: EnvName): string | undefined {
  return policyNamed(policyName, policyContextFor(instance, env)).enforcementLevel;
}
