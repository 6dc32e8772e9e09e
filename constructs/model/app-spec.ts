import { z } from "zod";
import { BatchSpec } from "./batch-spec";
import { ComponentSpec, EnvValueSpec, ResourcesSpec, ScalingSpec } from "./component-spec";
import { DIGEST, VERSION_TAG } from "./image-spec";

/** A month-day window such as `04-01` → `04-30`, inclusive, in Europe/Paris time. */
export const ReleaseWindow = z.strictObject({
  from: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/),
  to: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/),
});
export type ReleaseWindow = z.infer<typeof ReleaseWindow>;

/** Continuous delivery (any working day), or a release train with prod windows. */
export const ReleasePolicy = z.discriminatedUnion("policy", [
  z.strictObject({ policy: z.literal("continuous") }),
  z.strictObject({ policy: z.literal("release-train"), windows: z.array(ReleaseWindow).min(1) }),
]);
export type ReleasePolicy = z.infer<typeof ReleasePolicy>;

/** What an environment may change in a component: sizing, scaling, env values, the promoted digest. */
export const ComponentOverride = z.strictObject({
  image: z.strictObject({ version: z.string().regex(VERSION_TAG).optional(), digest: z.string().regex(DIGEST).optional() }).optional(),
  scaling: ScalingSpec.optional(),
  resources: ResourcesSpec.optional(),
  env: z.record(z.string(), EnvValueSpec).optional(),
  config: z.record(z.string(), z.string()).optional(),
});
export type ComponentOverride = z.infer<typeof ComponentOverride>;

export const BatchOverride = z.strictObject({
  image: z.strictObject({ version: z.string().regex(VERSION_TAG).optional(), digest: z.string().regex(DIGEST).optional() }).optional(),
  schedule: z.string().optional(),
  /** Disable a batch in an environment (e.g. no nightly run in Dev). */
  suspend: z.boolean().optional(),
  resources: ResourcesSpec.optional(),
  env: z.record(z.string(), EnvValueSpec).optional(),
});

export const EnvironmentOverride = z.strictObject({
  components: z.record(z.string(), ComponentOverride).optional(),
  batches: z.record(z.string(), BatchOverride).optional(),
});

/**
 * An application as its team declares it: one system of components and batches, deployed as one
 * Pulumi program with one stack per environment.
 */
export const AppSpec = z.strictObject({
  /** DNS label; becomes the namespace prefix and the first part of every object name. */
  name: z.string(),
  /** Owning team (RBAC group `team-<team>`). */
  team: z.string(),
  /** Critical apps get stricter rules (liveness distinct from readiness, higher HPA floors). */
  criticality: z.enum(["critical", "standard"]),
  release: ReleasePolicy,
  components: z.record(z.string(), ComponentSpec),
  batches: z.record(z.string(), BatchSpec).optional(),
  /** Overrides per environment, keyed by the instance's environment names (checked when resolving). */
  environments: z.record(z.string(), EnvironmentOverride).optional(),
});
export type AppSpec = z.infer<typeof AppSpec>;
/** What an app team writes (same as AppSpec: no transforms, so input and output types match). */
export type AppDeclaration = z.input<typeof AppSpec>;
