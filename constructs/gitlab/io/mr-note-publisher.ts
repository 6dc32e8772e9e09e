import { Gitlab } from "@gitbeaker/rest";

/** Where to post: the MR of a project on a GitLab instance, with the MR-note bot's token. */
export interface MrNoteTarget {
  /** e.g. `https://gitlab.beluga.internal` (`CI_SERVER_URL`). */
  readonly host: string;
  /** Project id or path (`CI_PROJECT_ID`). */
  readonly projectId: string | number;
  /** MR iid (`CI_MERGE_REQUEST_IID`). */
  readonly mergeRequestIid: number;
  /** The bot's project access token (`BELUGA_MR_BOT_TOKEN`); never logged. */
  readonly token: string;
}

/** The CI variables a merge-request pipeline job posts a note with. */
export const MR_NOTE_VARIABLES = ["CI_SERVER_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID", "BELUGA_MR_BOT_TOKEN"] as const;

/** The MR to post to, read from a merge-request pipeline's variables, or the names of those missing. */
export function mrNoteTargetFromEnv(env: NodeJS.ProcessEnv): { target: MrNoteTarget } | { missing: string[] } {
  const missing = MR_NOTE_VARIABLES.filter((k) => !env[k]);
  if (missing.length > 0) return { missing };
  return {
    target: {
      host: env.CI_SERVER_URL!,
      projectId: env.CI_PROJECT_ID!,
      mergeRequestIid: Number(env.CI_MERGE_REQUEST_IID),
      token: env.BELUGA_MR_BOT_TOKEN!,
    },
  };
}

/**
 * Creates the note on the MR, or edits it in place when a note starting with `marker` exists (one
 * note per marker per MR, however many pushes: an app's preview note, the constructs' fleet note).
 * The body must start with the marker. Returns what it did and the note id.
 * @see https://docs.gitlab.com/api/notes/#merge-requests
 */
export async function publishMrNote(
  marker: string,
  body: string,
  target: MrNoteTarget,
): Promise<{ action: "created" | "updated"; noteId: number }> {
  if (!body.startsWith(marker)) throw new Error(`the note must start with its marker ${marker}, or the next push would add a second note`);
  const api = new Gitlab({ host: target.host, token: target.token });
  const notes = (await api.MergeRequestNotes.all(target.projectId, target.mergeRequestIid)) as Array<{ id: number; body: string }>;
  const existing = notes.find((n) => n.body.startsWith(marker));
  if (existing) {
    await api.MergeRequestNotes.edit(target.projectId, target.mergeRequestIid, existing.id, { body });
    return { action: "updated", noteId: existing.id };
  }
  const created = (await api.MergeRequestNotes.create(target.projectId, target.mergeRequestIid, body)) as { id: number };
  return { action: "created", noteId: created.id };
}
