import { z } from "zod";

/** Stack names, in promotion order. Users say Dev, Int, RE7 and Prod: see `ENV_DISPLAY`. */
export const ENV_NAMES = ["dev", "int", "re7", "prod"] as const;
export const EnvName = z.enum(ENV_NAMES);
export type EnvName = z.infer<typeof EnvName>;
/** How people write the environment names. */
export const ENV_DISPLAY: Record<EnvName, string> = { dev: "Dev", int: "Int", re7: "RE7", prod: "Prod" };

export const SocleLifecycle = z.enum(["supported", "deprecated", "retired"]);
export type SocleLifecycle = z.infer<typeof SocleLifecycle>;

/**
 * What differs between environments and is decided by the platform team, not by app teams.
 * One file per environment lives in `environments/`.
 */
export const EnvironmentSpec = z.strictObject({
  name: EnvName,
  /** Namespace pattern; `{app}` and `{env}` are substituted. */
  namespacePattern: z.literal("{app}-{env}"),
  /** kube context of the target cluster (stack configuration may override it). */
  cluster: z.strictObject({ context: z.string() }),
  /** Registry host and path every app image of this environment is pulled from. */
  registry: z.string(),
  routes: z.strictObject({
    domain: z.string(),
    flavor: z.enum(["openshift-route", "ingress"]),
    ingressClassName: z.string().optional(),
  }),
  /** Bounds applied to every component's scaling. */
  replicas: z.strictObject({ min: z.number().int().min(1), max: z.number().int().min(1), hpaMinFloor: z.number().int().min(1) }),
  /** Multiplier on resource profiles (e.g. 0.5 in Dev). */
  resourceScale: z.number().positive().max(4),
  /** Whether images must be referenced by digest. */
  digestRequired: z.boolean(),
  /** Socle lifecycle states an app may still deploy with. */
  allowedSocleStates: z.array(SocleLifecycle),
  /** Whether app teams may write in their namespaces directly (Dev, Int) or only through the pipeline. */
  teamWrite: z.boolean(),
  /** Namespace quota per app, as a multiple of the app's steady-state requests plus surge headroom. */
  quota: z.strictObject({ cpu: z.string(), memory: z.string(), pods: z.number().int().min(1) }),
  /** Policy enforcement level of the platform policy pack. */
  policyEnforcement: z.enum(["advisory", "mandatory"]),
});
export type EnvironmentSpec = z.infer<typeof EnvironmentSpec>;
