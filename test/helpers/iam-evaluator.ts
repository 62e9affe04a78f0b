/**
 * A small model of IAM policy evaluation for tests: Allow statements with Action/Resource
 * wildcards (`*`, `?`) and the StringEquals / StringLike condition operators, which is every
 * construct create-irsa's documents use. Anything else makes it throw, so a document that grows
 * a construct it does not understand fails the tests instead of being misjudged.
 */
type Statement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Federated: string };
  Condition?: Record<string, Record<string, string | string[]>>;
};

export interface IamRequest {
  readonly action: string;
  readonly resource?: string;
  readonly principal?: string;
  /** Request context keys, e.g. `s3:prefix` or `<issuer>:sub`. */
  readonly context?: Record<string, string>;
}

const KNOWN_STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'Resource', 'Principal', 'Condition']);

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** IAM globbing: `*` any run of characters, `?` any single character; case-sensitive. */
function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return regex.test(value);
}

function conditionHolds(condition: Statement['Condition'], context: Record<string, string>): boolean {
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      const actual = context[key];
      if (actual === undefined) return false;
      const values = list(expected);
      if (operator === 'StringEquals') {
        if (!values.includes(actual)) return false;
      } else if (operator === 'StringLike') {
        if (!values.some((pattern) => globMatches(pattern, actual))) return false;
      } else {
        throw new Error(`iam-evaluator does not model the condition operator ${operator}`);
      }
    }
  }
  return true;
}

export function isAllowed(document: { Statement: Statement[] }, request: IamRequest): boolean {
  let allowed = false;
  for (const statement of document.Statement) {
    for (const key of Object.keys(statement)) {
      if (!KNOWN_STATEMENT_KEYS.has(key)) throw new Error(`iam-evaluator does not model ${key}`);
    }
    if (!list(statement.Action).some((action) => globMatches(action, request.action))) continue;
    if (statement.Resource !== undefined && !list(statement.Resource).some((r) => request.resource !== undefined && globMatches(r, request.resource))) continue;
    if (statement.Principal !== undefined && statement.Principal.Federated !== request.principal) continue;
    if (!conditionHolds(statement.Condition, request.context ?? {})) continue;
    if (statement.Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}
