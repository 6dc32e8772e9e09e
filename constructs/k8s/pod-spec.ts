import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { ApiObject, Duration, JsonPatch, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-27";
import { cpuMillis, memoryBytes } from "../model";
import type { ResolvedEnvVar, ResolvedProbe, ResolvedResources } from "../resolve";
import { SECCOMP_RUNTIME_DEFAULT } from "./security";

/** Name of the Secret the Pulumi layer creates from stack secrets (`pulumiSecret` env references). */
export function pulumiSecretName(objectName: string): string {
  return `${objectName}-stack-secrets`;
}

/** Kubernetes key of a Pulumi config key inside that Secret (config keys may contain ':' and '.'). */
export function pulumiSecretKey(configKey: string): string {
  return configKey.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** cdk8s-plus resources from resolved quantities. */
export function containerResources(r: ResolvedResources): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(cpuMillis(r.requests.cpu)), limit: kplus.Cpu.millis(cpuMillis(r.limits.cpu)) },
    memory: {
      request: Size.mebibytes(memoryBytes(r.requests.memory) / 2 ** 20),
      limit: Size.mebibytes(memoryBytes(r.limits.memory) / 2 ** 20),
    },
  };
}

/** cdk8s-plus environment values: config entries from the component ConfigMap, secrets by reference only. */
export function containerEnv(
  scope: Construct,
  vars: readonly ResolvedEnvVar[],
  objectName: string,
  config?: kplus.IConfigMap,
): Record<string, kplus.EnvValue> {
  const env: Record<string, kplus.EnvValue> = {};
  for (const v of vars) {
    switch (v.kind) {
      case "value":
        env[v.name] = kplus.EnvValue.fromValue(v.value);
        break;
      case "config":
        env[v.name] = kplus.EnvValue.fromConfigMap(config!, v.key);
        break;
      case "secret":
        env[v.name] = kplus.EnvValue.fromSecretValue({
          secret: kplus.Secret.fromSecretName(scope, `secret-${v.name}`, v.secretName),
          key: v.secretKey,
        });
        break;
      case "pulumiSecret":
        env[v.name] = kplus.EnvValue.fromSecretValue({
          secret: kplus.Secret.fromSecretName(scope, `stack-secret-${v.name}`, pulumiSecretName(objectName)),
          key: pulumiSecretKey(v.configKey),
        });
        break;
    }
  }
  return env;
}

/** cdk8s-plus probe from a resolved probe; gRPC probes are patched in afterwards (see `patchGrpcProbes`). */
export function containerProbe(p: ResolvedProbe): kplus.Probe {
  const options = {
    initialDelaySeconds: Duration.seconds(p.initialDelaySeconds),
    periodSeconds: Duration.seconds(p.periodSeconds),
    timeoutSeconds: Duration.seconds(p.timeoutSeconds),
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
  };
  switch (p.type) {
    case "http":
      return kplus.Probe.fromHttpGet(p.path!, { ...options, port: p.portNumber });
    case "tcp":
    case "grpc":
      return kplus.Probe.fromTcpSocket({ ...options, port: p.portNumber });
    case "exec":
      return kplus.Probe.fromCommand([...p.command!], options);
  }
}

/** Rewrites tcp placeholders of gRPC probes into native `grpc` probes (cdk8s-plus-27 has none). */
export function patchGrpcProbes(apiObject: ApiObject, podSpecPath: string, probes: Record<string, ResolvedProbe | undefined>): void {
  for (const [kind, probe] of Object.entries(probes)) {
    if (probe?.type !== "grpc") continue;
    const at = `${podSpecPath}/containers/0/${kind}Probe`;
    apiObject.addJsonPatch(JsonPatch.remove(`${at}/tcpSocket`));
    apiObject.addJsonPatch(JsonPatch.add(`${at}/grpc`, { port: probe.portNumber, ...(probe.service ? { service: probe.service } : {}) }));
  }
}

/** Adds what the restricted profile needs and cdk8s-plus-27 cannot express. */
export function patchRestrictedPod(apiObject: ApiObject, podSpecPath: string): void {
  apiObject.addJsonPatch(JsonPatch.add(`${podSpecPath}/securityContext/seccompProfile`, SECCOMP_RUNTIME_DEFAULT));
  apiObject.addJsonPatch(JsonPatch.add(`${podSpecPath}/containers/0/securityContext/seccompProfile`, SECCOMP_RUNTIME_DEFAULT));
  apiObject.addJsonPatch(JsonPatch.add(`${podSpecPath}/containers/0/securityContext/capabilities`, { drop: ["ALL"] }));
  // cdk8s-plus labels pods with its construct address; selectors here use app.kubernetes.io labels,
  // and a label derived from the construct tree would roll every pod on a refactoring.
  const templatePath = podSpecPath.replace(/\/spec$/, "");
  apiObject.addJsonPatch(JsonPatch.remove(`${templatePath}/metadata/labels/cdk8s.io~1metadata.addr`));
}

/** Stable hash of config content: put on the pod template so a config change rolls the pods. */
export function contentHash(...parts: ReadonlyArray<Readonly<Record<string, string>>>): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    for (const key of Object.keys(part).sort()) hash.update(`${key}\0${part[key]}\0`);
    hash.update("\u0001");
  }
  return hash.digest("hex").slice(0, 16);
}
