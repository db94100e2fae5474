/**
 * Reads a `_headers` file (Netlify and Cloudflare Pages format): a path pattern on a line of its
 * own, then its headers indented below it as `Name: value`; `#` starts a comment line.
 * A header given twice for one pattern is joined with `, `, as those hosts do.
 */
export function parseHeadersFile(text: string): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  for (const [i, raw] of text.split(/\r?\n/u).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (!/^\s/u.test(raw)) {
      current = rules.get(line) ?? {};
      rules.set(line, current);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/u.exec(line);
    if (!current || !m) throw new Error(`_headers line ${i + 1}: expected an indented "Name: value" under a path, found "${raw}"`);
    const name = m[1]!;
    current[name] = current[name] === undefined ? m[2]! : `${current[name]}, ${m[2]!}`;
  }
  return rules;
}

/** A Content-Security-Policy's directives: `script-src 'self' x` → `script-src` → [`'self'`, `x`]. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/u);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives;
}
