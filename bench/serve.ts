import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Pagefind gzips these itself and decompresses them in the browser: a host sends them as they are. */
const PAGEFIND_BINARY = new Set([".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind"]);

export interface SiteServer {
  readonly url: string;
  /** Body bytes last sent for each path: stands in where the browser reports no size. */
  readonly sent: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

type Encoding = "br" | "gzip" | "identity";

function chooseEncoding(accept: string | undefined): Encoding {
  const offered = (accept ?? "").split(",").map((e) => e.split(";")[0]!.trim());
  return offered.includes("br") ? "br" : offered.includes("gzip") ? "gzip" : "identity";
}

/**
 * Serves a built site on loopback the way a static host does: text compressed per Accept-Encoding
 * (brotli at the highest level, as hosts that precompress use), everything else as stored.
 */
export async function serveSite(root: string): Promise<SiteServer> {
  const compressed = new Map<string, Buffer>();
  const sent = new Map<string, number>();
  const server = http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    let file = path.join(root, urlPath);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const raw = await readFile(file);
      const ext = path.extname(file);
      const textType = TEXT_TYPES[ext];
      const headers: Record<string, string> = {
        "content-type": textType ?? (ext === ".wasm" ? "application/wasm" : "application/octet-stream"),
        vary: "accept-encoding",
      };
      let body: Buffer = raw;
      const encoding = textType && !PAGEFIND_BINARY.has(ext) ? chooseEncoding(req.headers["accept-encoding"]) : "identity";
      if (encoding !== "identity") {
        const key = `${encoding}:${file}`;
        body = compressed.get(key) ?? (encoding === "br" ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 }));
        compressed.set(key, body);
        headers["content-encoding"] = encoding;
      }
      headers["content-length"] = String(body.length);
      res.writeHead(200, headers).end(body);
      sent.set(urlPath, body.length);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
