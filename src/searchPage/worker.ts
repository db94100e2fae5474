/**
 * The search page's web worker: Pagefind's own (`pagefind-worker.js`, which the build appends to
 * this script), with one change. Every period's bundle ships the same WebAssembly, and Pagefind
 * fetches it from each bundle's folder as that period is first searched: 60 kB again for every
 * period opened. Here it is fetched once per file name (`wasm.en.pagefind`: one per language) and
 * handed to each period from memory; Pagefind then finds the module already running and uses it
 * as it is.
 */
declare const self: { fetch: typeof fetch; location: Location };

const WASM = /\/(wasm\.[^/]+\.pagefind)$/u;
const fetchOnce = self.fetch.bind(self);
const wasm = new Map<string, Promise<ArrayBuffer>>();

self.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = input instanceof Request ? input.url : String(input);
  const name = WASM.exec(new URL(url, self.location.href).pathname)?.[1];
  if (name === undefined) return fetchOnce(input, init);
  let bytes = wasm.get(name);
  if (!bytes) {
    bytes = fetchOnce(input, init).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} for ${r.url}`))));
    bytes.catch(() => wasm.delete(name));
    wasm.set(name, bytes);
  }
  return bytes.then((b) => new Response(b.slice(0)));
};

// Pagefind's worker follows: the build appends it to this script (src/build/searchScripts.ts).
