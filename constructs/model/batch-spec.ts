import { z } from "zod";
import { ImageSpec } from "./image-spec";
import { EnvValueSpec, ResourcesSpec } from "./component-spec";
import { EgressSpec } from "./egress-spec";

/**
 * A scheduled batch (CronJob) on the same image chain and security defaults as components.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */
export const BatchSpec = z.strictObject({
  image: ImageSpec,
  /** Five-field cron expression in the cluster's time zone unless `timeZone` is given. */
  schedule: z.string(),
  /** IANA time zone. @default "Europe/Paris" */
  timeZone: z.string().optional(),
  /** @default "Forbid" */
  concurrency: z.enum(["Allow", "Forbid", "Replace"]).optional(),
  /** Maximum run time of one execution. @default 3600 */
  activeDeadlineSeconds: z.number().int().min(1).max(86400).optional(),
  /** How late a missed run may still start. @default 300 */
  startingDeadlineSeconds: z.number().int().min(1).max(86400).optional(),
  /** @default 2 */
  backoffLimit: z.number().int().min(0).max(10).optional(),
  /** @default { successful: 3, failed: 3 } */
  history: z.strictObject({ successful: z.number().int().min(0).max(20), failed: z.number().int().min(0).max(20) }).optional(),
  resources: ResourcesSpec.optional(),
  env: z.record(z.string(), EnvValueSpec).optional(),
  command: z.array(z.string()).optional(),
  /** Components the batch calls, written as a component's `dependsOn` (see DEPENDENCY_FORMS). @default - none */
  dependsOn: z.array(z.string()).optional(),
  /** Calls outside the platform's apps (catalogued shared services, external CIDRs). @default - none */
  egress: z.array(EgressSpec).optional(),
});
export type BatchSpec = z.infer<typeof BatchSpec>;
