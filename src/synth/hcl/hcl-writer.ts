/**
 * Writes HCL lines the way `terraform fmt` (hclwrite) leaves them: two spaces per nesting level,
 * and the `=` of consecutive one-line attributes aligned one space after the longest name. A line
 * that opens a bracket (`tags = {`) or closes one ends such a run, as it does for hclwrite.
 * Lines go straight into one list: large configurations print without intermediate copies.
 */
export class HclWriter {
  private readonly lines: string[] = [];
  private indent = '';

  line(text: string): void {
    this.lines.push(this.indent + text);
  }

  /** A line ending in an opening bracket; what follows is one level deeper. */
  open(text: string): void {
    this.line(text);
    this.indent += '  ';
  }

  /** A line starting with a closing bracket, back one level. */
  close(text: string): void {
    this.indent = this.indent.slice(2);
    this.line(text);
  }

  blank(): void {
    this.lines.push('');
  }

  /** `name = value` for a run of one-line attributes, their `=` aligned. */
  alignedAssignments(run: ReadonlyArray<{ readonly name: string; readonly value: string }>): void {
    let width = 0;
    for (const { name } of run) width = Math.max(width, columns(name));
    for (const { name, value } of run) this.line(`${name}${' '.repeat(width - columns(name))} = ${value}`);
  }

  text(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }
}

/** hclwrite measures columns in characters, not bytes. */
function columns(text: string): number {
  return /^[\x00-\x7f]*$/.test(text) ? text.length : [...text].length;
}
