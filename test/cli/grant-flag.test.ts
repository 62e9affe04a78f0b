/**
 * The values of the repeatable flags `--s3 <bucket>/<prefix>[:<access>][@<kms key ARN>]` and
 * `--tag <key>=<value>`, split into config keys, and then judged by the config file's rules.
 */
import { flagsToRawConfig } from '../../src/cli/flags-to-config';
import { parseGrantFlag, parseTagFlag } from '../../src/cli/grant-flag';
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { KMS_KEY } from '../helpers/fixtures';

describe('--s3 values', () => {
  it.each([
    ['acme-raw/landing/', { bucket: 'acme-raw', prefix: 'landing/' }],
    ['acme-raw/landing/:read', { bucket: 'acme-raw', prefix: 'landing/', access: 'read' }],
    ['acme-raw/landing/:read-write', { bucket: 'acme-raw', prefix: 'landing/', access: 'read-write' }],
    ['acme-raw/landing:read', { bucket: 'acme-raw', prefix: 'landing', access: 'read' }],
    ['acme-raw/a/b/c/', { bucket: 'acme-raw', prefix: 'a/b/c/' }],
    ['acme-raw/""', { bucket: 'acme-raw', prefix: '' }],
    ['acme-raw/"":read-write', { bucket: 'acme-raw', prefix: '', access: 'read-write' }],
    [`acme-raw/tables/:read-write@${KMS_KEY}`, { bucket: 'acme-raw', prefix: 'tables/', access: 'read-write', kmsKey: KMS_KEY }],
    [`acme-raw/tables/@${KMS_KEY}`, { bucket: 'acme-raw', prefix: 'tables/', kmsKey: KMS_KEY }],
    [`acme-raw/"":read@${KMS_KEY}`, { bucket: 'acme-raw', prefix: '', access: 'read', kmsKey: KMS_KEY }],
    // A folder ends in "/", so a colon inside it is part of the folder, not an access level.
    ['acme-raw/logs:archive/', { bucket: 'acme-raw', prefix: 'logs:archive/' }],
    // "@" not followed by an ARN is part of the folder.
    ['acme-raw/team@example/', { bucket: 'acme-raw', prefix: 'team@example/' }],
    // Split only: the access level and the key are judged by the config rules afterwards.
    ['acme-raw/in/:write', { bucket: 'acme-raw', prefix: 'in/', access: 'write' }],
    ['acme-raw/in/@arn:aws:kms:eu-west-1:111122223333:alias/data', { bucket: 'acme-raw', prefix: 'in/', kmsKey: 'arn:aws:kms:eu-west-1:111122223333:alias/data' }],
  ])('GIVEN %j THEN it is the grant %j', (value, grant) => {
    expect(parseGrantFlag(value)).toEqual(grant);
  });

  it.each([
    ['acme-raw', '"acme-raw" has no folder: write <bucket>/<prefix>[:read|read-write][@<kms key ARN>], or <bucket>/"" for the whole bucket. Example: acme-raw/landing/:read'],
    ['acme-raw:read', '"acme-raw:read" has no folder: write <bucket>/<prefix>[:read|read-write][@<kms key ARN>], or <bucket>/"" for the whole bucket. Example: acme-raw/landing/:read'],
    ['', '"" has no folder: write <bucket>/<prefix>[:read|read-write][@<kms key ARN>], or <bucket>/"" for the whole bucket. Example: acme-raw/landing/:read'],
    ['acme-raw/', '"acme-raw/" has an empty folder, which would grant the whole bucket; if that is meant, write acme-raw/"". Example: acme-raw/landing/:read'],
    ['acme-raw/:read-write', '"acme-raw/:read-write" has an empty folder, which would grant the whole bucket; if that is meant, write acme-raw/"". Example: acme-raw/landing/:read'],
    [`acme-raw/@${KMS_KEY}`, `"acme-raw/@${KMS_KEY}" has an empty folder, which would grant the whole bucket; if that is meant, write acme-raw/"". Example: acme-raw/landing/:read`],
  ])('GIVEN %j THEN it is refused: %s', (value, message) => {
    expect(parseGrantFlag(value)).toBe(message);
  });
});

