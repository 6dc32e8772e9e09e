import { Construct } from "constructs";
import * as kplus from "cdk8s-plus-27";
import { namespaceName } from "../model";
import type { ResolvedApp, ResolvedComponent } from "../resolve";
import { selectorLabels } from "./labels";

/** Props of a component's NetworkPolicy. */
export interface ComponentNetworkPolicyProps {
  readonly app: ResolvedApp;
  readonly component: ResolvedComponent;
  readonly labels: Record<string, string>;
}

/**
 * Opens, on top of the namespace's default-deny, exactly the traffic the declaration implies:
 * ingress from the app's components that declare a dependency on this one (on its ports), and egress
 * to the components this one depends on (same app, or another app's namespace in the same
 * environment). Router, monitoring and DNS are opened namespace-wide by the platform layer.
 * Renders nothing when the component neither calls nor is called.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class ComponentNetworkPolicy extends Construct {
  readonly callers: readonly string[];
  constructor(scope: Construct, id: string, props: ComponentNetworkPolicyProps) {
    super(scope, id);
    const { app, component: c } = props;
    this.callers = app.components.filter((o) => o.dependsOn.some((d) => d.app === app.app && d.component === c.name)).map((o) => o.name);
    if (this.callers.length === 0 && c.dependsOn.length === 0) return;
    const ports = c.ports.map((p) => kplus.NetworkPolicyPort.tcp(p.port));
    new kplus.NetworkPolicy(this, "Resource", {
      metadata: { name: c.objectName, namespace: app.namespace, labels: props.labels },
      selector: kplus.Pods.select(this, "Self", { labels: selectorLabels(app, c.name) }),
      ingress: {
        default: kplus.NetworkPolicyTrafficDefault.DENY,
        rules: this.callers.map((caller) => ({
          peer: kplus.Pods.select(this, `From-${caller}`, { labels: selectorLabels(app, caller) }),
          ports,
        })),
      },
      egress: {
        default: kplus.NetworkPolicyTrafficDefault.DENY,
        rules: c.dependsOn.map((d) => {
          const sameApp = d.app === app.app;
          const target = sameApp ? app.components.find((o) => o.name === d.component) : undefined;
          return {
            peer: kplus.Pods.select(this, `To-${d.app}-${d.component}`, {
              labels: { "app.kubernetes.io/part-of": d.app, "app.kubernetes.io/component": d.component },
              namespaces: sameApp
                ? undefined
                : kplus.Namespaces.select(this, `Ns-${d.app}-${d.component}`, { names: [namespaceName(d.app, app.env)] }),
            }),
            ports: target ? target.ports.map((p) => kplus.NetworkPolicyPort.tcp(p.port)) : undefined,
          };
        }),
      },
    });
  }
}
