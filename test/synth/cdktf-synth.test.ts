import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripCdktfMetadata } from '../../src/synth/cdktf-metadata';
import { tempDir } from '../helpers/fixtures';

const repo = join(__dirname, '../..');

describe('the repository as a CDKTF app', () => {
  it('`cdktf synth` writes the same Terraform as the committed generated/payments/, which leaves out CDKTF\'s "//" metadata', () => {
    const outdir = tempDir('create-irsa-cdktf-out-');
    const cli = join(repo, 'node_modules/cdktf-cli/bundle/bin/cdktf');
    const result = spawnSync(process.execPath, [cli, 'synth', '--output', outdir], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' },
      timeout: 120000,
    });
    expect(result.stdout).toContain('Generated Terraform code for the stacks: payments');
    expect(result.status).toBe(0);

    const synthesized = JSON.parse(readFileSync(join(outdir, 'stacks/payments/cdk.tf.json'), 'utf8'));
    const moduleDir = join(repo, 'generated/payments');
    const union = Object.assign(
      {},
      ...readdirSync(moduleDir)
        .filter((name) => name.endsWith('.tf.json'))
        .map((name) => JSON.parse(readFileSync(join(moduleDir, name), 'utf8'))),
    );
    expect(synthesized).toHaveProperty(['//']);
    expect(JSON.stringify(union)).not.toContain('"//"');
    expect(union).toStrictEqual(stripCdktfMetadata(synthesized));
  });
});
