/**
 * Encryption at rest for the embedded API server: an EncryptionConfiguration with one secretbox key
 * (32 random bytes) generated on first start into `.beluga/cluster/pki/encryption.yaml` (0600, never
 * committed). Secrets and ConfigMaps are stored in etcd as `k8s:enc:secretbox:v1:key1:<ciphertext>`.
 * A real OpenShift cluster needs the same: `oc patch apiserver cluster` with `spec.encryption.type`
 * aescbc or aesgcm (see README).
 * @see https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PKI } from "./layout";

/** Resources encrypted at rest. */
export const ENCRYPTED_RESOURCES = ["secrets", "configmaps"];

/** The configuration file the API server reads, created with a new key when missing. */
export function encryptionConfigFile(): string {
  const file = path.join(PKI, "encryption.yaml");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(PKI, { recursive: true, mode: 0o700 });
    const key = randomBytes(32).toString("base64");
    const config = [
      "apiVersion: apiserver.config.k8s.io/v1",
      "kind: EncryptionConfiguration",
      "resources:",
      "  - resources:",
      ...ENCRYPTED_RESOURCES.map((r) => `      - ${r}`),
      "    providers:",
      "      - secretbox:",
      "          keys:",
      "            - name: key1",
      `              secret: ${key}`,
      "      - identity: {}",
      "",
    ].join("\n");
    fs.writeFileSync(`${file}.tmp`, config, { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }
  return file;
}
