import { z } from "zod";
import { CPU_QUANTITY, MEMORY_QUANTITY } from "./quantities";
import { EnvironmentPlacement } from "./placement-spec";

/**
 * An environment's stack name: a short DNS label (it ends namespaces, object names and hosts).
 * The set of environments is the instance's data (`environments/`), never a list in the library.
 */
export const EnvName = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,7}$/, "an environment name is 1 to 8 lowercase letters or digits, starting with a letter");
export type EnvName = z.infer<typeof EnvName>;

export const SocleLifecycle = z.enum(["supported", "deprecated", "retired"]);
export type SocleLifecycle = z.infer<typeof SocleLifecycle>;

/** GitLab deployment tier of an environment (GitLab's environment views and DORA metrics). */
export const DeploymentTier = z.enum(["production", "staging", "testing", "development", "other"]);
export type DeploymentTier = z.infer<typeof DeploymentTier>;

/**
 * How the generated GitLab pipeline treats an environment. Every behaviour that differs between
 * environments is a field here, so adding an environment is data only.
 */
export const EnvironmentPipelineSpec = z.strictObject({
  /** GitLab deployment tier of the deploy job's environment. */
  deploymentTier: DeploymentTier,
  /**
   * `automatic`: the deploy job runs on the default branch once the previous environment succeeded.
   * `manual`: a person starts it (blocking, `allow_failure: false`); the job checks the deploy gates
   * and writes a preview before deploying.
   */
  deploy: z.enum(["automatic", "manual"]),
  /** Whether a deploy writes a release record and posts the release notification. */
  releaseRecord: z.boolean(),
  /** Whether GitLab deploy freezes stop the deploy job (unless an emergency change id is given). */
  honoursFreeze: z.boolean(),
  /** Whether merge requests preview this environment for the reviewer note. */
  mergeRequestPreview: z.boolean(),
  /**
   * Protected environment: who may deploy and how many approvals a deploy needs.
   * @default - not protected
   */
  protection: z
    .strictObject({ deployAccessLevel: z.enum(["developer", "maintainer"]), requiredApprovals: z.number().int().min(0) })
    .optional(),
});
export type EnvironmentPipelineSpec = z.infer<typeof EnvironmentPipelineSpec>;

/** Severity of an alert: `critical` pages the team's on-call (and posts to its channel), the others post only. */
export const AlertSeverity = z.enum(["critical", "warning", "info"]);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Severities of an environment's alerts by app criticality, when the environment does not say. */
export const DEFAULT_ALERTING = { severity: { critical: "warning", standard: "info" } } as const;

/**
 * What differs between environments and is decided by the platform team, not by app teams.
 * One file per environment lives in `environments/`; the instance lists them in promotion order.
 */
export const EnvironmentSpec = z.strictObject({
  name: EnvName,
  /** How people write the name: Dev, Int, RE7, Prod. */
  displayName: z.string().min(1),
  /**
   * The environment an image must have run in, with the same digest, before this one accepts it.
   * @default - first environment of the promotion chain: its deployments start the record
   */
  promotesFrom: EnvName.optional(),
  /** Namespace pattern; `{app}` and `{env}` are substituted. */
  namespacePattern: z.string().regex(/\{app\}/, "the namespace pattern must contain {app}"),
  /** kube context of the target cluster (stack configuration may override it). */
  cluster: z.strictObject({ context: z.string() }),
  /** Registry host and path every app image of this environment is pulled from. */
  registry: z.string(),
  routes: z.strictObject({
    domain: z.string(),
    flavor: z.enum(["openshift-route", "ingress"]),
    ingressClassName: z.string().optional(),
    /**
     * Default host of a route: `<object>-<env>.<domain>` (`suffixed`) or `<object>.<domain>` (`bare`,
     * the public names of production).
     */
    hostStyle: z.enum(["suffixed", "bare"]),
  }),
  /** Bounds applied to every component's scaling; `hpaMinFloor` is the lowest HPA minimum accepted. */
  replicas: z.strictObject({
    min: z.number().int().min(1),
    max: z.number().int().min(1),
    hpaMinFloor: z.number().int().min(1),
    /**
     * A declared `scaling.max` (or `replicas`) above `max`: capped (an environment smaller than
     * production) or refused (production runs what the team sized). An environment's own override
     * above `max` is refused everywhere. @default "cap"
     */
    aboveMax: z.enum(["cap", "refuse"]).optional(),
  }),
  /** Multiplier on resource profiles (e.g. 0.5 in Dev). */
  resourceScale: z.number().positive().max(4),
  /** Whether images must be referenced by digest. */
  digestRequired: z.boolean(),
  /** Socle lifecycle states an app may still deploy with. */
  allowedSocleStates: z.array(SocleLifecycle),
  /** Whether app teams may write in their namespaces directly (Dev, Int) or only through the pipeline. */
  teamWrite: z.boolean(),
  /**
   * Namespace quotas. Each app's ResourceQuota is derived from its own declaration (every component at
   * its maximum plus its rollout surge, one pod per batch, plus headroom: see `appQuota`); the platform
   * team bounds what one app may claim here, and an app above the bound is refused at resolve time.
   */
  quota: z.strictObject({
    /** The most one app's namespace may be given: limits (CPU, memory) and pods; requests are bounded by the same figures. */
    maxPerApp: z.strictObject({
      cpu: z.string().regex(CPU_QUANTITY, "a CPU quantity such as 24 or 1500m"),
      memory: z.string().regex(MEMORY_QUANTITY, "a binary memory quantity such as 48Gi"),
      pods: z.number().int().min(1),
    }),
  }),
  /** Policy enforcement level of the platform policy pack. */
  policyEnforcement: z.enum(["advisory", "mandatory"]),
  /** Whether release-train apps deploy here only inside their release windows. */
  releaseWindows: z.boolean(),
  /** How components' pods spread over nodes and zones (see EnvironmentPlacement). */
  placement: EnvironmentPlacement,
  /**
   * Who may create, change or delete platform-owned objects (label `beluga.io/owner: platform`) in
   * the app namespaces: the identity the platform stack runs as, and the cluster's own controllers
   * (deleting a namespace deletes them too). The platform layer's ValidatingAdmissionPolicy refuses
   * everyone else, app deployers and team members included.
   */
  platformIdentities: z.strictObject({ users: z.array(z.string().min(1)), groups: z.array(z.string().min(1)) }),
  pipeline: EnvironmentPipelineSpec,
  /**
   * Severity of the alerts of an app here, by the app's criticality (`critical` pages the on-call).
   * @default - critical apps `warning`, standard apps `info`: the team's channel only
   */
  alerting: z.strictObject({ severity: z.strictObject({ critical: AlertSeverity, standard: AlertSeverity }) }).default(DEFAULT_ALERTING),
});
export type EnvironmentSpec = z.infer<typeof EnvironmentSpec>;
/** What a platform team writes in `environments/<env>.ts`. */
export type EnvironmentDeclaration = z.input<typeof EnvironmentSpec>;

/** Namespace of an app in an environment, from the environment's pattern. */
export function namespaceOf(app: string, env: Pick<EnvironmentSpec, "name" | "namespacePattern">): string {
  return env.namespacePattern.replaceAll("{app}", app).replaceAll("{env}", env.name);
}