describe('--tag values', () => {
  it.each([
    ['team=data', { key: 'team', value: 'data' }],
    ['cost-center=cc-42', { key: 'cost-center', value: 'cc-42' }],
    ['reviewed=', { key: 'reviewed', value: '' }],
    ['formula=a=b', { key: 'formula', value: 'a=b' }],
    ['owner=Data Platform', { key: 'owner', value: 'Data Platform' }],
  ])('GIVEN %j THEN it is %j', (value, tag) => {
    expect(parseTagFlag(value)).toEqual(tag);
  });

  it('GIVEN a value without "=" THEN it is refused with the shape', () => {
    expect(parseTagFlag('team')).toBe('"team" is not <key>=<value>. Example: cost-center=cc-42');
  });
});

/** The config that flags describe, or the issues they raise. */
function fromFlags(flags: Record<string, string | boolean | string[]>) {
  const fields = new Map(Object.entries({ region: 'eu-west-1', cluster: 'payments', namespace: 'etl', 'service-account': 'loader', ...flags }));
  try {
    return { config: parseConfig(flagsToRawConfig(fields), 'flags').config };
  } catch (error) {
    if (error instanceof InvalidConfigError) return { issues: error.issues };
    throw error;
  }
}

describe('repeatable flags become config keys', () => {
  it('GIVEN several --s3 THEN the binding has those grants, in order', () => {
    expect(fromFlags({ s3: ['acme-raw/landing', `acme-curated/tables/:read-write@${KMS_KEY}`, 'acme-logs/""'] }).config?.bindings[0].s3).toEqual([
      { bucket: 'acme-raw', prefix: 'landing/', access: 'read' },
      { bucket: 'acme-curated', prefix: 'tables/', access: 'read-write', kmsKey: KMS_KEY },
      { bucket: 'acme-logs', prefix: '', access: 'read' },
    ]);
  });

  it('GIVEN several --tag THEN they are the tags', () => {
    expect(fromFlags({ s3: ['acme-raw/in/'], tag: ['team=data', 'cost-center=cc-42'] }).config?.tags).toEqual({ team: 'data', 'cost-center': 'cc-42' });
  });

  it('GIVEN --max-session-duration THEN it is a number of seconds', () => {
    expect(fromFlags({ s3: ['acme-raw/in/'], 'max-session-duration': '7200' }).config?.role).toEqual({ maxSessionDuration: 7200 });
  });

  it.each<[string, Record<string, string | boolean | string[]>, Array<{ field: string; message: string }>]>([
    [
      'an --s3 without a folder',
      { s3: ['acme-raw/in/', 'acme-logs'] },
      [{ field: 'bindings[0].s3[1]', message: expect.stringContaining('"acme-logs" has no folder') }],
    ],
    [
      'an --s3 with an unknown access level',
      { s3: ['acme-raw/in/:write'] },
      [{ field: 'bindings[0].s3[0].access', message: 'must be one of "read" or "read-write", got the string "write". Example: read-write' }],
    ],
    [
      'an --s3 with a KMS alias',
      { s3: ['acme-raw/in/@arn:aws:kms:eu-west-1:111122223333:alias/data'] },
      [{ field: 'bindings[0].s3[0].kmsKey', message: expect.stringContaining('an alias can be pointed at another key later') }],
    ],
    [
      'the same --s3 twice',
      { s3: ['acme-raw/in', 'acme-raw/in/:read-write'] },
      [{ field: 'bindings[0].s3[1]', message: 'grants s3://acme-raw/in/ again (already in bindings[0].s3[0]); keep one grant per bucket folder' }],
    ],
    [
      '--s3 together with --bucket',
      { s3: ['acme-raw/in/'], bucket: 'acme-logs', prefix: 'app/' },
      [{ field: 'bindings[0].s3', message: expect.stringContaining('is given together with "bucket", "prefix"; say it one way') }],
    ],
    ['a --tag without "="', { s3: ['acme-raw/in/'], tag: ['team'] }, [{ field: 'tags', message: '"team" is not <key>=<value>. Example: cost-center=cc-42' }]],
    [
      'the same --tag key twice',
      { s3: ['acme-raw/in/'], tag: ['team=data', 'team=bi'] },
      [{ field: 'tags', message: 'repeats the tag key "team"; give each key once. Example: --tag team=bi' }],
    ],
    [
      'a fractional --max-session-duration',
      { s3: ['acme-raw/in/'], 'max-session-duration': '7200.5' },
      [{ field: 'role.maxSessionDuration', message: 'must be a whole number from 3600 to 43200, got the string "7200.5". Example: 7200' }],
    ],
  ])('GIVEN %s THEN it is refused naming the config key', (_, flags, issues) => {
    expect(fromFlags(flags).issues).toEqual(issues);
  });
});
