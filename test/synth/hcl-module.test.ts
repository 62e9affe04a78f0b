/**
 * The HCL format of a generated module: it reads back, with HashiCorp's HCL parser, to exactly the
 * configuration of the JSON format, and `terraform fmt` leaves it as it is.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import fc from 'fast-check';
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { planCluster } from '../../src/plan/cluster-plan';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { clusterModuleFiles, GeneratedFile } from '../../src/synth/module-files';
import { synthesizeClusterStack } from '../../src/synth/synthesize-stack';
import * as arb from '../helpers/arbitraries';
import { tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { parseHclModule, providerSchemaBlocks, toHcl2JsonShape } from '../helpers/hcl-equivalence';

const templates = loadPolicyTemplates();
const repo = join(__dirname, '../..');
const exampleConfig = parseConfig(JSON.parse(readFileSync(join(repo, 'irsa.config.json'), 'utf8'))).config;
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) };

/** Provider schema blocks of every resource and data source create-irsa writes (both OIDC provider modes). */
const schemaBlocks = providerSchemaBlocks(
  [exampleConfig, parseConfig(validRawConfig({ cluster: { oidcIssuer: undefined, createOidcProvider: false } })).config].map((config) =>
    planCluster(config, templates),
  ),
);

function bothFormats(config: typeof exampleConfig) {
  const plan = planCluster(config, templates);
  const terraform = synthesizeClusterStack(plan);
  return { terraform, hcl: clusterModuleFiles(plan, terraform, 'hcl') };
}

async function expectSameConfiguration(terraform: Record<string, unknown>, hcl: readonly GeneratedFile[]): Promise<void> {
  expect(await parseHclModule(hcl)).toStrictEqual(toHcl2JsonShape(terraform, schemaBlocks));
}

async function expectFormatted(files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files.filter((candidate) => candidate.path.endsWith('.tf'))) {
    expect([file.path, await format(file.content)]).toEqual([file.path, file.content]);
  }
}

/** Parses a raw config; undefined when it is rejected. */
function accepted(raw: unknown) {
  try {
    return parseConfig(raw).config;
  } catch (error) {
    if (error instanceof InvalidConfigError) return undefined;
    throw error;
  }
}

describe('the HCL format of the example config (irsa.config.json)', () => {
  const files = generateModules(exampleConfig, templates, 'hcl');
  const byPath = new Map(files.map((file) => [file.path, file.content]));

  it('is laid out as the JSON format, in .tf files, with the same policy review copies', () => {
    const json = generateModules(exampleConfig, templates, 'json');
    expect(files.map((file) => file.path)).toEqual(json.map((file) => file.path.replace(/\.tf\.json$/, '.tf')));
    expect(files.map((file) => file.path).slice(0, 4)).toEqual(['payments/data.tf', 'payments/main.tf', 'payments/outputs.tf', 'payments/providers.tf']);
    expect(files.filter((file) => file.path.includes('/policies/'))).toEqual(json.filter((file) => file.path.includes('/policies/')));
  });

  it('reads back to the same configuration as the JSON format', async () => {
    const { terraform, hcl } = bothFormats(exampleConfig);
    await expectSameConfiguration(terraform, hcl);
  });

  it('is left unchanged by the HCL formatter terraform fmt uses', async () => {
    await expectFormatted(files);
  });

  it('reads like hand-written Terraform: references bare, policies as jsonencode, blocks as blocks', () => {
    const main = byPath.get('payments/main.tf')!;
    expect(main).toContain('  role       = aws_iam_role.billing_invoice_exporter.name\n');
    expect(main).toContain('  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n');
    expect(main).toContain('          Federated = "${aws_iam_openid_connect_provider.this.arn}"\n');
    expect(main).toContain(
      '  metadata {\n    name      = "invoice-exporter"\n    namespace = "billing"\n\n    annotations = {\n      "eks.amazonaws.com/role-arn" = aws_iam_role.billing_invoice_exporter.arn\n    }\n  }\n',
    );
    expect(byPath.get('payments/data.tf')).toContain('  lifecycle {\n    postcondition {\n      condition     = trimsuffix(');
    expect(byPath.get('payments/providers.tf')).toMatch(/^terraform \{\n {2}required_version = ">= 1\.5\.0"\n\n {2}backend "local" \{\n/);
  });

  it('is byte-identical from run to run', () => {
    expect(generateModules(exampleConfig, templates, 'hcl')).toEqual(files);
  });

  const terraformBinary = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const withTerraform = terraformBinary.status === 0 ? it : it.skip;
  withTerraform('passes `terraform fmt -check` (when terraform is installed)', () => {
    const dir = tempDir('create-irsa-hcl-');
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
    const result = spawnSync('terraform', ['fmt', '-check', '-recursive', '-diff', dir], {
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('the HCL format of every accepted config', () => {
  it('reads back to the same configuration as the JSON format, and is formatted (1 to 8 bindings)', async () => {
    await fc.assert(
      fc.asyncProperty(arb.rawConfig(8), async (raw) => {
        const config = accepted(raw);
        if (!config) return;
        const { terraform, hcl } = bothFormats(config);
        await expectSameConfiguration(terraform, hcl);
        await expectFormatted(hcl);
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });

  const oddValues = fc.oneof(
    arb.typedPrefix,
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('', '${aws_iam_role.x.arn}', '$${x}', '%{ if true }x%{ endif }', 'a"b/', 'a\\b/', 'é/日/', '\u202e/', '{}/', '$/%/'),
  );

  it.each([
    ['bindings[0].prefix', (value: string) => validRawConfig({ bindings: [validRawBinding({ prefix: value })] })],
    ['cluster.name', (value: string) => validRawConfig({ cluster: { name: value } })],
    ['bindings[0].roleName', (value: string) => validRawConfig({ bindings: [validRawBinding({ roleName: value })] })],
  ])('GIVEN odd values in %s THEN whatever is accepted reads back the same and is formatted', async (_field, configWith) => {
    await fc.assert(
      fc.asyncProperty(oddValues, async (value) => {
        const config = accepted(configWith(value));
        if (!config) return;
        const { terraform, hcl } = bothFormats(config);
        await expectSameConfiguration(terraform, hcl);
        await expectFormatted(hcl);
      }),
      RUNS,
    );
  });

  it('GIVEN no issuer and an existing OIDC provider THEN the locals and data source read back the same', async () => {
    const { terraform, hcl } = bothFormats(parseConfig(validRawConfig({ cluster: { oidcIssuer: undefined, createOidcProvider: false } })).config);
    expect(terraform).toHaveProperty('locals');
    await expectSameConfiguration(terraform, hcl);
    await expectFormatted(hcl);
  });
});
