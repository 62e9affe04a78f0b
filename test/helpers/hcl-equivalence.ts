/**
 * Reads HCL back with HashiCorp's HCL parser (@cdktf/hcl2json) and brings the Terraform JSON of the
 * same module into the shape that parser gives, so the two can be compared. hcl2json writes every
 * block as a list of bodies and every expression as a `${...}` string; literal strings come back in
 * template form (`$${` kept), as in Terraform JSON.
 *
 * Which keys are blocks is known here independently of the printer: the Terraform language's own
 * blocks from its documentation, and provider schema blocks from the CDKTF provider bindings,
 * which were generated from the providers' schemas (`isBlock` in `toHclTerraform()`).
 */
import { parse } from '@cdktf/hcl2json';
import { App, TerraformStack, TerraformDataSource, TerraformProvider, TerraformResource } from 'cdktf';
import { DataAwsEksAddon } from '@cdktf/provider-aws/lib/data-aws-eks-addon';
import { ClusterPlan } from '../../src/plan/cluster-plan';
import { IrsaClusterStack } from '../../src/stacks/irsa-cluster-stack';
import { GeneratedFile } from '../../src/synth/module-files';
import { tempDir } from './fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The language's blocks inside a resource or data body (developer.hashicorp.com/terraform/language/meta-arguments/lifecycle). */
const LIFECYCLE_BLOCKS = new Set(['lifecycle', 'lifecycle.precondition', 'lifecycle.postcondition']);

/** Attributes holding a JSON policy document, which the HCL writes as jsonencode(...). */
const JSON_DOCUMENT_ATTRIBUTES = new Set(['policy', 'assume_role_policy']);

/**
 * Provider schema blocks, as `kind.type` → paths of block keys in its body (`metadata`), read from
 * the CDKTF provider bindings of the stacks built for `plans`.
 */
export function providerSchemaBlocks(plans: readonly ClusterPlan[]): Map<string, Set<string>> {
  const blocks = new Map<string, Set<string>>();
  const stacks: TerraformStack[] = plans.map((plan) => new IrsaClusterStack(new App({ outdir: tempDir('create-irsa-schema-'), stackTraces: false }), plan));
  // The Pod Identity agent check's scoped data source is written as an override, not a construct.
  const extra = new TerraformStack(new App({ outdir: tempDir('create-irsa-schema-'), stackTraces: false }), 'extra');
  new DataAwsEksAddon(extra, 'addon', { clusterName: 'c', addonName: 'a' });
  stacks.push(extra);
  for (const stack of stacks) {
    for (const element of stack.node.findAll()) {
      if (!(element instanceof TerraformResource || element instanceof TerraformDataSource || element instanceof TerraformProvider)) continue;
      const hcl = element.toHclTerraform() as Json;
      const kind = Object.keys(hcl).find((key) => key !== 'terraform')!;
      for (const [type, instances] of Object.entries(hcl[kind] as Json)) {
        const key = `${kind}.${type}`;
        const paths = blocks.get(key) ?? new Set<string>();
        const bodies = kind === 'provider' ? (instances as Json[]) : Object.values(instances as Json);
        for (const body of bodies) collectBlocks(body, '', paths);
        blocks.set(key, paths);
      }
    }
  }
  return blocks;
}

function collectBlocks(body: Json, prefix: string, paths: Set<string>): void {
  for (const [key, attribute] of Object.entries(body)) {
    if (!attribute || typeof attribute !== 'object' || !('value' in attribute)) continue;
    if (attribute.isBlock || attribute.is_block) {
      paths.add(`${prefix}${key}`);
      for (const inner of [attribute.value].flat()) if (inner && typeof inner === 'object') collectBlocks(inner, `${prefix}${key}.`, paths);
    }
  }
}

const asList = (value: unknown): Json[] => (Array.isArray(value) ? value : [value]) as Json[];

/**
 * Terraform JSON in the shape hcl2json gives for the same configuration. Strings are put in Unicode
 * NFC, as HCL reads them: Terraform normalizes every string to NFC, from JSON and HCL files alike
 * (`base64encode` in `terraform console` shows it), so that is what both formats mean.
 */
export function toHcl2JsonShape(terraform: Json, schemaBlocks: Map<string, Set<string>>): Json {
  return inNfc(shape(terraform, schemaBlocks)) as Json;
}

function inNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(inNfc);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.normalize('NFC'), inNfc(inner)]));
  return value;
}

