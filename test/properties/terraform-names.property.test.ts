/**
 * Property-based tests of Terraform names: any set of valid names synthesizes with distinct
 * addresses, and adding a binding to a project never changes the addresses of the bindings it has.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import * as arb from '../helpers/arbitraries';
import { ISSUER, tempDir } from '../helpers/fixtures';
import { runInProcess } from '../helpers/in-process-cli';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const templates = loadPolicyTemplates();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

const RESOURCE_TYPES = ['aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy_attachment', 'kubernetes_service_account_v1'];
const OUTPUT_SUFFIXES = ['_role_arn', '_policy_arn', '_service_account'];

function rawConfig(bindings: readonly Record<string, unknown>[]) {
  return { region: 'eu-west-1', cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true }, bindings };
}

/** The union of the module's *.tf.json files. */
function terraformOf(files: ReadonlyArray<{ path: string; content: string }>): Json {
  return Object.assign({}, ...files.filter((file) => file.path.endsWith('.tf.json')).map((file) => JSON.parse(file.content)));
}

/** Every address the module defines: `<type>.<name>`, `data.<type>.<name>`, `local.<name>`, `output.<name>`. */
function addresses(terraform: Json): string[] {
  const nested = (kind: string, prefix: string) =>
    Object.entries((terraform[kind] ?? {}) as Json).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${prefix}${type}.${name}`));
  return [
    ...nested('resource', ''),
    ...nested('data', 'data.'),
    ...Object.keys(terraform.locals ?? {}).map((name) => `local.${name}`),
    ...Object.keys(terraform.output ?? {}).map((name) => `output.${name}`),
  ];
}

/** The addresses that belong to the binding named `name`. */
function bindingAddresses(name: string): string[] {
  return [...RESOURCE_TYPES.map((type) => `${type}.${name}`), ...OUTPUT_SUFFIXES.map((suffix) => `output.${name}${suffix}`)];
}

/** `<namespace>/<serviceAccount>` → Terraform name, as the project's config records it. */
function recordedNames(projectDir: string): Map<string, string> {
  const config = JSON.parse(readFileSync(join(projectDir, 'irsa.config.json'), 'utf8'));
  return new Map(config.bindings.map((binding: Json) => [`${binding.namespace}/${binding.serviceAccount}`, binding.terraformName]));
}

function projectAddresses(projectDir: string): Set<string> {
  const dir = join(projectDir, 'generated', 'payments');
  const files = ['main.tf.json', 'outputs.tf.json', 'data.tf.json'].map((name) => ({ path: name, content: readFileSync(join(dir, name), 'utf8') }));
  return new Set(addresses(terraformOf(files)));
}

describe('Terraform names', () => {
  it('GIVEN any valid names, colliding ones included THEN the module synthesizes and every binding has its own addresses', () => {
    fc.assert(
      fc.property(arb.collidingBindings(8), (bindings) => {
        const { config } = parseConfig(rawConfig(bindings));
        const terraform = terraformOf(generateModules(config, templates));
        const all = addresses(terraform);
        expect(new Set(all).size).toBe(all.length);
        for (const type of RESOURCE_TYPES) expect(Object.keys(terraform.resource[type])).toHaveLength(bindings.length);
        expect(Object.keys(terraform.output)).toHaveLength(3 * bindings.length + 1);

        const roles = terraform.resource.aws_iam_role as Json;
        const names = Object.keys(roles);
        bindings.forEach((binding, index) => {
          const name = names.find((candidate) => roles[candidate].name === `role-${index}`) as string;
          if (binding.terraformName !== undefined) expect(name).toBe(binding.terraformName);
          for (const address of bindingAddresses(name)) expect(all).toContain(address);
          expect(terraform.resource.kubernetes_service_account_v1[name].metadata.name).toBe(binding.serviceAccount);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('GIVEN a project WHEN a binding is added (flags, or a config file without names) THEN no existing address changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        arb.collidingBindings(5),
        arb.collidingSubject,
        fc.constantFrom('flags', 'config file', 'config file of 0.1'),
        fc.nat(),
        async (bindings, added, how, position) => {
          fc.pre(!bindings.some((binding) => binding.namespace === added.namespace && binding.serviceAccount === added.serviceAccount));
          const cwd = tempDir();
          const project = join(cwd, 'project');
          writeFileSync(join(cwd, 'first.json'), JSON.stringify(rawConfig(bindings)));
          const first = await runInProcess(['project', '--config', 'first.json', '--yes'], cwd);
          expect(first.stderr).toBe('');
          const before = recordedNames(project);
          const addressesBefore = projectAddresses(project);

          const newBinding = { ...added, bucket: 'acme-new', prefix: 'new/', roleName: 'role-new', policyName: 'policy-new' };
          let second;
          if (how === 'flags') {
            const flags = ['--region', 'eu-west-1', '--cluster', 'payments', '--oidc-issuer', ISSUER, '--namespace', added.namespace,
              '--service-account', added.serviceAccount, '--bucket', 'acme-new', '--prefix', 'new/', '--role-name', 'role-new', '--policy-name', 'policy-new', '--yes'];
            second = await runInProcess(['project', ...flags], cwd);
          } else {
            if (how === 'config file of 0.1') {
              // A project written by 0.1: its config records no names.
              const written = JSON.parse(readFileSync(join(project, 'irsa.config.json'), 'utf8'));
              for (const binding of written.bindings) delete binding.terraformName;
              writeFileSync(join(project, 'irsa.config.json'), JSON.stringify(written));
            }
            // Hand-written: the old bindings without their names, the new one anywhere.
            const handWritten = bindings.map(({ terraformName: _, ...binding }) => binding) as Record<string, unknown>[];
            handWritten.splice(position % (handWritten.length + 1), 0, newBinding);
            writeFileSync(join(cwd, 'second.json'), JSON.stringify(rawConfig(handWritten)));
            second = await runInProcess(['project', '--config', 'second.json', '--yes'], cwd);
          }
          // A new binding may only be refused for a name of its own that is taken; here it has none.
          expect(second.stderr).toBe('');
          const after = recordedNames(project);
          for (const [subject, name] of before) expect({ subject, name: after.get(subject) }).toEqual({ subject, name });
          const addressesAfter = projectAddresses(project);
          for (const address of addressesBefore) expect(addressesAfter).toContain(address);
          expect(addressesAfter.size).toBe(addressesBefore.size + 7);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
