import type { K8sObject } from "../../../constructs/k8s";
import { readManifestDocument } from "./manifest-reader";
import type { EnvName } from "../../../constructs/model";
import type { KubeObject } from "../../../constructs/policy/kubernetes-object";
import { type NetworkChange, hasNetworkChange, networkChanges } from "../../../constructs/policy/network-flows";
import { CHANGE_CLASSES, type ChangeClass, classifyField, classifyPresence } from "./change-class";
import { type FieldChange, type ParsedObject, changedDocuments, fieldChanges, splitDocuments } from "./field-changes";

/** One changed field (or a whole object added or removed), with the classes it falls in. */
export interface ClassifiedChange extends FieldChange {
  /** `<kind>/<name>` of the object. */
  readonly object: string;
  readonly classes: readonly ChangeClass[];
}

/** What changes for one component (or `app` for objects without a component label) of one app. */
export interface ComponentDiff {
  readonly component: string;
  /** Every class of its changes, in `CHANGE_CLASSES` order; `config-only` only when nothing else. */
  readonly classes: readonly ChangeClass[];
  /**
   * Running pods the change touches: the HPA minimum (after the change; before it for a removed
   * component), else the workload's `replicas`, else 1 for a workload without either, 0 for batches
   * and app-wide objects (a CronJob runs no pod between runs).
   */
  readonly pods: number;
  readonly changes: readonly ClassifiedChange[];
}

/** What changes for one app in one environment. */
export interface AppDiff {
  readonly app: string;
  readonly env: EnvName;
  /** `added`: renders only after the change; `removed`: only before it. */
  readonly status: "added" | "removed" | "changed";
  readonly components: readonly ComponentDiff[];
  /**
   * The traffic the change opens and closes, from every NetworkPolicy of the app before and after;
   * absent when no NetworkPolicy changed or the flows stay the same.
   */
  readonly network?: NetworkChange;
}

const COMPONENT_LABEL = "app.kubernetes.io/component";

/**
 * Compares the rendered YAML of one app in one environment before (`base`) and after (`head`) a
 * change, and classifies every difference per component. Either side may be absent (the app is new,
 * removed, or refused there). Returns undefined when nothing differs.
 */
export function diffApp(app: string, env: EnvName, base: string | undefined, head: string | undefined): AppDiff | undefined {
  if (base === head || (base === undefined && head === undefined)) return undefined;
  const before = base === undefined ? new Map<string, ParsedObject>() : changedDocuments(base, head);
  const after = head === undefined ? new Map<string, ParsedObject>() : changedDocuments(head, base);
  const beforeSide = new Side(base);
  const afterSide = new Side(head);
  const changes = new Map<string, ClassifiedChange[]>();
  const add = (component: string, change: ClassifiedChange) => changes.set(component, [...(changes.get(component) ?? []), change]);

  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(key)?.object;
    const a = after.get(key)?.object;
    const object = (a ?? b)!;
    const component = componentOf(object);
    if (b && a) {
      for (const f of fieldChanges(b, a)) add(component, { ...f, object: key, classes: classifyField(object.kind, f.path) });
    } else {
      const presence = a ? "added" : "removed";
      // A new object of a component that existed before (or a removed one of a component that stays)
      // also counts under its topic; a whole new or removed component is only an addition/removal.
      const topical = a ? beforeSide.hasComponent(component) : afterSide.hasComponent(component);
      add(component, { path: "", before: b, after: a, object: key, classes: classifyPresence(object.kind, presence, topical) });
    }
  }
  const components = [...changes.entries()].map(([component, list]): ComponentDiff => {
    const found = new Set(list.flatMap((c) => c.classes));
    if (found.size > 1) found.delete("config-only");
    const pods = afterSide.hasComponent(component) ? afterSide.podsOf(component) : beforeSide.podsOf(component);
    return { component, classes: CHANGE_CLASSES.filter((c) => found.has(c)), pods, changes: list };
  });
  if (components.length === 0) return undefined;
  const status = base === undefined ? "added" : head === undefined ? "removed" : "changed";
  const policyChanged = [...before.keys(), ...after.keys()].some((key) => key.startsWith("NetworkPolicy/"));
  const network = policyChanged ? networkChanges(beforeSide.networkPolicies(), afterSide.networkPolicies()) : undefined;
  return {
    app,
    env,
    status,
    components: components.sort((x, y) => x.component.localeCompare(y.component)),
    ...(hasNetworkChange(network) ? { network } : {}),
  };
}

/** The component an object belongs to: its component label, else `app` (app-wide objects). */
function componentOf(object: K8sObject): string {
  return object.metadata?.labels?.[COMPONENT_LABEL] ?? "app";
}

/** One side of the comparison, parsed lazily: only workload and autoscaler documents, only when asked. */
class Side {
  private readonly docs: string[];
  private readonly groups = new Map<string, K8sObject[]>();

  constructor(yaml: string | undefined) {
    this.docs = yaml === undefined ? [] : splitDocuments(yaml);
  }

  hasComponent(component: string): boolean {
    return this.docs.some((d) => d.includes(`${COMPONENT_LABEL}: ${component}\n`));
  }

  podsOf(component: string): number {
    const hpa = this.parsed("hpa", /^kind: HorizontalPodAutoscaler$/m).find((o) => componentOf(o) === component);
    if (hpa) return Number((hpa.spec as { minReplicas?: number }).minReplicas ?? 1);
    const owner = this.parsed("owners", /^kind: (Deployment|StatefulSet|DaemonSet)$/m).find((o) => componentOf(o) === component);
    if (owner) return Number((owner.spec as { replicas?: number }).replicas ?? 1);
    return 0;
  }

  /** Every NetworkPolicy of this side. */
  networkPolicies(): KubeObject[] {
    return this.parsed("policies", /^kind: NetworkPolicy$/m) as KubeObject[];
  }

  /** Autoscalers first: a Deployment (long) is parsed only for a component without one. */
  private parsed(group: "hpa" | "owners" | "policies", kind: RegExp): K8sObject[] {
    let objects = this.groups.get(group);
    if (!objects) {
      objects = this.docs.filter((d) => kind.test(d)).map((d) => readManifestDocument(d) as K8sObject);
      this.groups.set(group, objects);
    }
    return objects;
  }
}
