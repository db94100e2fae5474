import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { TYPES } from "./staticServer.js";


export interface PrefixServer {
  /** The server's origin: `http://127.0.0.1:PORT`, without the prefix. */
  readonly url: string;
  /** Every path asked for that was not served (outside the prefix, or no such file), in order. */
  readonly misses: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves a built site under a sub-folder, as a host serving a project site would: `/news-archive/x`
 * is `root/x`, and nothing outside the prefix exists. Folders are served by their `index.html`.
 */
export async function servePrefixed(root: string, prefix: string): Promise<PrefixServer> {
  const base = path.resolve(root);
  const misses: string[] = [];
  const server = http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const notFound = (): void => {
      misses.push(urlPath);
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    };
    if (!urlPath.startsWith(prefix)) return notFound();
    let file = path.join(base, urlPath.slice(prefix.length));
    if (file !== base && !file.startsWith(base + path.sep)) return notFound();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      await stat(file);
    } catch {
      return notFound();
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    misses,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
