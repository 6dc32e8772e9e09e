import { instance } from "../../../platform/instance";
import { policyContextFor, type PolicyContext } from "../../../constructs/policy";
import { SCC_UID_RANGE_ANNOTATION, sccAnnotationsFor } from "../../../constructs/model";
import { pick, rendered, renderedPlatform, validateResource } from "../policy-harness";

const POLICY = "beluga-restricted-pod-security";

/** The prod context, knowing the annotations the platform layer puts on full-prod. */
function withNamespace(annotations: Record<string, string> = sccAnnotationsFor("full-prod")): PolicyContext {
  return { ...policyContextFor(instance, "prod"), namespaceAnnotations: new Map([["full-prod", annotations]]) };
}

describe(POLICY, () => {
  it("passes Beluga's rendered Deployments and CronJobs, with or without the namespace's range known", async () => {
    const objects = rendered("prod");
    for (const ctx of ["prod" as const, withNamespace()]) {
      expect(await validateResource(POLICY, ctx, pick(objects, "Deployment", "full-api"))).toEqual([]);
      expect(await validateResource(POLICY, ctx, pick(objects, "CronJob", "full-nightly"))).toEqual([]);
    }
  });

  it("fails when a pod pins a UID and no range is known, saying to remove it", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.securityContext.runAsUser = 1001;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      "Deployment full-prod/full-api would be refused by OpenShift's restricted-v2 SCC: runAsUser: MustRunAsRange refuses securityContext.runAsUser 1001 (no UID range is known for namespace full-prod, so no fixed UID can be admitted): remove runAsUser; OpenShift assigns a UID from the namespace's range, and the image's numeric non-root USER with runAsNonRoot: true keeps the pod non-root.",
    ]);
  });

  it("fails when a pinned UID and fsGroup lie outside the namespace's range read from its annotation", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    Object.assign(deployment.spec.template.spec.securityContext, { runAsUser: 1001, fsGroup: 1001 });
    const ctx = withNamespace({ [SCC_UID_RANGE_ANNOTATION]: "1000650000/10000" });
    expect(await validateResource(POLICY, ctx, deployment)).toEqual([
      "Deployment full-prod/full-api would be refused by OpenShift's restricted-v2 SCC: runAsUser: MustRunAsRange refuses securityContext.runAsUser 1001 (outside the namespace's UID range 1000650000-1000659999): remove runAsUser; OpenShift assigns a UID from the namespace's range, and the image's numeric non-root USER with runAsNonRoot: true keeps the pod non-root; fsGroup: MustRunAs refuses securityContext.fsGroup 1001 (outside the namespace's group range 1000650000-1000659999): remove fsGroup; OpenShift sets the pod's groups from the namespace's range.",
    ]);
  });

  it("admits a UID inside the namespace's range, as restricted-v2 does", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].securityContext.runAsUser = 1000650042;
    const ctx = withNamespace({ [SCC_UID_RANGE_ANNOTATION]: "1000650000/10000" });
    expect(await validateResource(POLICY, ctx, deployment)).toEqual([]);
    deployment.spec.template.spec.containers[0].securityContext.runAsUser = 1000660000;
    const [message] = await validateResource(POLICY, ctx, deployment);
    expect(message).toContain(
      '(container "api") would be refused by OpenShift\'s restricted-v2 SCC: runAsUser: MustRunAsRange refuses securityContext.runAsUser 1000660000 (outside',
    );
  });

  it("fails when a container runs as root, whatever the pod says", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].securityContext.runAsUser = 0;
    const [message] = await validateResource(POLICY, withNamespace(), deployment);
    expect(message).toContain("runAsUser: MustRunAsRange refuses securityContext.runAsUser 0 (outside the namespace's UID range");
  });

  it("fails when a container may escalate privileges and adds capabilities", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    const sc = deployment.spec.template.spec.containers[0].securityContext;
    sc.allowPrivilegeEscalation = true;
    sc.capabilities = { add: ["SYS_ADMIN", "NET_BIND_SERVICE"] };
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api (container "api") would be refused by OpenShift\'s restricted-v2 SCC: allowPrivilegeEscalation: false refuses allowPrivilegeEscalation: true: set allowPrivilegeEscalation: false; requiredDropCapabilities: [ALL] requires capabilities.drop: [ALL]: add it; allowedCapabilities: [NET_BIND_SERVICE] refuses capabilities.add SYS_ADMIN: remove it.',
    ]);
  });

  it("fails when the security contexts are missing, listing every missing setting", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-front");
    delete deployment.spec.template.spec.securityContext;
    delete deployment.spec.template.spec.containers[0].securityContext;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-front (container "front") would be refused by OpenShift\'s restricted-v2 SCC: allowPrivilegeEscalation: false refuses an unset allowPrivilegeEscalation (the restricted standard checks it): set allowPrivilegeEscalation: false; requiredDropCapabilities: [ALL] requires capabilities.drop: [ALL]: add it; seccompProfiles: [runtime/default] requires seccompProfile.type: RuntimeDefault on the pod or the container (the restricted standard checks it): set it.',
      "Deployment full-prod/full-front (container \"front\") does not meet Beluga's restricted profile: it needs runAsNonRoot: true, readOnlyRootFilesystem: true; render it with Beluga's security defaults (the socle's numeric USER, /tmp as an emptyDir for scratch files).",
    ]);
  });

  it("fails when a pod uses the host's namespaces, ports or paths, or a volume type the SCC does not list", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    const spec = deployment.spec.template.spec;
    Object.assign(spec, { hostNetwork: true, hostPID: true });
    spec.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } }, { name: "share", nfs: { server: "nas", path: "/" } });
    spec.containers[0].ports[0].hostPort = 8080;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api would be refused by OpenShift\'s restricted-v2 SCC: allowHostNetwork: false refuses hostNetwork: true: remove it, app pods never need the node\'s namespaces; allowHostPID: false refuses hostPID: true: remove it, app pods never need the node\'s namespaces; allowHostDirVolumePlugin: false refuses volume "docker" (hostPath): use an emptyDir for scratch files or a persistentVolumeClaim for data; volumes: [configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret] refuses volume "share" (nfs): use one of those types.',
      'Deployment full-prod/full-api (container "api") would be refused by OpenShift\'s restricted-v2 SCC: allowHostPorts: false refuses hostPort 8080: remove it, a Service and a route expose the port.',
    ]);
  });

  it("fails when a pod asks for a Localhost seccomp profile or its own SELinux level", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    const sc = deployment.spec.template.spec.securityContext;
    sc.seccompProfile = { type: "Localhost", localhostProfile: "custom.json" };
    sc.seLinuxOptions = { level: "s0:c1,c0" };
    const messages = await validateResource(POLICY, withNamespace(), deployment);
    expect(messages).toEqual([
      `Deployment full-prod/full-api would be refused by OpenShift's restricted-v2 SCC: seLinuxContext: MustRunAs refuses securityContext.seLinuxOptions {"level":"s0:c1,c0"}: remove it; OpenShift applies the namespace's level ${sccAnnotationsFor("full-prod")["openshift.io/sa.scc.mcs"]}; seccompProfiles: [runtime/default] refuses securityContext.seccompProfile.type Localhost: set RuntimeDefault.`,
    ]);
  });

  it("reads the range the platform layer renders on the app's namespace", async () => {
    const namespace = pick(renderedPlatform("prod"), "Namespace", "full-prod");
    const [first] = namespace.metadata.annotations[SCC_UID_RANGE_ANNOTATION].split("/").map(Number);
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.securityContext.runAsUser = first + 9999;
    expect(await validateResource(POLICY, withNamespace(namespace.metadata.annotations), deployment)).toEqual([]);
  });
});