function shape(terraform: Json, schemaBlocks: Map<string, Set<string>>): Json {
  const shaped: Json = {};
  const body = (kind: string, type: string) => (value: Json) => {
    const blocks = schemaBlocks.get(`${kind}.${type}`);
    if (!blocks) throw new Error(`no provider schema known for ${kind}.${type}`);
    return shapeBody(value, (path) => blocks.has(path) || ((kind === 'resource' || kind === 'data') && LIFECYCLE_BLOCKS.has(path)));
  };
  for (const [kind, value] of Object.entries(terraform)) {
    switch (kind) {
      case 'terraform':
        shaped.terraform = asList(value).map((terraformBody) =>
          Object.fromEntries(
            Object.entries(terraformBody).map(([key, inner]) => {
              if (key === 'backend') return [key, mapValues(inner, (backend) => asList(backend))];
              if (key === 'required_providers') return [key, asList(inner)];
              return [key, inner];
            }),
          ),
        );
        break;
      case 'provider':
        shaped.provider = Object.fromEntries(Object.entries(value as Json).map(([name, bodies]) => [name, asList(bodies).map(body('provider', name))]));
        break;
      case 'data':
      case 'resource':
        shaped[kind] = Object.fromEntries(
          Object.entries(value as Json).map(([type, names]) => [type, mapValues(names, (instance) => asList(instance).map(body(kind, type)))]),
        );
        break;
      case 'locals':
        shaped.locals = asList(value);
        break;
      case 'output':
        shaped.output = mapValues(value, (output) => asList(output));
        break;
      case 'check':
        // A check block: its assertions are blocks, and it may hold one scoped data source.
        shaped.check = mapValues(value, (check) =>
          asList(check).map((checkBody) =>
            Object.fromEntries(
              Object.entries(checkBody as Json).map(([key, inner]) => {
                if (key === 'assert') return [key, asList(inner)];
                if (key === 'data') {
                  return [key, Object.fromEntries(Object.entries(inner as Json).map(([type, names]) => [type, mapValues(names, (instance) => asList(instance).map(body('data', type)))]))];
                }
                return [key, inner];
              }),
            ),
          ),
        );
        break;
      default:
        throw new Error(`toHcl2JsonShape does not know the top-level block ${kind}`);
    }
  }
  return shaped;
}

function shapeBody(body: Json, isBlock: (path: string) => boolean, prefix = ''): Json {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => {
      const path = `${prefix}${key}`;
      if (isBlock(path)) return [key, asList(value).map((inner) => shapeBody(inner, isBlock, `${path}.`))];
      // The policy is compared as the document it holds; the HCL side resolves jsonencode the same way.
      // A policy with characters IAM only takes escaped (beyond U+00FF) stays a string: jsonencode would write them raw.
      if (JSON_DOCUMENT_ATTRIBUTES.has(key) && typeof value === 'string' && !/\\u0[1-9a-f]|\\u[1-9a-f]/i.test(value)) {
        return [key, { jsonencode: JSON.parse(value) }];
      }
      return [key, value];
    }),
  );
}

function mapValues(record: unknown, change: (value: any) => unknown): Json { // eslint-disable-line @typescript-eslint/no-explicit-any
  return Object.fromEntries(Object.entries(record as Json).map(([key, value]) => [key, change(value)]));
}

/** Parses the `*.tf` files of a module with hcl2json and merges them, each top-level key from one file. */
export async function parseHclModule(files: readonly GeneratedFile[]): Promise<Json> {
  const merged: Json = {};
  for (const file of files.filter((candidate) => candidate.path.endsWith('.tf'))) {
    const parsed = await parse(file.path, file.content);
    for (const [key, value] of Object.entries(parsed)) {
      if (key in merged) throw new Error(`${key} appears in more than one file`);
      merged[key] = await resolveJsonencode(value);
    }
  }
  return merged;
}

const JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/**
 * Replaces each `${jsonencode(<object>)}` string with `{ jsonencode: <object> }`, the object read by
 * a second hcl2json pass over `x = <object>`: its strings come back as templates, exactly as the
 * strings of the JSON document in the Terraform JSON policy.
 */
export async function resolveJsonencode(value: unknown): Promise<unknown> {
  if (typeof value === 'string') {
    const match = JSONENCODE.exec(value);
    if (!match) return value;
    const parsed = await parse('jsonencode.tf', `x = ${match[1]}\n`);
    return { jsonencode: parsed.x };
  }
  if (Array.isArray(value)) return Promise.all(value.map(resolveJsonencode));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await resolveJsonencode(inner)]));
    return Object.fromEntries(entries);
  }
  return value;
}
