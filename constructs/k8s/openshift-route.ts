import { Construct } from "constructs";
import * as kplus from "cdk8s-plus-27";
import type { EnvironmentSpec } from "../model";
import type { ResolvedRoute } from "../resolve";
import { Route, RouteSpecTlsInsecureEdgeTerminationPolicy, RouteSpecTlsTermination, RouteSpecToKind } from "./imports/route.openshift.io";

/** Props of an exposed HTTP route. */
export interface ExposedRouteProps {
  readonly route: ResolvedRoute;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Service the route sends traffic to. */
  readonly service: kplus.Service;
  /** Which router object to render; the environment decides. */
  readonly flavor: EnvironmentSpec["routes"]["flavor"];
  /** @default - the cluster's default ingress class */
  readonly ingressClassName?: string;
}

const TERMINATION: Record<ResolvedRoute["tls"], RouteSpecTlsTermination> = {
  edge: RouteSpecTlsTermination.EDGE,
  reencrypt: RouteSpecTlsTermination.REENCRYPT,
  passthrough: RouteSpecTlsTermination.PASSTHROUGH,
};

/**
 * An HTTPS route to a component: an OpenShift Route (route.openshift.io/v1, typed from the CRD by
 * `cdk8s import`) where the environment runs the OpenShift router, a networking.k8s.io/v1 Ingress
 * otherwise. Plain HTTP is always redirected to HTTPS.
 * @see https://docs.openshift.com/container-platform/latest/networking/routes/secured-routes.html
 */
export class ExposedRoute extends Construct {
  readonly url: string;
  constructor(scope: Construct, id: string, props: ExposedRouteProps) {
    super(scope, id);
    const { route } = props;
    this.url = route.url;
    if (props.flavor === "openshift-route") {
      new Route(this, "Resource", {
        metadata: { name: route.name, namespace: props.namespace, labels: props.labels },
        spec: {
          host: route.host,
          path: route.path,
          to: { kind: RouteSpecToKind.SERVICE, name: props.service.name, weight: 100 },
          port: { targetPort: route.port },
          tls: { termination: TERMINATION[route.tls], insecureEdgeTerminationPolicy: RouteSpecTlsInsecureEdgeTerminationPolicy.REDIRECT },
        },
      });
      return;
    }
    const ingress = new kplus.Ingress(this, "Resource", {
      metadata: {
        name: route.name,
        namespace: props.namespace,
        labels: props.labels,
        annotations: { "route.openshift.io/termination": route.tls },
      },
      className: props.ingressClassName,
      tls: [{ hosts: [route.host] }],
    });
    const port = props.service.ports.find((p) => p.name === route.port) ?? props.service.ports[0];
    ingress.addHostRule(
      route.host,
      route.path,
      kplus.IngressBackend.fromService(props.service, { port: port.port }),
      kplus.HttpIngressPathType.PREFIX,
    );
  }
}
