import { createCipheriv, pbkdf2Sync, randomBytes } from "node:crypto";

/**
 * The passphrase of local stacks (`platform/local/env.sh`; not a secret): committed stack files hold the
 * encryption salt of this passphrase, so creating a stack never rewrites them.
 */
export const LOCAL_PASSPHRASE = "beluga-local-only";

/**
 * The `encryptionsalt` line Pulumi's passphrase secrets provider writes when it creates a stack:
 * `v1:<salt>:v1:<nonce>:<"pulumi" sealed with AES-256-GCM under PBKDF2-SHA256(passphrase, salt, 10⁶)>`.
 * Computed here so a new app's `Pulumi.<env>.yaml` looks like every other app's from its first commit.
 * @see https://github.com/pulumi/pulumi/blob/master/pkg/secrets/passphrase/manager.go
 */
export function encryptionSalt(passphrase: string = LOCAL_PASSPHRASE, random: (size: number) => Buffer = randomBytes): string {
  const salt = random(8);
  const nonce = random(12);
  const key = pbkdf2Sync(passphrase, salt, 1_000_000, 32, "sha256");
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const sealed = Buffer.concat([cipher.update("pulumi", "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${salt.toString("base64")}:v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}
