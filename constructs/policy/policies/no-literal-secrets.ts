import { secretLiteral } from "../../resolve";
import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

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
