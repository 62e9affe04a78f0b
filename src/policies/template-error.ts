/** A policy template could not be read, did not render to valid JSON, or used a field or helper that does not exist. */
export class TemplateError extends Error {
  /**
   * @param template where it came from (`templates/policies/s3_policy.json.hbs`), named in the message
   * @param detail what is wrong, by line and column; never the template's or the rendered text
   */
  constructor(template: { readonly origin: string }, detail: string, verdict = 'is broken') {
    super(`Policy template ${template.origin} ${verdict}: ${detail}`);
    this.name = 'TemplateError';
  }
}
