import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import type * as pagefind from "pagefind";

/**
 * A client of Pagefind's indexing service (`pagefind --service`), speaking the protocol of the
 * `pagefind` package's own client (lib/service.js, 1.6.0): JSON messages in base64, each followed
 * by a comma, over the child's stdin and stdout.
 *
 * Why not that client: when the service dies, it never says so. On a full disk Pagefind panics
 * (`StorageFull`) and exits, and every call waiting on it waits for ever: a build that hangs, where
 * it must fail. Here the child's exit, a broken pipe or a failed start ends every call waiting on
 * it with an error that says why, from what the service printed last.
 */

type Payload = { readonly type: string } & Record<string, unknown>;
interface Waiting {
  readonly resolve: (payload: Payload) => void;
  readonly reject: (error: Error) => void;
}

/** The binary the `pagefind` package would run, found the way it finds it (its environment overrides included). */
export function pagefindBinary(): string {
  for (const name of ["PAGEFIND_EXTENDED_BINARY_PATH", "PAGEFIND_BINARY_PATH"]) {
    const override = process.env[name];
    if (override) return override;
  }
  // Resolved from the `pagefind` package, as it resolves them: they are its optional dependencies.
  const require = createRequire(import.meta.resolve("pagefind"));
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.env.npm_config_arch || os.arch();
  const suffix = platform === "windows" ? ".exe" : "";
  const tried: string[] = [];
  for (const name of ["pagefind_extended", "pagefind"]) {
    const request = `@pagefind/${platform}-${arch}/bin/${name}${suffix}`;
    try {
      return require.resolve(request);
    } catch {
      tried.push(request);
    }
  }
  throw new Error(`pagefind: no binary for ${platform}-${arch} (looked for ${tried.join(", ")}); run npm install`);
}

/** What a panic or an error said, in one line: Rust's `message: "No space left on device"` if there is one. */
export function lastWords(stderr: string): string {
  const message = /message: "([^"]+)"/u.exec(stderr)?.[1];
  if (message) return message;
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("note:") && l !== "stack backtrace:");
  return lines.at(-1) ?? "";
}

/** How much of the service's stderr is kept, to say why it stopped. */
const STDERR_KEPT = 8192;

export class PagefindService {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private incoming = "";
  private stderr = "";
  /** Set once the service can no longer answer: every later call fails with it. */
  private stopped: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(binary = pagefindBinary()) {
    this.child = spawn(binary, ["--service"], { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    this.exited = new Promise((resolve) => this.child.once("close", () => resolve()));
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk.toString("latin1")));
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
    });
    this.child.on("error", (error) => this.stop(`could not be started (${(error as NodeJS.ErrnoException).code ?? error.message})`));
    // A broken pipe usually means the service died: its exit, just behind, says more. Should it
    // live on, deaf, the pipe's error is all there is to say.
    this.child.stdin.on("error", (error) => {
      setTimeout(() => this.stop(`stopped reading (${(error as NodeJS.ErrnoException).code ?? error.message})`), 1000).unref();
    });
    // "close", not "exit": by then its stderr has been read to the end, panic message included.
    this.child.on("close", (code, signal) => this.stop(signal ? `was killed (${signal})` : `exited with code ${code}`));
  }

  private stop(how: string): void {
    if (this.stopped) return;
    const why = lastWords(this.stderr);
    this.stopped = new Error(`pagefind ${how}${why ? `: ${why}` : ""}`);
    for (const { reject } of this.waiting.values()) reject(this.stopped);
    this.waiting.clear();
  }

  /** Messages arrive as base64 (no commas in it), each ended by a comma, in chunks of any size. */
  private receive(chunk: string): void {
    this.incoming += chunk;
    let end: number;
    while ((end = this.incoming.indexOf(",")) !== -1) {
      const encoded = this.incoming.slice(0, end);
      this.incoming = this.incoming.slice(end + 1);
      this.answer(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as { message_id?: number; payload: Payload });
    }
  }

  private answer({ message_id: id, payload }: { message_id?: number; payload: Payload }): void {
    if (typeof id !== "number") {
      // An error about a message the service could not read: it names that message, if it can.
      const original = typeof payload.original_message === "string" ? (JSON.parse(payload.original_message) as { message_id?: number }) : {};
      if (typeof original.message_id === "number") this.answer({ message_id: original.message_id, payload });
      else this.stop(`failed: ${String(payload.message)}`);
      return;
    }
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (payload.type === "Error") waiting.reject(new Error(`pagefind: ${String(payload.message)}`));
    else waiting.resolve(payload);
  }

  /** Sends one request; resolves with the service's answer, which must be of type `expected`. */
  request(payload: Payload, expected: string): Promise<Payload> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.nextId;
    return new Promise<Payload>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${Buffer.from(JSON.stringify({ message_id: id, payload })).toString("base64")},`);
    }).then((answer) => {
      if (answer.type !== expected) throw new Error(`pagefind answered ${answer.type} to ${payload.type}`);
      return answer;
    });
  }

  async newIndex(language: string): Promise<number> {
    const answer = await this.request({ type: "NewIndex", config: { force_language: language } }, "NewIndex");
    return answer.index_id as number;
  }

  async addRecord(index: number, record: pagefind.CustomRecord): Promise<void> {
    await this.request({ type: "AddRecord", index_id: index, ...record }, "IndexedFile");
  }

  async writeFiles(index: number, outputPath: string): Promise<void> {
    await this.request({ type: "WriteFiles", index_id: index, output_path: outputPath }, "WriteFiles");
  }

  async deleteIndex(index: number): Promise<void> {
    await this.request({ type: "DeleteIndex", index_id: index }, "DeleteIndex");
  }

  /** Ends the service and waits for it to be gone. */
  async close(): Promise<void> {
    this.stopped ??= new Error("pagefind service closed");
    this.child.stdin.end();
    this.child.kill();
    await this.exited;
  }
}
