// A thread listing and stat'ing an articles folder while the build's thread loads its caches (listOnThread.ts).
import { parentPort } from "node:worker_threads";
import { listWithStamps, packListing, type ListReply } from "./listFiles.js";

parentPort?.on("message", (paths: readonly string[] | "close") => {
  if (paths === "close") process.exit(0);
  listWithStamps(paths).then(
    (listing) => {
      const packed = packListing(listing);
      parentPort?.postMessage({ ok: true, listing: packed } satisfies ListReply, [packed.stamps.buffer]);
    },
    (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies ListReply),
  );
});
