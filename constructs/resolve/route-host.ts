import type { EnvironmentSpec, RouteSpec } from "../model";

/**
 * The host label of a route in an environment: the declared `host`, else `<app>-<component>` with the
 * environment's suffix unless its host style is bare. The route domain is appended to it.
 */
export function routeHostLabel(objectName: string, route: Pick<RouteSpec, "host">, env: Pick<EnvironmentSpec, "name" | "routes">): string {
  return route.host ?? (env.routes.hostStyle === "bare" ? objectName : `${objectName}-${env.name}`);
}
