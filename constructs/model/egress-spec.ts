import { z } from "zod";

/**
 * An IPv4 CIDR block (`10.20.0.0/16`, `192.0.2.10/32`). NetworkPolicies match addresses, never host
 * names, so every destination outside the cluster is declared (or catalogued) as CIDRs.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export const IPV4_CIDR =
  /^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\/(3[0-2]|[12]?[0-9])$/;

/**
 * A call a component or batch makes outside its app's pods, other than to another app's component
 * (that is `dependsOn: ["<app>/<component>:<port>"]`): exactly one of
 * - `service`: a shared service of the platform catalog (database, SMTP relay, message broker,
 *   telemetry collector, catalogued external API) — the platform team owns its addresses and ports;
 * - `cidr` + `ports`: an external destination not catalogued, by address block;
 * - `host` + `ports`: refused with an explanation (a NetworkPolicy cannot match a host name), kept in
 *   the schema so the message can say what to write instead.
 * Checked in resolve (one of the three, catalogued name, CIDR syntax) so messages name the path.
 */
export const EgressSpec = z.strictObject({
  /** Name of a shared service of the platform catalog (`catalog.services`). */
  service: z.string().optional(),
  /** External IPv4 block, e.g. `192.0.2.0/28`. */
  cidr: z.string().optional(),
  /** Host name: never accepted (see above); declare `cidr` or ask for a catalog entry. */
  host: z.string().optional(),
  /**
   * TCP ports. Required with `cidr`; with `service`, restricts the call to some of the catalogued
   * ports. @default - every port the catalog lists for the service
   */
  ports: z.array(z.number().int().min(1).max(65535)).min(1).optional(),
  /** What is called and why: shown in reviews and the MR note. @default - none */
  description: z.string().optional(),
});
export type EgressSpec = z.infer<typeof EgressSpec>;

/** A port a shared service listens on. */
export const SharedServicePort = z.strictObject({
  port: z.number().int().min(1).max(65535),
  /** @default "TCP" */
  protocol: z.enum(["TCP", "UDP"]).optional(),
});

/**
 * A service shared by apps and run outside their namespaces (managed database, SMTP relay, message
 * broker, telemetry collector, an external API the company contracted): what app teams reference by
 * name in `egress: [{ service }]`, and what the platform team keeps current when addresses change.
 */
export const SharedServiceSpec = z.strictObject({
  kind: z.enum(["database", "smtp", "message-broker", "telemetry", "api", "other"]),
  /** One line for reviewers: what it is, who runs it. */
  description: z.string().min(1),
  /** Host name apps connect to (documentation only: NetworkPolicies match `cidrs`). @default - none */
  host: z.string().optional(),
  /** Address blocks the service answers from. */
  cidrs: z.array(z.string().regex(IPV4_CIDR, "a CIDR such as 10.20.0.0/16")).min(1),
  ports: z.array(SharedServicePort).min(1),
  /**
   * Per-environment addresses, when an environment has its own instance (a Dev database apart from
   * Prod's). @default - `cidrs` in every environment
   */
  environments: z.record(z.string(), z.strictObject({ cidrs: z.array(z.string().regex(IPV4_CIDR)).min(1) })).optional(),
});
export type SharedServiceSpec = z.infer<typeof SharedServiceSpec>;
