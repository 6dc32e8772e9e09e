import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * TEST DOUBLE of GitLab's merge-request notes REST endpoints, in-process on 127.0.0.1.
 * Fidelity: implements only GET/POST /api/v4/projects/:id/merge_requests/:iid/notes and
 * PUT …/notes/:note_id with GitLab's JSON shapes (id, body), checks the PRIVATE-TOKEN header, and
 * returns a single page (no Link/X-Next-Page headers). Not modelled: pagination beyond one page,
 * permissions, rate limits, system notes. The real endpoints are exercised only by the opt-in suite
 * (BELUGA_GITLAB_URL + BELUGA_GITLAB_TOKEN).
 */
export function gitlabNotesDouble(token: string) {
  const notes: Array<{ id: number; body: string }> = [{ id: 1, body: "Looks good to me" }];
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      calls.push(`${req.method} ${req.url?.split("?")[0]}`);
      if (req.headers["private-token"] !== token)
        return void res.writeHead(401, { "content-type": "application/json" }).end('{"message":"401 Unauthorized"}');
      const m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?/.exec(req.url ?? "");
      if (!m) return void res.writeHead(404).end();
      const body = data ? (JSON.parse(data) as { body?: string }) : {};
      const send = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
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
    notes,
    calls,
    start: () =>
      new Promise<string>((ok) => server.listen(0, "127.0.0.1", () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
