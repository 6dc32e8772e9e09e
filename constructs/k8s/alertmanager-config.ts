import type { AlertSeverity, EnvironmentSpec } from "../model";
import { ALERTS } from "./alert-rules";
import type { PlatformTenant } from "./platform-chart";

/** Name of the alert a deploy posts to Alertmanager while a release is under way (labels `app`, `env`). */
export const RELEASE_DECLARED_ALERT = "BelugaReleaseDeclared";
/** Alerts a declared release silences for its app: what a rolling update makes noisy, not what says it failed. */
export const INHIBITED_DURING_RELEASE = [ALERTS.availabilityBelowMinimum, ALERTS.restartLoop, ALERTS.hpaAtMaximum] as const;
/** Receiver of alerts no team route takes: the platform team's channel. */
export const PLATFORM_RECEIVER = "beluga-platform";
/** Where Alertmanager finds each team's webhook URLs: one Secret per team mounted by the Alertmanager (`spec.secrets`). */
export const SECRETS_DIR = "/etc/alertmanager/secrets";

/** Secret holding a team's webhooks (keys `teams-webhook-url`, `oncall-webhook-url`). */
export const teamSecretName = (team: string): string => `alertmanager-team-${team}`;
/** Receiver posting to the team's Teams channel. */
export const channelReceiver = (team: string): string => `team-${team}-channel`;
/** Receiver posting to the team's channel and paging its on-call. */
export const pageReceiver = (team: string): string => `team-${team}-page`;

/** Severities that page the on-call (and post to the channel); the others post to the channel only. */
const PAGING: readonly AlertSeverity[] = ["critical"];

/**
 * The Alertmanager configuration of one environment (alertmanager.yaml, as an object), generated from
 * the tenants of the platform layer and the environment's `alerting` trait:
 * - one route per team, matching `team` and `env`, to the team's Teams channel (`msteamsv2`);
 * - under it, alerts of a paging severity (`critical`, which only environments whose trait gives it —
 *   Prod for critical apps here — raise) go to a receiver that posts to the channel and pages the
 *   team's on-call (webhook of the on-call tool); teams with no paging alert here get no such route;
 * - while a release is declared (`BelugaReleaseDeclared{app, env}`, posted by the deploy), the alerts a
 *   rolling update makes noisy are inhibited for that app; a stuck rollout or a failed batch still notifies.
 * Webhook URLs are secrets: read from files of a per-team Secret, never written here.
 * @see https://prometheus.io/docs/alerting/latest/configuration/
 */
export function alertmanagerConfig(
  env: Pick<EnvironmentSpec, "name" | "alerting">,
  tenants: readonly PlatformTenant[],
): Record<string, unknown> {
  const byTeam = new Map<string, PlatformTenant[]>();
  for (const t of [...tenants].sort((a, b) => a.team.localeCompare(b.team) || a.name.localeCompare(b.name))) {
    byTeam.set(t.team, [...(byTeam.get(t.team) ?? []), t]);
  }
  const teams = [...byTeam.entries()].map(([team, apps]) => ({
    team,
    pages: apps.some((a) => PAGING.includes(env.alerting.severity[a.criticality])),
  }));
  const file = (team: string, key: string) => `${SECRETS_DIR}/${teamSecretName(team)}/${key}`;
  const channel = (team: string) => ({ webhook_url_file: file(team, "teams-webhook-url"), send_resolved: true });
  return {
    route: {
      receiver: PLATFORM_RECEIVER,
      group_by: ["alertname", "app", "env"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: teams.map(({ team, pages }) => ({
        receiver: channelReceiver(team),
        matchers: [`team="${team}"`, `env="${env.name}"`],
        ...(pages
          ? { routes: [{ receiver: pageReceiver(team), matchers: [`severity=~"${PAGING.join("|")}"`], repeat_interval: "1h" }] }
          : {}),
      })),
    },
    inhibit_rules: [
      {
        source_matchers: [`alertname="${RELEASE_DECLARED_ALERT}"`],
        target_matchers: [`alertname=~"${INHIBITED_DURING_RELEASE.join("|")}"`],
        equal: ["app", "env"],
      },
    ],
    receivers: [
      {
        name: PLATFORM_RECEIVER,
        msteamsv2_configs: [{ webhook_url_file: `${SECRETS_DIR}/alertmanager-platform/teams-webhook-url`, send_resolved: true }],
      },
      ...teams.flatMap(({ team, pages }) => [
        { name: channelReceiver(team), msteamsv2_configs: [channel(team)] },
        ...(pages
          ? [
              {
                name: pageReceiver(team),
                msteamsv2_configs: [channel(team)],
                webhook_configs: [{ url_file: file(team, "oncall-webhook-url"), send_resolved: true }],
              },
            ]
          : []),
      ]),
    ],
  };
}
