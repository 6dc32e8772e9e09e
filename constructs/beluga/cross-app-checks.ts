import { AppSpec, type AppDeclaration, type EnvironmentSpec, workloadName } from "../model";
import { COMPONENT_DEFAULTS, type Problem, parseDependency, routeHostLabel, show } from "../resolve";

/**
 * What only the whole app set can tell about one declaration in one environment: every cross-app
 * call names an app, a component and a port that exist (else it would render a policy towards a
 * namespace or a port nobody serves), and no route claims a host and path another route (of this app
 * or another) already claims (the router serves only one of them). Messages name both sides.
 * Declarations that do not parse are left to resolve, which reports them.
 */
export function crossAppProblems(input: unknown, apps: readonly AppDeclaration[], env: EnvironmentSpec): Problem[] {
  const parsed = AppSpec.safeParse(input);
  if (!parsed.success) return [];
  const app = parsed.data;
  const others = apps.filter((a) => a.name !== app.name);
  const problems: Problem[] = [];
  const report = (path: string, message: string, fix: string) => problems.push({ app: app.name, path, message, fix });

  const callers = [
    ...Object.entries(app.components).map(([name, c]) => [`components.${name}`, c.dependsOn] as const),
    ...Object.entries(app.batches ?? {}).map(([name, b]) => [`batches.${name}`, b.dependsOn] as const),
  ];
  for (const [path, dependsOn] of callers) {
    (dependsOn ?? []).forEach((dep, i) => {
      const ref = parseDependency(dep, app.name);
      if (!ref || ref.app === app.name || ref.port === undefined) return; // resolve reports these
      const where = `${path}.dependsOn.${i}`;
      const callee = others.find((a) => a.name === ref.app);
      if (!callee) {
        report(
          where,
          `(${show(dep)}) calls app ${show(ref.app)}, which is not an app of this platform`,
          `fix the app name (apps: ${others.map((a) => a.name).join(", ") || "(none)"}) or remove the dependency`,
        );
        return;
      }
      const component = callee.components[ref.component];
      if (!component) {
        report(
          where,
          `(${show(dep)}) calls ${ref.app}/${ref.component}, but ${ref.app} declares no component ${show(ref.component)}`,
          `use one of ${Object.keys(callee.components)
            .map((c) => `${ref.app}/${c}`)
            .join(", ")}`,
        );
        return;
      }
      const ports = (component.ports ?? COMPONENT_DEFAULTS.ports).map((p) => p.name);
      if (!ports.includes(ref.port))
        report(
          where,
          `(${show(dep)}): ${ref.app}/${ref.component} declares no port ${show(ref.port)}`,
          ports.length > 0
            ? `use one of ${ports.map((p) => `${ref.app}/${ref.component}:${p}`).join(", ")}`
            : `${ref.app}/${ref.component} serves no port: remove the dependency`,
        );
    });
  }

  const claims = [app, ...others].flatMap((a) =>
    Object.entries(a.components).flatMap(([name, c]) =>
      (c.routes ?? []).map((r, i) => ({
        app: a.name,
        path: `components.${name}.routes.${i}`,
        host: `${routeHostLabel(workloadName(a.name, name), r, env)}.${env.routes.domain}`,
        routePath: r.path ?? "/",
      })),
    ),
  );
  for (const mine of claims.filter((c) => c.app === app.name)) {
    const rival = claims.find((c) => c !== mine && c.host === mine.host && c.routePath === mine.routePath);
    // Within one app, one message per clash: on the later route, naming the earlier.
    if (rival && !(rival.app === app.name && claims.indexOf(rival) > claims.indexOf(mine)))
      report(
        mine.path,
        `claims ${mine.host}${mine.routePath === "/" ? "" : mine.routePath} in ${env.displayName}, as does ${rival.app === app.name ? "" : `${rival.app}: `}${rival.path}; the router serves only one of them`,
        "give one of them another host or path",
      );
  }
  return problems;
}
