/**
 * The Terraform name of each binding's blocks (`aws_iam_role.<name>`, `<name>_role_arn`, ...).
 * Terraform tracks resources by these names: a binding whose name changes has its role destroyed
 * and created again. So a name, once given, is kept: create-irsa records it in the config it
 * writes, and a binding that has none takes the one the project already gives its service account.
 * Only a binding that is new gets a derived name, and never one that is taken.
 */
import { IrsaConfig } from '../config/irsa-config';
import { ConfigIssue, InvalidConfigError } from '../config/invalid-config-error';
import { derivedBindingNames, hashedBindingName, plainBindingName } from '../terraform/addresses';

interface NamedBinding {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly terraformName?: string;
}

/** The key of a binding: one service account has one binding, and so one name. */
function subjectOf(binding: NamedBinding): string {
  return `${binding.namespace}/${binding.serviceAccount}`;
}

/**
 * `config` with the Terraform name of every binding filled in:
 * 1. the binding's own `terraformName`;
 * 2. else the name the project gives the same service account (`previous`, see projectTerraformNames);
 * 3. else derived as create-irsa always has (see derivedBindingNames); a derived name that another
 *    binding has, or that two new bindings would share, becomes a (longer) hash of the subject.
 * Throws InvalidConfigError when two bindings would share a name through 1 and 2.
 */
export function withTerraformNames(config: IrsaConfig, previous?: ReadonlyMap<string, string>, source?: string): IrsaConfig {
  const names = bindingTerraformNames(config.bindings, previous, source);
  return { ...config, bindings: config.bindings.map((binding, index) => ({ ...binding, terraformName: names[index] })) };
}

/**
 * The name each service account of a project has, by `<namespace>/<serviceAccount>`: the one its
 * config records; else the one its generated module has (`generated`, what Terraform knows); else
 * the one its config gives it, decided as above.
 */
export function projectTerraformNames(project: IrsaConfig, generated: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const derived = bindingTerraformNames(project.bindings);
  return new Map(
    project.bindings.map((binding, index) => {
      const subject = subjectOf(binding);
      return [subject, binding.terraformName ?? generated.get(subject) ?? derived[index]];
    }),
  );
}

/** The names of `bindings`, in order (see withTerraformNames). */
export function bindingTerraformNames(
  bindings: readonly NamedBinding[],
  previous: ReadonlyMap<string, string> = new Map(),
  source?: string,
): string[] {
  const names: Array<string | undefined> = [];
  const owner = new Map<string, number>();
  const issues: ConfigIssue[] = [];

  // Given and kept names first: they are fixed, so a derived name must make way for them.
  bindings.forEach((binding, index) => {
    const kept = previous.get(subjectOf(binding));
    const name = binding.terraformName ?? kept;
    names.push(name);
    if (name === undefined) return;
    const first = owner.get(name);
    if (first === undefined) {
      owner.set(name, index);
      return;
    }
    const how = (at: number) =>
      bindings[at].terraformName !== undefined ? 'sets it as its terraformName' : 'has it in the project already';
    issues.push({
      field: `bindings[${index}].terraformName`,
      message:
        `${JSON.stringify(name)} is the Terraform name of bindings[${first}] (${subjectOf(bindings[first])}), which ${how(first)}, ` +
        `and of this binding (${subjectOf(binding)}), which ${how(index)}; each binding needs its own: ` +
        `set another terraformName on the one that is new. Example: ${plainBindingName(binding.namespace, binding.serviceAccount)}`,
    });
  });
  if (issues.length > 0) throw new InvalidConfigError(issues, source);

  // The rule of old, applied to the whole config: a new binding gets the name it would have had
  // if no binding had a name yet, and a config without names keeps the names it always had.
  const derived = derivedBindingNames(bindings);
  const unnamed = bindings.map((_, index) => index).filter((index) => names[index] === undefined);
  const derivedCount = new Map<string, number>();
  for (const index of unnamed) derivedCount.set(derived[index], (derivedCount.get(derived[index]) ?? 0) + 1);

  const clashing: number[] = [];
  unnamed.forEach((index) => {
    const name = derived[index];
    if (derivedCount.get(name) === 1 && !owner.has(name)) {
      names[index] = name;
      owner.set(name, index);
    } else {
      clashing.push(index);
    }
  });
  // A name that is taken, or that two new bindings would share: a (longer) hash, then a count.
  for (const index of clashing) {
    const name = firstFreeName(bindings[index], (candidate) => !owner.has(candidate) && !derivedCount.has(candidate));
    names[index] = name;
    owner.set(name, index);
  }
  return names as string[];
}

/** A hash of the subject, longer and longer, then the full hash and a count: one is free. */
function firstFreeName(binding: NamedBinding, isFree: (name: string) => boolean): string {
  for (const length of [8, 16, 64]) {
    const name = hashedBindingName(binding.namespace, binding.serviceAccount, length);
    if (isFree(name)) return name;
  }
  const full = hashedBindingName(binding.namespace, binding.serviceAccount, 64);
  for (let count = 2; ; count++) if (isFree(`${full}_${count}`)) return `${full}_${count}`;
}
