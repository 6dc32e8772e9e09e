import { Construct } from "constructs";
import { App, Chart } from "cdk8s";
import type { EnvironmentSpec } from "../model";
import { AppNamespace, type InboundCall } from "./app-namespace";
import { PlatformAdmission, type PlatformIdentities } from "./platform-admission";
import type { K8sObject } from "./render-app";
import { type AppQuota, COMPONENT_DEFAULTS, parseDependency } from "../resolve";

const DEFAULT_PORTS = COMPONENT_DEFAULTS.ports;
import { assertUniqueObjects } from "./unique-names";

/** What the platform layer needs to know of an app: enough to create its namespace, nothing more. */
export interface PlatformTenant {
  readonly name: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  /** @default - no caller from another app */
  readonly inbound?: readonly InboundCall[];
  /** The namespace's ResourceQuota (`Beluga.tenants` derives it). @default - the environment's `quota.maxPerApp` */
  readonly quota?: AppQuota;
}

/** Props of a PlatformChart. */
export interface PlatformChartProps {
  readonly env: EnvironmentSpec;
  readonly tenants: readonly PlatformTenant[];
  /**
   * Who may write platform-owned objects (the platform stack's identity, the cluster's controllers).
   * @default - the environment's `platformIdentities`
   */
  readonly identities?: PlatformIdentities;
}

/**
 * The platform layer of one environment: one AppNamespace per app, in a stable order, and the
 * admission policy that keeps what they hold out of app identities' reach.
 */
export class PlatformChart extends Chart {
  readonly namespaces: readonly AppNamespace[];
  readonly admission: PlatformAdmission;
  constructor(scope: Construct, id: string, props: PlatformChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const tenants = [...props.tenants].sort((a, b) => a.name.localeCompare(b.name));
    this.namespaces = tenants.map(
      (t) =>
        new AppNamespace(this, t.name, {
          app: t.name,
          team: t.team,
          criticality: t.criticality,
          env: props.env,
          inbound: t.inbound,
          quota: t.quota,
        }),
    );
    this.admission = new PlatformAdmission(this, "Admission", {
      env: props.env.name,
      identities: props.identities ?? props.env.platformIdentities,
    });
  }
}

/** Renders the platform layer of one environment. */
export function renderPlatform(env: EnvironmentSpec, tenants: readonly PlatformTenant[]): K8sObject[] {
  const chart = new PlatformChart(new App({ outdir: "/nonexistent-cdk8s-outdir" }), `platform-${env.name}`, { env, tenants });
  const objects = chart.toJson() as K8sObject[];
  assertUniqueObjects(objects, `the platform layer of ${env.name}`);
  return objects;
}

/** The part of a declaration `tenantsOf` reads: who calls what, on which port. */
interface TenantDeclaration {
  readonly name: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  readonly components: Readonly<Record<string, { dependsOn?: string[]; ports?: ReadonlyArray<{ name: string; port: number }> }>>;
  readonly batches?: Readonly<Record<string, { dependsOn?: string[] }>>;
}

/**
 * Platform tenants of a set of declarations, with the cross-app calls each receives (from
 * `dependsOn: ["<app>/<component>:<port>"]` of components and batches), so the callee's namespace
 * lets exactly those callers in, on exactly the named port. A call naming no port, or a component
 * or port the callee does not declare, opens nothing (the façade refuses such declarations).
 * `quotas` gives each app its derived ResourceQuota (`Beluga.tenants` passes them); an app without
 * one gets the environment's bound.
 */
export function tenantsOf(apps: readonly TenantDeclaration[], quotas: Readonly<Record<string, AppQuota>> = {}): PlatformTenant[] {
  return apps.map((app) => ({
    name: app.name,
    team: app.team,
    criticality: app.criticality,
    ...(Object.hasOwn(quotas, app.name) ? { quota: quotas[app.name] } : {}),
    inbound: apps.flatMap((caller) =>
      [...Object.entries(caller.components), ...Object.entries(caller.batches ?? {})].flatMap(([component, spec]) =>
        (spec.dependsOn ?? []).flatMap((dep): InboundCall[] => {
          const ref = parseDependency(dep, caller.name);
          if (!ref || ref.app !== app.name || caller.name === app.name) return [];
          const callee = app.components[ref.component];
          const port = (callee?.ports ?? DEFAULT_PORTS).find((p) => p.name === ref.port)?.port;
          return callee && port !== undefined
            ? [{ fromApp: caller.name, fromComponent: component, toComponent: ref.component, ports: [port] }]
            : [];
        }),
      ),
    ),
  }));
}
