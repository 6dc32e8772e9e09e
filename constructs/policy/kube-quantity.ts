/**
 * Kubernetes quantities in every form the API server accepts (`250m`, `1.5`, `512Mi`, `1G`, `2e3`),
 * as plain numbers of base units (cores, bytes, pods). The model accepts fewer forms on purpose; the
 * contract checker reads whatever a program rendered.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/;

/** Value of a quantity in base units; NaN when it is not a quantity. Numbers pass through. */
export function parseQuantity(quantity: unknown): number {
  if (typeof quantity === "number") return quantity;
  if (typeof quantity !== "string") return Number.NaN;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return Number.NaN;
  const [, number, exponent, suffix] = match;
  if (exponent) return Number(`${number}${exponent}`);
  return Number(number) * SUFFIXES[suffix ?? ""];
}

/** `1.5` cores → "1500m"; whole cores without a unit. */
export function showCpu(cores: number): string {
  const millis = Math.round(cores * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Bytes in the largest binary unit that keeps one decimal. */
export function showMemory(bytes: number): string {
  for (const [unit, size] of [
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))}${unit}`;
  }
  return `${bytes}`;
}
