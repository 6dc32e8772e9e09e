import { z } from "zod";

/**
 * How an environment spreads each component's pods over its nodes (and zones), a platform decision:
 * - `none`: the scheduler places pods as it likes (Dev, Int: one pod is accepted there anyway);
 * - `preferred`: topology spread with `whenUnsatisfiable: ScheduleAnyway` (a hint);
 * - `required`: `whenUnsatisfiable: DoNotSchedule`, so one node never holds more than its share, and
 *   the zero-downtime contract can prove that losing one node keeps the PDB's minAvailable.
 * Every constraint has maxSkew 1, selects the component's pods, counts only the current ReplicaSet
 * (`matchLabelKeys: [pod-template-hash]`) and ignores cordoned nodes (`nodeTaintsPolicy: Honor`).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export const EnvironmentPlacement = z
  .strictObject({
    spread: z.enum(["none", "preferred", "required"]),
    /**
     * Spread across `topology.kubernetes.io/zone` too (nodes must carry the label: a required spread
     * excludes nodes without it).
     * @default false
     */
    zones: z.boolean().optional(),
    /**
     * Worker nodes app pods run on: the contract checks a required spread over that many nodes keeps
     * the PDB's minAvailable when one node is lost. Required unless `spread` is `none`.
     */
    nodes: z.number().int().min(1).optional(),
  })
  .refine((p) => p.spread === "none" || p.nodes !== undefined, {
    message: "is required when spread is preferred or required: declare how many worker nodes app pods run on",
    path: ["nodes"],
  });
export type EnvironmentPlacement = z.infer<typeof EnvironmentPlacement>;

/**
 * A component's escape hatch from the environment's required spread: its pods are spread as a
 * preference only (`ScheduleAnyway`). The reason is rendered as the Deployment's
 * `beluga.io/spread-relaxed` annotation so a reviewer sees it in the preview.
 * @example placement: { spread: "relaxed", reason: "licence bound to 2 nodes until 2027-03 (CHG-1234)" }
 */
export const ComponentPlacement = z.strictObject({
  spread: z.literal("relaxed"),
  /** Why this component may not be spread as the environment requires: shown to reviewers. */
  reason: z.string().min(1),
});
export type ComponentPlacement = z.infer<typeof ComponentPlacement>;
