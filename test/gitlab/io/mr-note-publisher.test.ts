import { MR_NOTE_VARIABLES, mrNoteTargetFromEnv, publishMrNote } from "../../../constructs/gitlab/io/mr-note-publisher";
import { FLEET_NOTE_MARKER } from "../../../platform/estate/diff/fleet-note";
import { gitlabNotesDouble } from "../notes-double";
import { mrNoteMarker } from "../../../constructs/gitlab/mr-note";

describe("publishMrNote (against the GitLab notes test double)", () => {
  it("creates the app's note once, then edits it in place on the next push", async () => {
    const gitlab = gitlabNotesDouble("bot-token");
    const host = await gitlab.start();
    const target = { host, projectId: 17, mergeRequestIid: 42, token: "bot-token" };
    try {
      const first = await publishMrNote(mrNoteMarker("sinistre"), `${mrNoteMarker("sinistre")}\nfirst push`, target);
      const second = await publishMrNote(mrNoteMarker("sinistre"), `${mrNoteMarker("sinistre")}\nsecond push`, target);
      const other = await publishMrNote(mrNoteMarker("souscription"), `${mrNoteMarker("souscription")}\nanother app`, target);
      expect([first, second, other]).toEqual([
        { action: "created", noteId: 2 },
        { action: "updated", noteId: 2 },
        { action: "created", noteId: 3 },
      ]);
      expect(gitlab.notes.map((n) => n.body)).toEqual([
        "Looks good to me",
        `${mrNoteMarker("sinistre")}\nsecond push`,
        `${mrNoteMarker("souscription")}\nanother app`,
      ]);
      expect(gitlab.calls.filter((c) => c.startsWith("PUT"))).toEqual(["PUT /api/v4/projects/17/merge_requests/42/notes/2"]);
    } finally {
      await gitlab.stop();
    }
  });

  it("fails when the token is refused, touching no note", async () => {
    const gitlab = gitlabNotesDouble("bot-token");
    const host = await gitlab.start();
    try {
      await expect(
        publishMrNote(mrNoteMarker("sinistre"), `${mrNoteMarker("sinistre")}\nx`, {
          host,
          projectId: 17,
          mergeRequestIid: 42,
          token: "wrong",
        }),
      ).rejects.toThrow();
      expect(gitlab.calls).toEqual(["GET /api/v4/projects/17/merge_requests/42/notes"]);
      expect(gitlab.notes).toHaveLength(1);
    } finally {
      await gitlab.stop();
    }
  });

  it("keeps the constructs' fleet note apart from the apps' notes, and refuses a body without its marker", async () => {
    const gitlab = gitlabNotesDouble("bot-token");
    const host = await gitlab.start();
    const target = { host, projectId: 17, mergeRequestIid: 42, token: "bot-token" };
    try {
      await publishMrNote(mrNoteMarker("sinistre"), `${mrNoteMarker("sinistre")}\napp`, target);
      const fleet = [
        await publishMrNote(FLEET_NOTE_MARKER, `${FLEET_NOTE_MARKER}\n37 apps restart`, target),
        await publishMrNote(FLEET_NOTE_MARKER, `${FLEET_NOTE_MARKER}\n2 apps restart`, target),
      ];
      expect(fleet).toEqual([
        { action: "created", noteId: 3 },
        { action: "updated", noteId: 3 },
      ]);
      expect(gitlab.notes.map((n) => n.body)).toEqual([
        "Looks good to me",
        `${mrNoteMarker("sinistre")}\napp`,
        `${FLEET_NOTE_MARKER}\n2 apps restart`,
      ]);
      const calls = gitlab.calls.length;
      await expect(publishMrNote(FLEET_NOTE_MARKER, "no marker", target)).rejects.toThrow(/must start with its marker/);
      expect(gitlab.calls).toHaveLength(calls);
    } finally {
      await gitlab.stop();
    }
  });
});

describe("mrNoteTargetFromEnv", () => {
  it("reads the merge-request pipeline's variables, or names the missing ones", () => {
    const env = { CI_SERVER_URL: "https://gitlab.example", CI_PROJECT_ID: "17", CI_MERGE_REQUEST_IID: "42", BELUGA_MR_BOT_TOKEN: "t" };
    expect(mrNoteTargetFromEnv(env)).toEqual({
      target: { host: "https://gitlab.example", projectId: "17", mergeRequestIid: 42, token: "t" },
    });
    expect(mrNoteTargetFromEnv({ CI_SERVER_URL: "https://gitlab.example" })).toEqual({ missing: MR_NOTE_VARIABLES.slice(1) });
  });
});

const realUrl = process.env.BELUGA_GITLAB_URL;
const realToken = process.env.BELUGA_GITLAB_TOKEN;
const realProject = process.env.BELUGA_GITLAB_PROJECT;
const realMr = process.env.BELUGA_GITLAB_MR_IID;
/** Opt-in: a real GitLab (BELUGA_GITLAB_URL, BELUGA_GITLAB_TOKEN, BELUGA_GITLAB_PROJECT, BELUGA_GITLAB_MR_IID). */
(realUrl && realToken && realProject && realMr ? describe : describe.skip)("publishMrNote against a real GitLab (opt-in)", () => {
  it("creates then edits one note carrying the marker", async () => {
    const target = { host: realUrl!, projectId: realProject!, mergeRequestIid: Number(realMr), token: realToken! };
    const app = `beluga-opt-in-${Date.now()}`;
    const first = await publishMrNote(mrNoteMarker(app), `${mrNoteMarker(app)}\nfirst`, target);
    const second = await publishMrNote(mrNoteMarker(app), `${mrNoteMarker(app)}\nsecond`, target);
    expect(first.action).toBe("created");
    expect(second).toEqual({ action: "updated", noteId: first.noteId });
  }, 60_000);
});
