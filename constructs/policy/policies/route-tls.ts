import { describeObject } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

const TERMINATIONS = new Set(["edge", "reencrypt", "passthrough"]);

/**
 * Every route is HTTPS: an OpenShift Route terminates TLS (edge, reencrypt or passthrough) and never
 * serves plain HTTP alongside (`insecureEdgeTerminationPolicy: Allow`); an Ingress lists every host
 * it serves under `tls`.
 * @see https://docs.openshift.com/container-platform/latest/networking/routes/secured-routes.html
 */
export const routeTls: ObjectRule = {
  name: "beluga-route-tls",
  description:
    "Routes and Ingresses serve HTTPS only: a TLS termination on every OpenShift Route (plain HTTP redirected, never allowed) and a tls entry for every Ingress host.",
  kinds: new Set(["Route", "Ingress"]),
  check(object) {
    const spec = (object.spec ?? {}) as Record<string, any>;
    const where = describeObject(object);
    if (object.kind === "Route") {
      const tls = spec.tls as Record<string, any> | undefined;
      if (!tls || !TERMINATIONS.has(tls.termination))
        return [`${where} serves ${spec.host ?? "its host"} without TLS termination; set routes[].tls to edge, reencrypt or passthrough.`];
      if (tls.insecureEdgeTerminationPolicy === "Allow")
        return [`${where} also serves plain HTTP (insecureEdgeTerminationPolicy Allow); set it to Redirect so browsers are sent to HTTPS.`];
      return [];
    }
    const tlsHosts = new Set(
      (Array.isArray(spec.tls) ? spec.tls : []).flatMap((t: Record<string, any>) => (Array.isArray(t.hosts) ? t.hosts : [])),
    );
    const hosts: string[] = (Array.isArray(spec.rules) ? spec.rules : []).map((r: Record<string, any>) => r.host ?? "*");
    if (hosts.length === 0 && tlsHosts.size === 0)
      return [`${where} has no rules and no tls section; route a host with TLS or remove the Ingress.`];
    const plain = hosts.filter((h) => !tlsHosts.has(h));
    return plain.length === 0
      ? []
      : [`${where} serves ${plain.join(", ")} over plain HTTP; list every host under spec.tls (Beluga routes do this by default).`];
  },
};
