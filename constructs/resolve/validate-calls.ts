import { type CatalogSpec, type ComponentSpec, DEPENDENCY_FORMS, type EgressSpec, IPV4_CIDR } from "../model";
import { show } from "./declaration-error";
import { parseDependency } from "./dependency-ref";

type Report = (path: string, message: string, fix: string) => void;

/** Widest external block an app may open by itself; anything wider is the platform team's call. */
export const WIDEST_EXTERNAL_PREFIX = 16;

/** The port names a component serves, defaults applied. */
function portNamesOf(spec: ComponentSpec): string[] {
  return spec.ports ? spec.ports.map((p) => p.name) : ["http"];
}

/**
 * Checks what a component or batch calls, without the other apps: the form of each `dependsOn`
 * entry, same-app callees and their ports, the port a cross-app call must name, and each `egress`
 * entry (exactly one of service/cidr, a catalogued service, a valid and narrow enough CIDR with
 * ports, never a host name). Other apps' components and ports are checked by the façade, which
 * knows every app (see crossAppProblems).
 */
export function checkCalls(
  app: string,
  path: string,
  self: string | undefined,
  calls: { dependsOn?: string[]; egress?: EgressSpec[] },
  components: Readonly<Record<string, ComponentSpec>>,
  catalog: CatalogSpec,
  report: Report,
): void {
  (calls.dependsOn ?? []).forEach((dep, i) => {
    const where = `${path}.dependsOn.${i}`;
    const ref = parseDependency(dep, app);
    const names = Object.keys(components);
    if (!ref) {
      report(where, `(${show(dep)}) must be ${DEPENDENCY_FORMS}`, "name a component of this app, or another app's component and port");
      return;
    }
    if (ref.app !== app) {
      if (ref.port === undefined)
        report(
          where,
          `(${show(dep)}) calls another app without naming the port; a cross-app call opens only the port it names, never the callee's management port`,
          `write "${ref.app}/${ref.component}:<port>", e.g. "${ref.app}/${ref.component}:http"`,
        );
      return;
    }
    if (!(ref.component in components))
      report(where, `(${show(dep)}) is not a component of ${app}`, `use one of ${names.filter((n) => n !== self).join(", ") || "(none)"}`);
    else if (ref.component === self) report(where, "names the component itself", "remove it");
    else if (ref.port !== undefined && !portNamesOf(components[ref.component]).includes(ref.port))
      report(
        where,
        `(${show(dep)}): ${ref.component} has no port ${show(ref.port)}`,
        `use one of ${portNamesOf(components[ref.component]).join(", ") || "(none: it declares no port)"}`,
      );
    else if (portNamesOf(components[ref.component]).length === 0)
      report(where, `(${show(dep)}): ${ref.component} declares no port, so nothing can call it`, "remove the dependency");
  });
  (calls.egress ?? []).forEach((e, i) => checkEgress(`${path}.egress.${i}`, e, catalog, report));
}

function checkEgress(path: string, e: EgressSpec, catalog: CatalogSpec, report: Report): void {
  const services = catalog.services ?? {};
  const catalogued = Object.keys(services).join(", ") || "(none yet)";
  const kinds = (["service", "cidr", "host"] as const).filter((k) => e[k] !== undefined);
  if (kinds.length !== 1) {
    report(
      path,
      kinds.length === 0 ? "names no destination" : `declares ${kinds.join(" and ")} together`,
      'declare exactly one of { service: "<catalogued service>" } or { cidr: "<block>", ports: [<port>] }',
    );
    return;
  }
  if (e.host !== undefined) {
    report(
      `${path}.host`,
      `(${show(e.host)}) cannot be enforced: a NetworkPolicy matches IP addresses, never host names`,
      `declare the address block it resolves to ({ cidr: "192.0.2.0/24", ports: [${e.ports?.[0] ?? 443}] }), or ask the platform team to catalogue the service in platform/catalog and declare { service: "<name>" } (catalogued: ${catalogued})`,
    );
    return;
  }
  if (e.service !== undefined) {
    const service = services[e.service];
    if (!service) {
      report(
        `${path}.service`,
        `(${show(e.service)}) is not a shared service of the platform catalog`,
        `use one of ${catalogued}, or ask the platform team to catalogue it (or declare its { cidr, ports })`,
      );
      return;
    }
    const offered = service.ports.map((p) => p.port);
    (e.ports ?? []).forEach((port, j) => {
      if (!offered.includes(port))
        report(
          `${path}.ports.${j}`,
          `(${port}) is not a port of ${e.service}`,
          `use one of ${offered.join(", ")}, or omit ports to use them all`,
        );
    });
    return;
  }
  const cidr = e.cidr!;
  if (!IPV4_CIDR.test(cidr)) {
    report(`${path}.cidr`, `(${show(cidr)}) is not an IPv4 CIDR block`, 'write an address block such as "192.0.2.0/24" or "192.0.2.10/32"');
    return;
  }
  const prefix = Number(cidr.split("/")[1]);
  if (prefix < WIDEST_EXTERNAL_PREFIX)
    report(
      `${path}.cidr`,
      `(${show(cidr)}) opens ${2 ** (32 - prefix)} addresses; an app may open a /${WIDEST_EXTERNAL_PREFIX} at most`,
      "narrow it to the destination's addresses, or ask the platform team to catalogue the service",
    );
  if (e.ports === undefined)
    report(`${path}.ports`, `is missing: an external call opens only the ports it lists`, "list the ports, e.g. ports: [443]");
}
