import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_FLAGS } from '../../src/cli/flags';
import { listFiles, snapshotFiles } from '../helpers/files';
import { runBuiltCli } from '../helpers/run-built-cli';
import { contractExample, ISSUER, KMS_KEY, tempDir, validRawConfig } from '../helpers/fixtures';

const FLAGS = [
  '--region', 'eu-west-1',
  '--cluster', 'payments',
  '--oidc-issuer', ISSUER,
  '--namespace', 'billing',
  '--service-account', 'invoice-exporter',
  '--bucket', 'acme-invoices',
  '--prefix', 'exports/',
  '--access', 'read',
  '--yes',
];

describe('create-irsa (built CLI)', () => {
  it('GIVEN flags THEN it writes the normalized config and the module, and exits 0', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['payments-irsa', ...FLAGS], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(listFiles(join(cwd, 'payments-irsa'))).toEqual([
      '.gitignore',
      'README.md',
      'cdktf.json',
      'generated/create-irsa-manifest.json',
      'generated/payments/data.tf.json',
      'generated/payments/main.tf.json',
      'generated/payments/outputs.tf.json',
      'generated/payments/policies/billing/invoice-exporter/role_trust_relationship.json',
      'generated/payments/policies/billing/invoice-exporter/s3_policy.json',
      'generated/payments/providers.tf.json',
      'irsa.config.json',
      'main.ts',
      'package.json',
      'templates/policies/pod_identity_trust.json.hbs',
      'templates/policies/role_trust_relationship.json.hbs',
      'templates/policies/s3_policy.json.hbs',
      'tsconfig.json',
    ]);
    expect(JSON.parse(readFileSync(join(cwd, 'payments-irsa/irsa.config.json'), 'utf8'))).toEqual({
      region: 'eu-west-1',
      cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true },
      bindings: [
        {
          namespace: 'billing',
          serviceAccount: 'invoice-exporter',
          bucket: 'acme-invoices',
          prefix: 'exports/',
          access: 'read',
          roleName: 'payments-billing-invoice-exporter',
          policyName: 'payments-billing-invoice-exporter-s3',
          terraformName: 'billing_invoice_exporter',
          createNamespace: false,
        },
      ],
    });
    expect(result.stdout).toContain('terraform -chdir=generated/payments init');
  });

  it('GIVEN the written config THEN --config on it reproduces byte-identical output', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['a', ...FLAGS], cwd).status).toBe(0);
    expect(runBuiltCli(['b', '--config', 'a/irsa.config.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'b'))).toEqual(snapshotFiles(join(cwd, 'a')));
    const before = snapshotFiles(join(cwd, 'a'));
    expect(runBuiltCli(['a', '--config', 'a/irsa.config.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'a'))).toEqual(before);
  });

  it('GIVEN the example of every setting THEN two runs write identical files, and its written irsa.config.json regenerates them byte for byte', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'contract.json'), JSON.stringify(contractExample(), null, 2));
    expect(runBuiltCli(['a', '--config', 'contract.json', '--yes'], cwd).status).toBe(0);
    const first = snapshotFiles(join(cwd, 'a'));
    expect(runBuiltCli(['a', '--config', 'contract.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'a'))).toEqual(first);
    expect(runBuiltCli(['b', '--config', 'a/irsa.config.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'b'))).toEqual(first);
    expect(runBuiltCli(['a', '--config', 'a/irsa.config.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'a'))).toEqual(first);
    expect(Object.keys(first).filter((path) => path.startsWith('generated/')).sort()).toEqual([
      'generated/analytics/data.tf.json',
      'generated/analytics/main.tf.json',
      'generated/analytics/outputs.tf.json',
      'generated/analytics/policies/bi/dashboards/role_trust_relationship.json',
      'generated/analytics/policies/bi/dashboards/s3_policy.json',
      'generated/analytics/policies/etl/loader/role_trust_relationship.json',
      'generated/analytics/policies/etl/loader/s3_policy.json',
      'generated/analytics/providers.tf.json',
      'generated/create-irsa-manifest.json',
    ]);
  });

  it('GIVEN the newer flags THEN they become the config keys they name, and a module without Kubernetes', () => {
    const cwd = tempDir();
    const result = runBuiltCli(
      [
        'p',
        '--region', 'eu-west-1',
        '--cluster', 'payments',
        '--namespace', 'etl',
        '--service-account', 'loader',
        '--s3', 'acme-raw/landing:read',
        '--s3', `acme-curated/tables/:read-write@${KMS_KEY}`,
        '--no-create-service-account',
        '--permissions-boundary', 'arn:aws:iam::111122223333:policy/boundary',
        '--role-path', 'irsa',
        '--max-session-duration', '7200',
        '--tag', 'team=data',
        '--tag', 'cost-center=cc-42',
        '--backend-s3-bucket', 'acme-tfstate',
        '--backend-s3-key', 'irsa/payments.tfstate',
        '--backend-s3-dynamodb-table', 'terraform-locks',
        '--yes',
      ],
      cwd,
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('note: --role-path "irsa" was read as "/irsa/"\nnote: --s3 "landing" was read as "landing/"\n');
    expect(JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'))).toEqual({
      region: 'eu-west-1',
      cluster: { name: 'payments', createOidcProvider: true },
      backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', region: 'eu-west-1', encrypt: true, useLockfile: false, dynamodbTable: 'terraform-locks' } },
      tags: { team: 'data', 'cost-center': 'cc-42' },
      role: { path: '/irsa/', permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary', maxSessionDuration: 7200 },
      bindings: [
        {
          namespace: 'etl',
          serviceAccount: 'loader',
          s3: [
            { bucket: 'acme-raw', prefix: 'landing/', access: 'read' },
            { bucket: 'acme-curated', prefix: 'tables/', access: 'read-write', kmsKey: KMS_KEY },
          ],
          roleName: 'payments-etl-loader',
          policyName: 'payments-etl-loader-s3',
          terraformName: 'etl_loader',
          createNamespace: false,
          createServiceAccount: false,
        },
      ],
    });
    const providers = JSON.parse(readFileSync(join(cwd, 'p/generated/payments/providers.tf.json'), 'utf8'));
    expect(Object.keys(providers.provider)).toEqual(['aws']);
    expect(Object.keys(providers.terraform.required_providers)).toEqual(['aws']);
    const outputs = JSON.parse(readFileSync(join(cwd, 'p/generated/payments/outputs.tf.json'), 'utf8'));
    expect(outputs.output.etl_loader_service_account_annotations.value).toEqual({ 'eks.amazonaws.com/role-arn': '${aws_iam_role.etl_loader.arn}' });
  });

  it.each([
    [['--s3', 'acme-raw/'], '--s3 (bindings[0].s3[0]): "acme-raw/" has an empty folder, which would grant the whole bucket; if that is meant, write acme-raw/"".'],
    [['--s3', 'acme-raw/in/:write'], '--s3 (bindings[0].s3[0].access): must be one of "read" or "read-write", got the string "write".'],
    [['--s3', 'acme-raw/in/@arn:aws:kms:eu-west-1:111122223333:alias/data'], '--s3 (bindings[0].s3[0].kmsKey): "arn:aws:kms:eu-west-1:111122223333:alias/data" is not a KMS key ARN'],
    [['--s3', 'acme-raw/in/', '--s3', 'acme-raw/in'], '--s3 (bindings[0].s3[1]): grants s3://acme-raw/in/ again (already in bindings[0].s3[0])'],
    [['--s3', 'acme-raw/in/', '--tag', 'aws:team=data'], '--tag (tags."aws:team"): "aws:team" is not a valid tag key: the prefix "aws:" is reserved by AWS.'],
    [['--s3', 'acme-raw/in/', '--max-session-duration', '43201'], '--max-session-duration (role.maxSessionDuration): must be a whole number from 3600 to 43200, got number 43201.'],
    [['--s3', 'acme-raw/in/', '--backend-s3-bucket', 'acme-tfstate', '--backend-s3-dynamodb-table', 'tf'], '--backend-s3-dynamodb-table (backend.s3.dynamodbTable): "tf" is not a valid DynamoDB table name'],
    [['--s3', 'acme-raw/in/', '--backend-s3-key', 'irsa/payments.tfstate'], '--backend-s3-bucket (backend.s3.bucket): is required. Example: acme-tfstate'],
  ])('GIVEN the bad flags %j THEN it names the flag and the config key, exits 2 and writes nothing', (flags, fragment) => {
    const cwd = tempDir();
    const result = runBuiltCli(['out', '--region', 'eu-west-1', '--cluster', 'payments', '--service-account', 'loader', ...flags, '--yes'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(fragment);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('GIVEN --backend-s3-bucket alone THEN the state file is named after the cluster', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['p', '--region', 'eu-west-1', '--cluster', 'payments', '--service-account', 'loader', '--s3', 'acme-raw/in/', '--backend-s3-bucket', 'acme-tfstate', '--yes'], cwd);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8')).backend.s3.key).toBe('irsa/payments.tfstate');
  });

  it('GIVEN an existing project THEN flags for another service account add a binding, and keep the others', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const added = runBuiltCli(['p', '--namespace', 'reporting', '--service-account', 'report-writer', '--bucket', 'acme-reports', '--prefix', 'monthly/', '--yes'], cwd);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('This adds the binding of reporting/report-writer to the 1 already in p.');
    const config = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
    expect(config.cluster).toEqual({ name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true });
    expect(config.bindings.map((binding: { serviceAccount: string }) => binding.serviceAccount)).toEqual(['invoice-exporter', 'report-writer']);
    expect(listFiles(join(cwd, 'p/generated/payments/policies'))).toHaveLength(4);

    const replaced = runBuiltCli(['p', '--namespace', 'billing', '--service-account', 'invoice-exporter', '--bucket', 'acme-invoices', '--prefix', 'imports/', '--yes'], cwd);
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toContain('This replaces the binding of billing/invoice-exporter in p, keeping the 1 other(s).');
    const after = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
    expect(after.bindings.map((binding: { prefix: string }) => binding.prefix)).toEqual(['imports/', 'monthly/']);
  });

  it('GIVEN an existing project THEN flags for another cluster are refused and nothing changes', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const before = snapshotFiles(join(cwd, 'p'));
    const result = runBuiltCli(['p', ...FLAGS.map((value) => (value === 'payments' ? 'checkout' : value))], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: invalid input; nothing was written.\n' +
        '  - --cluster (cluster.name): is "payments" in the project p, but --cluster says "checkout". ' +
        'A project holds one cluster: for checkout in eu-west-1, choose another folder. Example: checkout-irsa\n',
    );
    expect(snapshotFiles(join(cwd, 'p'))).toEqual(before);
  });

  describe('GIVEN an existing project, flags that add a binding', () => {
    const OTHER_ISSUER = ISSUER.replace('0123456789ABCDEF0123456789ABCDEF', 'FEDCBA9876543210FEDCBA9876543210');
    const ANOTHER_BINDING = ['--namespace', 'reporting', '--service-account', 'report-writer', '--s3', 'acme-reports/monthly/', '--yes'];
    const projectHint = (key: string) => `It is a project setting, shared by every binding: to change it, set "${key}" in p/irsa.config.json and run create-irsa p --config p/irsa.config.json`;

    it.each<[string[], string]>([
      [['--region', 'us-east-1'], '--region (region): is "eu-west-1" in the project p, but --region says "us-east-1". A project holds one cluster'],
      [['--no-create-oidc-provider'], `--create-oidc-provider (cluster.createOidcProvider): is true in the project p, but --create-oidc-provider says false. ${projectHint('cluster.createOidcProvider')}`],
      [['--oidc-issuer', OTHER_ISSUER], `--oidc-issuer (cluster.oidcIssuer): is "${ISSUER}" in the project p, but --oidc-issuer says "${OTHER_ISSUER}". ${projectHint('cluster.oidcIssuer')}`],
      [['--oidc-issuer', ''], `--oidc-issuer (cluster.oidcIssuer): is "${ISSUER}" in the project p, but --oidc-issuer says not set. ${projectHint('cluster.oidcIssuer')}`],
      [['--tag', 'team=data'], `--tag (tags): is {} in the project p, but --tag says {"team":"data"}. ${projectHint('tags')}`],
      [['--role-path', '/irsa/'], `--role-path (role.path): is not set in the project p, but --role-path says "/irsa/". ${projectHint('role.path')}`],
      [['--permissions-boundary', 'arn:aws:iam::111122223333:policy/boundary'], '--permissions-boundary (role.permissionsBoundary): is not set in the project p'],
      [['--max-session-duration', '7200'], `--max-session-duration (role.maxSessionDuration): is not set in the project p, but --max-session-duration says 7200. ${projectHint('role.maxSessionDuration')}`],
      [['--backend-s3-bucket', 'acme-tfstate', '--backend-s3-key', 'irsa/payments.tfstate'], '--backend-s3-bucket (backend.s3.bucket): is not set in the project p'],
      [['--format', 'hcl'], `--format (format): is "json" in the project p, but --format says "hcl". ${projectHint('format')}`],
    ])('%j that changes a project-wide setting is refused, exit 2, nothing written', (flags, message) => {
      const cwd = tempDir();
      expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
      const before = snapshotFiles(join(cwd, 'p'));
      const result = runBuiltCli(['p', ...flags, ...ANOTHER_BINDING], cwd);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('error: invalid input; nothing was written.');
      expect(result.stderr).toContain(message);
      expect(snapshotFiles(join(cwd, 'p'))).toEqual(before);
    });

    it('that repeat the project-wide settings as they are, are accepted and keep them', () => {
      const cwd = tempDir();
      const settings = ['--tag', 'team=data', '--tag', 'cost-center=cc-42', '--role-path', '/irsa/', '--max-session-duration', '7200', '--no-create-oidc-provider'];
      expect(runBuiltCli(['p', ...FLAGS, ...settings], cwd).status).toBe(0);
      // The same tags in another order are the same tags.
      const again = ['--tag', 'cost-center=cc-42', '--tag', 'team=data', ...settings.slice(4)];
      const result = runBuiltCli(['p', '--region', 'eu-west-1', '--cluster', 'payments', '--oidc-issuer', ISSUER, ...again, ...ANOTHER_BINDING], cwd);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const config = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
      expect(config.tags).toEqual({ team: 'data', 'cost-center': 'cc-42' });
      expect(config.role).toEqual({ path: '/irsa/', maxSessionDuration: 7200 });
      expect(config.bindings.map((binding: { serviceAccount: string }) => binding.serviceAccount)).toEqual(['invoice-exporter', 'report-writer']);
    });

    it("that leave the project-wide settings out, keep the project's", () => {
      const cwd = tempDir();
      const settings = ['--tag', 'team=data', '--backend-s3-bucket', 'acme-tfstate', '--backend-s3-key', 'irsa/payments.tfstate', '--permissions-boundary', 'arn:aws:iam::111122223333:policy/boundary'];
      expect(runBuiltCli(['p', ...FLAGS, ...settings], cwd).status).toBe(0);
      const before = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
      expect(runBuiltCli(['p', ...ANOTHER_BINDING], cwd).status).toBe(0);
      const after = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
      const { bindings: _before, ...projectBefore } = before;
      const { bindings: _after, ...projectAfter } = after;
      expect(projectAfter).toEqual(projectBefore);
      expect(after.bindings).toHaveLength(2);
    });
  });

  it('GIVEN a YAML config with several bindings THEN every binding gets its policies', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'irsa.yaml'),
      [
        'region: eu-west-1',
        'cluster: { name: payments }',
        'bindings:',
        '  - { namespace: billing, serviceAccount: invoice-exporter, bucket: acme-invoices, prefix: exports/ }',
        '  - { namespace: reporting, serviceAccount: report-writer, bucket: acme-reports, prefix: "", access: read-write }',
      ].join('\n'),
    );
    const result = runBuiltCli(['out', '--config', 'irsa.yaml'], cwd);
    expect(result.status).toBe(0);
    expect(listFiles(join(cwd, 'out/generated/payments/policies'))).toEqual([
      'billing/invoice-exporter/role_trust_relationship.json',
      'billing/invoice-exporter/s3_policy.json',
      'reporting/report-writer/role_trust_relationship.json',
      'reporting/report-writer/s3_policy.json',
    ]);
    const whole = JSON.parse(readFileSync(join(cwd, 'out/generated/payments/policies/reporting/report-writer/s3_policy.json'), 'utf8'));
    expect(whole.Statement[1].Resource).toBe('arn:aws:s3:::acme-reports/*');
  });

  it('GIVEN invalid flags THEN it names each flag, its rule and an example, exits 2 and writes nothing', () => {
    const cwd = tempDir();
    const args = FLAGS.map((value) => (value === 'billing' ? 'Billing' : value === 'exports/' ? 'exports/*' : value));
    const result = runBuiltCli(['out', ...args], cwd);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: invalid input; nothing was written.');
    expect(result.stderr).toContain('--namespace (bindings[0].namespace): "Billing" is not a valid namespace');
    expect(result.stderr).toContain('Example: billing');
    // The rule quotes what was typed, not the folder it would have been read as ("exports/*/").
    expect(result.stderr).toContain('--prefix (bindings[0].prefix): "exports/*" is not a valid prefix: it must not contain the IAM wildcards');
    expect(result.stderr).not.toContain('exports/*/');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('GIVEN missing flags and no terminal THEN it lists exactly the missing flags and exits 2', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['out', '--region', 'eu-west-1', '--namespace', 'billing'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Missing --cluster, --service-account, --s3 (or --bucket and --prefix), and there is no terminal to ask for them. ' +
        'Pass them as flags (see create-irsa --help) or use --config <file>.\n',
    );
    expect(listFiles(cwd)).toEqual([]);
  });

  it('GIVEN a config file with a typo in a key THEN it is an error naming the key', () => {
    const cwd = tempDir();
    const raw = validRawConfig();
    (raw.bindings as Array<Record<string, unknown>>)[0].serviceAcount = 'x';
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(raw));
    const result = runBuiltCli(['out', '--config', 'c.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bindings[0].serviceAcount: is not a known setting; did you mean "serviceAccount"?');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it.each([
    ['a key with a terminal escape sequence', 'c.yaml', 'region: eu-west-1\ncluster: {name: p}\nbindings:\n  - {namespace: a, serviceAccount: b, bucket: abc, prefix: "", "\\e[31mEVIL": 1}\n', 'bindings[0]."\\u001b[31mEVIL": is not a known setting'],
    ['malformed JSON around an escape character', 'c.json', '{"region": \u001b[31m}', "Unexpected token '\\u001b'"],
  ])('GIVEN %s THEN the error shows it escaped, never as a raw control character', (_, file, text, fragment) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, file), text);
    const result = runBuiltCli(['out', '--config', file], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(fragment);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('GIVEN malformed JSON THEN it points at the line and exits 2', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), '{\n  "region": "eu-west-1",\n}\n');
    const result = runBuiltCli(['out', '--config', 'c.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/c\.json at line 3, column 1: not valid JSON/);
  });

  it.each([
    [['--prefix', 'logs/', '--prefix', ''], '--prefix is given more than once; give it once.'],
    [['--format', 'json', '--format', 'hcl'], '--format is given more than once; give it once.'],
    [['--no-create-service-account', '--create-service-account'], 'contradict'],
    [['--bogus'], 'unknown flag --bogus.'],
    [['--prefx', 'a/'], 'unknown flag --prefx; did you mean --prefix?'],
    [['--prefix'], '--prefix needs a value. Example: --prefix exports/.'],
    [['--prefix', 'a/', '--prefix', ''], '--prefix is given more than once; give it once.'],
    [['a', 'b'], 'Expected at most one folder'],
    [['--config', 'c.json', '--region', 'eu-west-1'], '--config cannot be combined with --region'],
    [['--create-namespace', '--no-create-namespace'], 'contradict'],
  ])('GIVEN the usage error %j THEN it exits 2 with a message', (args, fragment) => {
    const result = runBuiltCli(args, tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(fragment);
  });

  it('GIVEN a non-empty folder that is not a create-irsa project THEN it refuses without --force, and writes with it', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'main.tf'), 'resource "x" "y" {}\n');
    const refused = runBuiltCli(['out', ...FLAGS], cwd);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('is not empty and is not a create-irsa project');
    expect(listFiles(join(cwd, 'out'))).toEqual(['main.tf']);
    expect(runBuiltCli(['out', ...FLAGS, '--force'], cwd).status).toBe(0);
    expect(listFiles(join(cwd, 'out'))).toContain('main.tf');
    expect(listFiles(join(cwd, 'out'))).toContain('irsa.config.json');
  });

  it('GIVEN a project template override THEN the policies come from it', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    mkdirSync(join(cwd, 'p/templates/policies'), { recursive: true });
    const bundled = readFileSync(join(__dirname, '../../templates/policies/s3_policy.json.hbs'), 'utf8');
    writeFileSync(join(cwd, 'p/templates/policies/s3_policy.json.hbs'), bundled.replace('"ReadObjects"', '"ReadInvoiceExports"'));
    expect(runBuiltCli(['p', '--config', 'p/irsa.config.json'], cwd).status).toBe(0);
    const policy = JSON.parse(readFileSync(join(cwd, 'p/generated/payments/policies/billing/invoice-exporter/s3_policy.json'), 'utf8'));
    expect(policy.Statement[1].Sid).toBe('ReadInvoiceExports');
  });

  it('GIVEN a broken template override THEN it names the template, exits 2 and keeps the previous output', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const before = snapshotFiles(join(cwd, 'p'));
    mkdirSync(join(cwd, 'p/templates/policies'), { recursive: true });
    writeFileSync(join(cwd, 'p/templates/policies/role_trust_relationship.json.hbs'), '{ "Version": {{json versoin}} }');
    const result = runBuiltCli(['p', '--config', 'p/irsa.config.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Policy template templates/policies/role_trust_relationship.json.hbs is broken');
    const after = snapshotFiles(join(cwd, 'p'));
    delete after['templates/policies/role_trust_relationship.json.hbs'];
    delete before['templates/policies/role_trust_relationship.json.hbs'];
    expect(after).toEqual(before);
  });

  it('GIVEN values that need normalizing THEN the normalized values are shown', () => {
    const cwd = tempDir();
    const args = FLAGS.map((value) => (value === 'exports/' ? 'exports' : value === ISSUER ? `${ISSUER}/` : value));
    const result = runBuiltCli(['out', ...args], cwd);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('note: --prefix "exports" was read as "exports/"');
    expect(result.stderr).toContain(`note: --oidc-issuer "${ISSUER}/" was read as "${ISSUER}"`);
  });

  it('--help lists every flag with its config key and an example', () => {
    const result = runBuiltCli(['--help'], tempDir());
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    for (const flag of FIELD_FLAGS) {
      const name = `--${flag.type === 'boolean' ? '[no-]' : ''}${flag.name}${flag.type === 'boolean' ? '' : ' <value>'}`;
      const at = lines.findIndex((line) => line.startsWith(`  ${name} `));
      expect({ flag: flag.name, found: at >= 0 }).toEqual({ flag: flag.name, found: true });
      // The name, at least one space, the description; on the next line the config key and an example.
      expect(lines[at]).toMatch(new RegExp(`^  ${name.replace(/[[\]]/g, '\\$&')} +\\S`));
      expect(lines[at]).toContain(flag.description);
      expect(lines[at + 1].trim()).toBe(`config: ${flag.field.path}   e.g. ${flag.type === 'boolean' ? flag.example : `--${flag.name} ${flag.example}`}`);
      if (flag.repeatable) expect(lines[at]).toContain(', repeatable');
    }
    expect(result.stdout).not.toContain('repeatable, repeatable');
    for (const [flag, key] of [
      ['--s3', 'bindings[].s3'],
      ['--[no-]create-service-account', 'bindings[].createServiceAccount'],
      ['--permissions-boundary', 'role.permissionsBoundary'],
      ['--role-path', 'role.path'],
      ['--max-session-duration', 'role.maxSessionDuration'],
      ['--tag', 'tags'],
      ['--backend-s3-bucket', 'backend.s3.bucket'],
      ['--backend-s3-key', 'backend.s3.key'],
      ['--backend-s3-region', 'backend.s3.region'],
      ['--backend-s3-dynamodb-table', 'backend.s3.dynamodbTable'],
      ['--identity', 'bindings[].identity'],
      ['--format', 'format'],
    ]) {
      const at = lines.findIndex((line) => line.startsWith(`  ${flag} `));
      expect(lines[at + 1]).toContain(`config: ${key} `);
    }
    for (const flag of ['--config', '--yes', '--force', '--help', '--version']) expect(result.stdout).toContain(flag);
  });

  it('--help marks as required exactly the flags that have no default here', () => {
    const withoutRegion = runBuiltCli(['--help'], tempDir(), { AWS_REGION: '', AWS_DEFAULT_REGION: '' }).stdout;
    const required = withoutRegion.split('\n').filter((line) => line.includes('(required)')).map((line) => line.trim().split(' ')[0]);
    expect(required).toEqual(['--region', '--cluster', '--service-account', '--bucket', '--prefix']);
    const withRegion = runBuiltCli(['--help'], tempDir(), { AWS_REGION: 'eu-west-1' }).stdout;
    expect(withRegion).not.toMatch(/--region .*\(required\)/);
  });

  it('--version prints the package version', () => {
    const result = runBuiltCli(['--version'], tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${require('../../package.json').version}\n`);
  });
});

/** Anything that would act on a terminal, hide text or reorder it. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('nothing raw reaches the terminal', () => {
  it.each([
    [
      'an unresolved tag',
      'region: !evil eu-west-1\ncluster: {name: p}\nbindings: [{namespace: a, serviceAccount: b, bucket: abc, prefix: ""}]\n',
      'c.yaml at line 1, column 9: not accepted: a config file is plain YAML, without tags or directives (Unresolved tag: !evil)\n',
    ],
    [
      'an unresolved tag before an escape sequence',
      'region: !x \u001b]0;pwned\u0007eu-west-1\n',
      'c.yaml at line 1, column 9: not accepted: a config file is plain YAML, without tags or directives (Unresolved tag: !x)\n',
    ],
    [
      'an unknown directive',
      '%FOO \u001b[31mbar\n---\nregion: eu-west-1\n',
      'c.yaml at line 1, column 1: not accepted: a config file is plain YAML, without tags or directives (Unknown directive %FOO)\n',
    ],
  ])('GIVEN a YAML config with %s THEN one clean error, no library warning quoting the source', (_, text, error) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.yaml'), text);
    const result = runBuiltCli(['out', '--config', 'c.yaml'], cwd);
    expect(result.status).toBe(2);
    // The file is named as it was given.
    expect(result.stderr).toBe(`error: ${error}`);
    expect(result.stdout).toBe('');
    expect(listFiles(cwd)).toEqual(['c.yaml']);
  });

  it.each([
    ['spaces', 'my project', "  cd 'my project'\n"],
    ['a shell metacharacter', 'a;b', "  cd 'a;b'\n"],
    ['an escape sequence', 'out \u001b[31mred', "  cd $'out \\u001b[31mred'\n"],
    ['a bidi override', 'out\u202etxt.exe', "  cd $'out\\u202etxt.exe'\n"],
  ])('GIVEN a folder name with %s THEN stdout shows it escaped, and the cd line quoted for the shell', (_, dir, cdLine) => {
    const cwd = tempDir();
    const result = runBuiltCli([dir, ...FLAGS], cwd);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(cdLine);
    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(listFiles(join(cwd, dir))).toContain('irsa.config.json');
  });

  it('GIVEN a 5 MB value in a config file THEN the error quotes its first 60 characters and its length', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(validRawConfig({ region: `\u001b[2J${'x'.repeat(5_000_000)}` })));
    const result = runBuiltCli(['out', '--config', 'c.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`  - region: "\\u001b[2J${'x'.repeat(56)}"…(5000004 characters) is not an AWS region code`);
    expect(result.stderr.length).toBeLessThan(500);
    expect(result.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('GIVEN a 120 KB flag value THEN the error is short', () => {
    const result = runBuiltCli(['out', ...FLAGS.map((value) => (value === 'billing' ? `b${'\u202e'.repeat(40_000)}` : value))], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--namespace (bindings[0].namespace): "b${'\\u202e'.repeat(59)}"…(40001 characters) is not a valid namespace`);
    expect(result.stderr.length).toBeLessThan(1000);
  });

  it('GIVEN AWS_REGION with an escape sequence THEN the error shows it escaped', () => {
    const args = FLAGS.filter((value, index) => value !== '--region' && FLAGS[index - 1] !== '--region');
    const result = runBuiltCli(['out', ...args], tempDir(), { AWS_REGION: 'eu-west-1\u001b]0;pwned\u0007' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--region (region): "eu-west-1\\u001b]0;pwned\\u0007" is not an AWS region code');
    expect(result.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('GIVEN an unknown flag with an escape sequence THEN it is named escaped', () => {
    const result = runBuiltCli(['--\u001b[31mbogus'], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: unknown flag --\\u001b[31mbogus. Run create-irsa --help for the list of flags.\n');
    expect(result.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('GIVEN a project template that links to a secret file THEN it is refused, exit 2, and nothing of the file is shown', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const before = snapshotFiles(join(cwd, 'p'));
    writeFileSync(join(cwd, 'secret'), '{ "aws_secret_access_key": TOP-SECRET }');
    rmSync(join(cwd, 'p/templates/policies/s3_policy.json.hbs'));
    symlinkSync(join(cwd, 'secret'), join(cwd, 'p/templates/policies/s3_policy.json.hbs'));
    const result = runBuiltCli(['p', '--config', 'p/irsa.config.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Policy template templates/policies/s3_policy.json.hbs is refused: it is a symbolic link; a template must be a regular file inside the project; nothing was written.\n',
    );
    delete before['templates/policies/s3_policy.json.hbs'];
    const after = snapshotFiles(join(cwd, 'p'));
    delete after['templates/policies/s3_policy.json.hbs'];
    expect(after).toEqual(before);
  });

  it('GIVEN a template that renders to invalid JSON THEN the error gives the position, not the text', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    writeFileSync(join(cwd, 'p/templates/policies/s3_policy.json.hbs'), '{\n  "Version": TOP-SECRET\u001b[31m\n}\n');
    const result = runBuiltCli(['p', '--config', 'p/irsa.config.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Policy template templates/policies/s3_policy.json.hbs is broken: it did not render to valid JSON: line 2, column 14: expected a value (an object, list, string, number, true, false or null); nothing was written.\n',
    );
  });
});

describe('the repository example', () => {
  it('generated/ is what the example config produces (run npm run generate after a change)', () => {
    const cwd = tempDir();
    cpSync(join(__dirname, '../../irsa.config.json'), join(cwd, 'irsa.config.json'));
    expect(runBuiltCli(['.', '--config', 'irsa.config.json', '--yes'], cwd).status).toBe(0);
    const repo = join(__dirname, '../..');
    expect(snapshotFiles(join(cwd, 'generated'))).toEqual(snapshotFiles(join(repo, 'generated')));
    expect(readFileSync(join(cwd, 'irsa.config.json'), 'utf8')).toBe(readFileSync(join(repo, 'irsa.config.json'), 'utf8'));
  });
});
