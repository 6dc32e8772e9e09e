/**
 * Env var names whose plain values must be references, not literals. Shared with the policy pack,
 * which applies the same rule to whatever a program registers.
 */
export const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;

/** Values that are secrets whatever their name: PEM private keys, credentials inside URLs (anywhere in the text). */
const SECRET_VALUE: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a password"],
];

/**
 * Why a literal looks like a secret (`holds a PEM private key`, `is named like a secret and holds a
 * literal value`), or undefined. The one detection used by `resolve` (env values, config entries,
 * config files) and by the policy pack's `beluga-no-literal-secrets` (rendered env and ConfigMaps).
 */
export function secretLiteral(name: string, value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0) return undefined;
  const byValue = SECRET_VALUE.find(([re]) => re.test(value));
  if (byValue) return `holds ${byValue[1]}`;
  if (SECRET_ENV_NAME.test(name)) return "is named like a secret and holds a literal value";
  return undefined;
}
