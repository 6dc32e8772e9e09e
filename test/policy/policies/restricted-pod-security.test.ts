import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-restricted-pod-security";

describe(POLICY, () => {
  it("passes Beluga's rendered Deployments and CronJobs", async () => {
    const objects = rendered("prod");
    expect(await validateResource(POLICY, "prod", pick(objects, "Deployment", "full-api"))).toEqual([]);
    expect(await validateResource(POLICY, "prod", pick(objects, "CronJob", "full-nightly"))).toEqual([]);
  });

  it("fails when a container may escalate privileges and keeps its capabilities", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    const sc = deployment.spec.template.spec.containers[0].securityContext;
    sc.allowPrivilegeEscalation = true;
    sc.capabilities = { add: ["SYS_ADMIN"] };
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api (container "api") does not meet the restricted pod security profile: it needs allowPrivilegeEscalation: false, capabilities.drop: [ALL], no added capabilities other than NET_BIND_SERVICE; render it with Beluga\'s security defaults (socle user, /tmp as an emptyDir for scratch files).',
    ]);
  });

  it("fails when the security contexts are missing, listing every missing setting", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-front");
    delete deployment.spec.template.spec.securityContext;
    delete deployment.spec.template.spec.containers[0].securityContext;
    deployment.spec.template.spec.hostNetwork = true;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      "Deployment full-prod/full-front shares the node's hostNetwork; remove them: app pods never need the host's namespaces.",
      'Deployment full-prod/full-front (container "front") does not meet the restricted pod security profile: it needs runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: [ALL], seccompProfile.type: RuntimeDefault, readOnlyRootFilesystem: true; render it with Beluga\'s security defaults (socle user, /tmp as an emptyDir for scratch files).',
    ]);
  });

  it("fails when a container runs as root even with runAsNonRoot on the pod", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].securityContext.runAsUser = 0;
    const [message] = await validateResource(POLICY, "prod", deployment);
    expect(message).toContain("it needs a non-zero runAsUser;");
  });
});
