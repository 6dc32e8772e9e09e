import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { publishMrNote } from "../../constructs/gitlab/mr-note-publisher";
import { mrNoteMarker } from "../../constructs/gitlab/mr-note";

/**
 * TEST DOUBLE of GitLab's merge-request notes REST endpoints, in-process on 127.0.0.1.
 * Fidelity: implements only GET/POST /api/v4/projects/:id/merge_requests/:iid/notes and
 * PUT …/notes/:note_id with GitLab's JSON shapes (id, body), checks the PRIVATE-TOKEN header, and
 * returns a single page (no Link/X-Next-Page headers). Not modelled: pagination beyond one page,
 * permissions, rate limits, system notes. The real endpoints are exercised only by the opt-in suite
 * (BELUGA_GITLAB_URL + BELUGA_GITLAB_TOKEN).
 */
function gitlabNotesDouble(token: string) {
  const notes: Array<{ id: number; body: string }> = [{ id: 1, body: "Looks good to me" }];
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      calls.push(`${req.method} ${req.url?.split("?")[0]}`);
      if (req.headers["private-token"] !== token) return void res.writeHead(401, { "content-type": "application/json" }).end('{"message":"401 Unauthorized"}');
      const m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?/.exec(req.url ?? "");
      if (!m) return void res.writeHead(404).end();
      const body = data ? (JSON.parse(data) as { body?: string }) : {};
      const send = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (req.method === "GET") return send(200, notes);
      if (req.method === "POST") {
        const note = { id: notes.length + 1, body: body.body ?? "" };
        notes.push(note);
        return send(201, note);
      }
      if (req.method === "PUT" && m[3]) {
        const note = notes.find((n) => n.id === Number(m[3]));
        if (!note) return send(404, { message: "404 Not found" });
        note.body = body.body ?? note.body;
        return send(200, note);
      }
      send(405, { message: "405 Method Not Allowed" });
    });
  });
  return {
    notes, calls,
    start: () => new Promise<string>((ok) => server.listen(0, "127.0.0.1", () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe("publishMrNote (against the GitLab notes test double)", () => {
  it("creates the app's note once, then edits it in place on the next push", async () => {
    const gitlab = gitlabNotesDouble("bot-token");
    const host = await gitlab.start();
    const target = { host, projectId: 17, mergeRequestIid: 42, token: "bot-token" };
    try {
      const first = await publishMrNote("sinistre", `${mrNoteMarker("sinistre")}\nfirst push`, target);
      const second = await publishMrNote("sinistre", `${mrNoteMarker("sinistre")}\nsecond push`, target);
      const other = await publishMrNote("souscription", `${mrNoteMarker("souscription")}\nanother app`, target);
      expect([first, second, other]).toEqual([{ action: "created", noteId: 2 }, { action: "updated", noteId: 2 }, { action: "created", noteId: 3 }]);
      expect(gitlab.notes.map((n) => n.body)).toEqual(["Looks good to me", `${mrNoteMarker("sinistre")}\nsecond push`, `${mrNoteMarker("souscription")}\nanother app`]);
      expect(gitlab.calls.filter((c) => c.startsWith("PUT"))).toEqual(["PUT /api/v4/projects/17/merge_requests/42/notes/2"]);
    } finally {
      await gitlab.stop();
    }
  });

  it("fails when the token is refused, touching no note", async () => {
    const gitlab = gitlabNotesDouble("bot-token");
    const host = await gitlab.start();
    try {
      await expect(publishMrNote("sinistre", "x", { host, projectId: 17, mergeRequestIid: 42, token: "wrong" })).rejects.toThrow();
      expect(gitlab.notes).toHaveLength(1);
    } finally {
      await gitlab.stop();
    }
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
    const first = await publishMrNote(app, `${mrNoteMarker(app)}\nfirst`, target);
    const second = await publishMrNote(app, `${mrNoteMarker(app)}\nsecond`, target);
    expect(first.action).toBe("created");
    expect(second).toEqual({ action: "updated", noteId: first.noteId });
  }, 60_000);
});
