import { SECRET_ENV_NAME } from "../../resolve";
import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/** Values that are secrets whatever their name: PEM private keys, credentials inside URLs. */
const SECRET_VALUE: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a password"],
];

/** The reason a literal looks like a secret, or undefined. */
function secretLiteral(name: string, value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0) return undefined;
  const byValue = SECRET_VALUE.find(([re]) => re.test(value));
  if (byValue) return `holds ${byValue[1]}`;
  if (SECRET_ENV_NAME.test(name)) return "is named like a secret and holds a literal value";
  return undefined;
}

/**
 * Secrets by reference only: a literal secret in a Deployment or ConfigMap ends up in git, in the
 * rendered manifests, in `pulumi stack export` and in every `kubectl get -o yaml`. Env variables
 * reference a Secret (`secretKeyRef`) instead; the value lives in the environment's store or in
 * encrypted stack configuration.
 */
export const noLiteralSecrets: ObjectRule = {
  name: "beluga-no-literal-secrets",
  description:
    "Environment variables and ConfigMaps never hold secret values (secret-like names with literal values, private keys, passwords in URLs); secrets are referenced from a Secret.",
  kinds: new Set([...WORKLOAD_KINDS, "ConfigMap"]),
  check(object) {
    const where = describeObject(object);
    if (object.kind === "ConfigMap") {
      const data = (object.data ?? {}) as Record<string, unknown>;
      return Object.entries(data).flatMap(([key, value]) => {
        const reason = secretLiteral(key, value);
        return reason
          ? [
              `${where} key "${key}" ${reason}; move the value to a Secret and reference it ({ secret: { name, key } } or { pulumiSecret: "<config key>" }).`,
            ]
          : [];
      });
    }
    const template = podTemplateOf(object);
    if (!template) return [];
    return containersOf(template).flatMap((container) =>
      (container.env ?? []).flatMap((variable) => {
        const reason = secretLiteral(variable.name ?? "", variable.value);
        return reason
          ? [
              `${where} (container "${container.name ?? "?"}") env ${variable.name} ${reason}; reference it instead: { secret: { name: "<secret>", key: "<key>" } } or { pulumiSecret: "<config key>" }.`,
            ]
          : [];
      }),
    );
  },
};
