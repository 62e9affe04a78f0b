/**
 * The values of the repeatable flags: `--s3 <bucket>/<prefix>[:<access>][@<kms key ARN>]` and
 * `--tag <key>=<value>`. They are only split here; the parts are validated with the config file's
 * rules, in parse-config.
 */
import { pastedS3Location } from '../config/field-rules';

export interface RawGrant {
  bucket: string;
  prefix: string;
  access?: string;
  kmsKey?: string;
}

export const GRANT_FLAG_EXAMPLE = 'acme-raw/landing/:read';

/** `""` after the bucket is the whole bucket, said on purpose: an empty prefix may be an unset variable. */
const WHOLE_BUCKET = '""';

/** Splits one `--s3` value, or returns what is wrong with its shape. */
export function parseGrantFlag(value: string): RawGrant | string {
  let rest = value;
  let kmsKey: string | undefined;
  // A KMS key is an ARN, so `@arn:` starts it; `@` alone may be part of an S3 key.
  const kmsAt = rest.lastIndexOf('@arn:');
  if (kmsAt >= 0) {
    kmsKey = rest.slice(kmsAt + 1);
    rest = rest.slice(0, kmsAt);
  }
  // Split at its first "/", `s3://acme/exports/` would name the bucket "s3:": say what was pasted instead.
  const pasted = pastedS3Location(rest);
  if (pasted) {
    const example = `${pasted.bucket || 'acme-invoices'}/${pasted.folder || 'exports/'}`;
    return `${JSON.stringify(value)} is ${pasted.kind}, not <bucket>/<prefix>: give the bucket name alone, then "/" and the folder. Example: ${example}`;
  }
  let access: string | undefined;
  // `:<word>` at the end is the access level (a folder ends in "/", so `logs:archive/` stays a folder).
  const accessMatch = /:([A-Za-z-]+)$/.exec(rest);
  if (accessMatch) {
    access = accessMatch[1];
    rest = rest.slice(0, accessMatch.index);
  }
  const slash = rest.indexOf('/');
  if (slash < 0) {
    return `${JSON.stringify(value)} has no folder: write <bucket>/<prefix>[:read|read-write][@<kms key ARN>], or <bucket>/${WHOLE_BUCKET} for the whole bucket. Example: ${GRANT_FLAG_EXAMPLE}`;
  }
  const bucket = rest.slice(0, slash);
  const prefix = rest.slice(slash + 1);
  if (prefix === '') {
    return `${JSON.stringify(value)} has an empty folder, which would grant the whole bucket; if that is meant, write ${bucket}/${WHOLE_BUCKET}. Example: ${GRANT_FLAG_EXAMPLE}`;
  }
  return {
    bucket,
    prefix: prefix === WHOLE_BUCKET ? '' : prefix,
    ...(access === undefined ? {} : { access }),
    ...(kmsKey === undefined ? {} : { kmsKey }),
  };
}

export const TAG_FLAG_EXAMPLE = 'cost-center=cc-42';

/** Splits one `--tag` value at its first `=`, or returns what is wrong with its shape. */
export function parseTagFlag(value: string): { key: string; value: string } | string {
  const equals = value.indexOf('=');
  if (equals < 0) return `${JSON.stringify(value)} is not <key>=<value>. Example: ${TAG_FLAG_EXAMPLE}`;
  return { key: value.slice(0, equals), value: value.slice(equals + 1) };
}
