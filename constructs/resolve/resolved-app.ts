import type { CatalogSpec, EnvName, ReleasePolicy, SocleLifecycle, SocleKind } from "../model";

/** Where an image comes from: base → socle → app image, every layer pinned. */
export interface ImageLineage {
  readonly base: { readonly name: string; readonly ref: string };
  readonly socle: {
    readonly name: string;
    readonly version: string;
    readonly ref: string;
    readonly lifecycle: SocleLifecycle;
    readonly kind: SocleKind;
  };
}

export interface ResolvedImage {
  /** What the container runs: `<registry>/<team>/<artifact>:<version>[@<digest>]`. */
  readonly ref: string;
  readonly repository: string;
  readonly version: string;
  readonly digest?: string;
  readonly lineage: ImageLineage;
}

export interface ResolvedProbe {
  readonly type: "http" | "tcp" | "grpc" | "exec";
  readonly path?: string;
  /** Port name for http/tcp/grpc probes. */
  readonly port?: string;
  readonly portNumber?: number;
  readonly service?: string;
  readonly command?: readonly string[];
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

/**
 * Replica bounds the HPA enforces. A fixed count is an HPA with min = max, so the Deployment never
 * carries `replicas` and rollouts behave the same for every component.
 */
export interface ResolvedScaling {
  readonly min: number;
  readonly max: number;
  readonly fixed: boolean;
  /** Absent for memory-only scaling; at least one of the two targets is always set. */
  readonly cpuTarget?: number;
  readonly memoryTarget?: number;
  readonly scaleDownStabilizationSeconds: number;
}

export interface ResolvedResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export type ResolvedEnvVar =
  | { readonly name: string; readonly kind: "value"; readonly value: string }
  | { readonly name: string; readonly kind: "config"; readonly key: string }
  | { readonly name: string; readonly kind: "secret"; readonly secretName: string; readonly secretKey: string }
  | { readonly name: string; readonly kind: "pulumiSecret"; readonly configKey: string };

export interface ResolvedRoute {
  readonly name: string;
  readonly host: string;
  readonly path: string;
  readonly port: string;
  readonly tls: "edge" | "reencrypt" | "passthrough";
  readonly url: string;
}

/** A port a call is allowed on: by number for a same-app callee, by name for another app's (matched on its pods). */
export interface ResolvedCallPort {
  readonly name: string;
  /** @default - another app's port: rendered as the named port */
  readonly port?: number;
}

/** A call to a component of this app or of another app, limited to the ports it names. */
export interface ResolvedDependency {
  readonly app: string;
  readonly component: string;
  readonly ports: readonly ResolvedCallPort[];
}

/** A call outside the platform's apps: a catalogued shared service or a declared external CIDR. */
export interface ResolvedEgress {
  readonly kind: "service" | "external";
  /** The service's catalog name, or the CIDR of an external call. */
  readonly name: string;
  readonly description?: string;
  readonly cidrs: readonly string[];
  readonly ports: ReadonlyArray<{ readonly port: number; readonly protocol: "TCP" | "UDP" }>;
}

/** How a component's pods spread over nodes and zones (see EnvironmentPlacement). */
export interface ResolvedPlacement {
  readonly spread: "none" | "preferred" | "required";
  /** Spread across zones too. */
  readonly zones: boolean;
  /** Set when the component relaxes the environment's spread: why, for reviewers. */
  readonly relaxedReason?: string;
}

export interface ResolvedComponent {
  readonly name: string;
  /** Name of every object of the component: `<app>-<component>`. */
  readonly objectName: string;
  readonly image: ResolvedImage;
  readonly ports: ReadonlyArray<{ readonly name: string; readonly port: number; readonly protocol: "http" | "grpc" | "tcp" }>;
  readonly probes: { readonly readiness?: ResolvedProbe; readonly liveness?: ResolvedProbe; readonly startup?: ResolvedProbe };
  readonly scaling: ResolvedScaling;
  /** minAvailable of the PodDisruptionBudget, always below the minimum replica count; none for 1 replica. */
  readonly disruption?: { readonly minAvailable: number };
  readonly resources: ResolvedResources;
  readonly env: readonly ResolvedEnvVar[];
  /** Key/values rendered as the component's ConfigMap (env `config` entries read from it). */
  readonly config: Readonly<Record<string, string>>;
  readonly configFiles: ReadonlyArray<{
    readonly name: string;
    readonly objectName: string;
    readonly mountPath: string;
    readonly files: Readonly<Record<string, string>>;
  }>;
  readonly routes: readonly ResolvedRoute[];
  readonly dependsOn: readonly ResolvedDependency[];
  readonly egress: readonly ResolvedEgress[];
  readonly rollout: {
    readonly maxSurge: number;
    readonly maxUnavailable: 0;
    readonly minReadySeconds: number;
    readonly progressDeadlineSeconds: number;
    readonly revisionHistoryLimit: number;
  };
  readonly shutdown: { readonly drainSeconds: number; readonly gracePeriodSeconds: number };
  readonly observability: {
    /**
     * Where Prometheus scrapes: the declared metrics port, or the socle's. `declared` is false when the
     * socle serves it but the component does not declare it (then it is not in the Service: scraped from pods).
     */
    readonly metrics?: { readonly port: string; readonly portNumber: number; readonly path: string; readonly declared: boolean };
    readonly traceServiceName: string;
    readonly logFormat: string;
  };
  readonly command?: readonly string[];
  readonly placement: ResolvedPlacement;
}

export interface ResolvedBatch {
  readonly name: string;
  readonly objectName: string;
  readonly image: ResolvedImage;
  readonly schedule: string;
  readonly timeZone: string;
  readonly suspend: boolean;
  readonly concurrency: "Allow" | "Forbid" | "Replace";
  readonly activeDeadlineSeconds: number;
  readonly startingDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly history: { readonly successful: number; readonly failed: number };
  readonly resources: ResolvedResources;
  readonly env: readonly ResolvedEnvVar[];
  readonly dependsOn: readonly ResolvedDependency[];
  readonly egress: readonly ResolvedEgress[];
  readonly command?: readonly string[];
}

/** An app fully resolved for one environment: every default applied, nothing left to decide. */
export interface ResolvedApp {
  readonly app: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  readonly release: ReleasePolicy;
  readonly env: EnvName;
  readonly namespace: string;
  readonly components: readonly ResolvedComponent[];
  readonly batches: readonly ResolvedBatch[];
}

export type Catalog = CatalogSpec;
