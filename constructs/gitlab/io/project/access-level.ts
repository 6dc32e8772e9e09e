/**
 * GitLab role names as the upstream provider spells them (`gitlab.BranchProtection.pushAccessLevel`,
 * `gitlab.ProjectAccessToken.accessLevel`), and the numbers the REST API uses.
 * @see https://docs.gitlab.com/api/members/#roles
 */
export type AccessLevelName = "no one" | "minimal" | "guest" | "reporter" | "developer" | "maintainer" | "owner" | "admin";

/** REST value of each role name. */
export const ACCESS_LEVELS: Readonly<Record<AccessLevelName, number>> = {
  "no one": 0,
  minimal: 5,
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
  admin: 60,
};

/** REST number of a role name; unknown names are a programming error (the types prevent them). */
export function accessLevelNumber(name: AccessLevelName): number {
  const level = ACCESS_LEVELS[name];
  if (level === undefined) throw new Error(`unknown GitLab access level "${name}"; use one of ${Object.keys(ACCESS_LEVELS).join(", ")}`);
  return level;
}

/** Role name of a REST number, as GitLab reports it back (`access_level: 40` → `maintainer`). */
export function accessLevelName(level: number | undefined): AccessLevelName | undefined {
  const entry = Object.entries(ACCESS_LEVELS).find(([, value]) => value === level);
  return entry?.[0] as AccessLevelName | undefined;
}
