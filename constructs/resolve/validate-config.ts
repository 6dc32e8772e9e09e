import { secretLiteral } from "./secret-literal";

type Report = (path: string, message: string, fix: string) => void;

/**
 * Env var names the platform sets in every container (it overwrites whatever a declaration gives):
 * the environment name, the log format and the OpenTelemetry identity. Every `BELUGA_*` name is
 * reserved too.
 */
export const PLATFORM_ENV_NAMES: readonly string[] = ["BELUGA_ENV", "LOG_FORMAT", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"];

/** Whether the platform owns an env var name. */
export function isPlatformEnvName(name: string): boolean {
  return PLATFORM_ENV_NAMES.includes(name) || name.startsWith("BELUGA_");
}

/** Refuses env vars the platform would silently overwrite. */
export function checkReservedEnv(path: string, env: Readonly<Record<string, unknown>>, report: Report): void {
  for (const name of Object.keys(env)) {
    if (isPlatformEnvName(name))
      report(
        `${path}.${name}`,
        `is set by the platform in every container (${PLATFORM_ENV_NAMES.join(", ")} and every BELUGA_* name), so this value would be dropped`,
        "read the platform's value, or give your variable another name",
      );
  }
}

/**
 * Refuses secrets written into a component's config entries or config files: they end up in a
 * ConfigMap, which the policy pack's `beluga-no-literal-secrets` refuses at deploy time with the same
 * detection (`secretLiteral`). Config files are judged by file name and content, as their ConfigMap keys.
 */
export function checkConfigSecrets(
  path: string,
  config: Readonly<Record<string, string>>,
  configFiles: Readonly<Record<string, { files: Readonly<Record<string, string>> }>>,
  report: Report,
): void {
  const fix = 'move the value to a Secret and reference it from env ({ secret: { name, key } } or { pulumiSecret: "<config key>" })';
  for (const [key, value] of Object.entries(config)) {
    const reason = secretLiteral(key, value);
    if (reason)
      report(
        `${path}.config.${key}`,
        `${reason}; a config entry is rendered in a ConfigMap, readable by anyone who reads the namespace`,
        fix,
      );
  }
  for (const [set, { files }] of Object.entries(configFiles)) {
    for (const [file, content] of Object.entries(files)) {
      const reason = secretLiteral(file, content);
      if (reason)
        report(
          `${path}.configFiles.${set}.files.${file}`,
          `${reason}; config files are rendered in a ConfigMap, readable by anyone who reads the namespace`,
          `${fix}, and let the file refer to the variable (e.g. \${DB_PASSWORD})`,
        );
    }
  }
}
