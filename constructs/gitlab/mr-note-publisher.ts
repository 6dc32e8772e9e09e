import { Gitlab } from "@gitbeaker/rest";
import { mrNoteMarker } from "./mr-note";

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

/**
 * Creates the app's note on the MR, or edits it in place when a note carrying the app's marker exists
 * (one note per app per MR, however many pushes). Returns what it did and the note id.
 * @see https://docs.gitlab.com/api/notes/#merge-requests
 */
export async function publishMrNote(app: string, body: string, target: MrNoteTarget): Promise<{ action: "created" | "updated"; noteId: number }> {
  const api = new Gitlab({ host: target.host, token: target.token });
  const marker = mrNoteMarker(app);
  const notes = (await api.MergeRequestNotes.all(target.projectId, target.mergeRequestIid)) as Array<{ id: number; body: string }>;
  const existing = notes.find((n) => n.body.startsWith(marker));
  if (existing) {
    await api.MergeRequestNotes.edit(target.projectId, target.mergeRequestIid, existing.id, { body });
    return { action: "updated", noteId: existing.id };
  }
  const created = (await api.MergeRequestNotes.create(target.projectId, target.mergeRequestIid, body)) as { id: number };
  return { action: "created", noteId: created.id };
}
