/**
 * The top-level entries of a module file, by address (`resource.aws_iam_role.billing_x`,
 * `output.billing_x_role_arn`, `provider.aws`, `terraform`), each with its text. Reads both formats
 * create-irsa writes; used to say which bindings a difference belongs to. A file that is not of
 * that shape gives undefined.
 */

export function terraformEntries(path: string, content: string): Map<string, string> | undefined {
  return path.endsWith('.json') ? jsonEntries(content) : hclEntries(content);
}

/** Blocks whose entries are keyed by type and name (two levels) rather than by name alone. */
const TWO_LEVEL = new Set(['resource', 'data']);

function jsonEntries(content: string): Map<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const entries = new Map<string, string>();
  for (const [block, value] of Object.entries(parsed)) {
    if (!isObject(value)) {
      entries.set(block, JSON.stringify(value));
      continue;
    }
    for (const [first, inner] of Object.entries(value)) {
      if (TWO_LEVEL.has(block) && isObject(inner)) {
        for (const [name, body] of Object.entries(inner)) entries.set(`${block}.${first}.${name}`, JSON.stringify(body));
      } else {
        entries.set(`${block}.${first}`, JSON.stringify(inner));
      }
    }
  }
  return entries;
}

/** create-irsa's HCL starts each top-level block at column 0 and closes it with `}` at column 0. */
const HCL_HEADER = /^([a-z_]+)((?: "[^"]*")*) \{$/;

function hclEntries(content: string): Map<string, string> | undefined {
  const entries = new Map<string, string>();
  let current: { address: string; lines: string[] } | undefined;
  for (const line of content.split('\n')) {
    if (current) {
      current.lines.push(line);
      if (line === '}') {
        entries.set(current.address, current.lines.join('\n'));
        current = undefined;
      }
      continue;
    }
    const header = HCL_HEADER.exec(line);
    if (header) {
      const labels = [...header[2].matchAll(/"([^"]*)"/g)].map((match) => match[1]);
      current = { address: [header[1], ...labels].join('.'), lines: [line] };
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      return undefined;
    }
  }
  return current ? undefined : entries;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
