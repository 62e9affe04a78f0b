/**
 * Line layout the way `terraform fmt` (hclwrite) leaves it: two spaces per nesting level, and the
 * `=` of consecutive one-line attributes aligned one space after the longest name. A line that
 * opens a bracket (`tags = {`) or closes one ends such a run, as it does for hclwrite.
 */

/** Lines of HCL. A value's first line continues the line it starts on. */
export type Lines = string[];

export interface Assignment {
  /** The name or object key, as written. */
  readonly name: string;
  readonly value: Lines;
}

/** hclwrite measures columns in characters, not bytes. */
function columns(text: string): number {
  return /^[\x00-\x7f]*$/.test(text) ? text.length : [...text].length;
}

/** `name = value` lines, with the `=` of each run of one-line assignments aligned. */
export function assignments(list: readonly Assignment[]): Lines {
  const lines: Lines = [];
  let run: Assignment[] = [];
  const closeRun = () => {
    const width = Math.max(...run.map((assignment) => columns(assignment.name)));
    for (const { name, value } of run) lines.push(`${name}${' '.repeat(width - columns(name))} = ${value[0]}`);
    run = [];
  };
  for (const assignment of list) {
    if (assignment.value.length === 1) {
      run.push(assignment);
      continue;
    }
    if (run.length) closeRun();
    const [first, ...rest] = assignment.value;
    lines.push(`${assignment.name} = ${first}`, ...rest);
  }
  if (run.length) closeRun();
  return lines;
}

export function indented(lines: Lines): Lines {
  return lines.map((line) => (line === '' ? '' : `  ${line}`));
}

/** Sections of a body or file, one blank line apart. */
export function sections(list: readonly Lines[]): Lines {
  const lines: Lines = [];
  for (const section of list) {
    if (section.length === 0) continue;
    if (lines.length > 0) lines.push('');
    for (const line of section) lines.push(line);
  }
  return lines;
}

/** `open` + lines + `close` around an indented body, or `open` + `close` on one line when empty. */
export function bracketed(open: string, body: Lines, close: string): Lines {
  return body.length === 0 ? [`${open}${close}`] : [open, ...indented(body), close];
}
