import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Writes whole or not at all: a build that reads while another writes never sees half a file. */
export async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}
