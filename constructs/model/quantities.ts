/**
 * Kubernetes resource quantities, validated and compared.
 *
 * Only the forms a platform team wants to see in declarations are accepted: CPU in millicores or cores
 * (`250m`, `1`, `1.5`) and memory in binary units (`256Mi`, `2Gi`). `1GB` or `512M` are rejected early
 * because they are the usual source of surprise (decimal vs binary units).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export const CPU_QUANTITY = /^(?:[1-9][0-9]*m|[0-9]+(?:\.[0-9]{1,3})?)$/;
export const MEMORY_QUANTITY = /^[1-9][0-9]*(?:Ki|Mi|Gi|Ti)$/;

const MEMORY_UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Millicores of a CPU quantity (`250m` → 250, `1.5` → 1500). */
export function cpuMillis(quantity: string): number {
  if (quantity.endsWith("m")) return Number(quantity.slice(0, -1));
  return Math.round(Number(quantity) * 1000);
}

/** Bytes of a memory quantity (`256Mi` → 268435456). */
export function memoryBytes(quantity: string): number {
  const unit = quantity.slice(-2);
  return Number(quantity.slice(0, -2)) * MEMORY_UNITS[unit];
}

/** Formats millicores back to the shortest canonical quantity. */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${Math.round(millis)}m`;
}

/** Formats bytes back to the largest exact binary unit (Mi at least). */
export function formatMemory(bytes: number): string {
  for (const unit of ["Ti", "Gi", "Mi"]) {
    const size = MEMORY_UNITS[unit];
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${Math.ceil(bytes / MEMORY_UNITS.Mi)}Mi`;
}
