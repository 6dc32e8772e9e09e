import { Construct } from "constructs";
import { App, Chart } from "cdk8s";
import type { EnvironmentSpec } from "../model";
import { AppNamespace, type InboundCall } from "./app-namespace";
import { PlatformAdmission, type PlatformIdentities } from "./platform-admission";
import type { K8sObject } from "./render-app";

/** What the platform layer needs to know of an app: enough to create its namespace, nothing more. */
export interface PlatformTenant {
  readonly name: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  /** @default - no caller from another app */
  readonly inbound?: readonly InboundCall[];
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
      (t) => new AppNamespace(this, t.name, { app: t.name, team: t.team, criticality: t.criticality, env: props.env, inbound: t.inbound }),
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
  return chart.toJson() as K8sObject[];
}

/**
 * Platform tenants of a set of declarations, with the cross-app calls each receives (from
 * `dependsOn: ["<app>/<component>"]`), so the callee's namespace lets exactly those callers in.
 */
export function tenantsOf(
  apps: ReadonlyArray<{
    name: string;
    team: string;
    criticality: "critical" | "standard";
    components: Record<string, { dependsOn?: string[] }>;
  }>,
): PlatformTenant[] {
  return apps.map((app) => ({
    name: app.name,
    team: app.team,
    criticality: app.criticality,
    inbound: apps.flatMap((caller) =>
      Object.entries(caller.components).flatMap(([component, spec]) =>
        (spec.dependsOn ?? []).flatMap((dep) => {
          const [target, toComponent] = dep.split("/");
          return toComponent !== undefined && target === app.name && caller.name !== app.name
            ? [{ fromApp: caller.name, fromComponent: component, toComponent }]
            : [];
        }),
      ),
    ),
  }));
}
