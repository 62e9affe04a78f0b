/**
 * CDKTF annotates what it synthesizes with `"//"` properties: at the top (CDKTF version, stack name,
 * output ids) and in every resource and data source (construct path, unique id). Terraform reads
 * `"//"` as a comment, so they change nothing it plans; they only describe CDKTF's construct tree,
 * which a reviewer of `generated/` has no use for. `cdktf synth` output keeps them.
 */
import type { TerraformJson } from './synthesize-stack';

export const CDKTF_METADATA_KEY = '//';

/** The Terraform kinds whose blocks CDKTF annotates: `kind.type.name` holds a `"//"`. */
const ANNOTATED_BLOCK_KINDS = ['resource', 'data'];

/** A copy of `terraform` without CDKTF's `"//"` metadata; everything else is untouched. */
export function stripCdktfMetadata(terraform: TerraformJson): TerraformJson {
  const stripped: TerraformJson = {};
  for (const [key, value] of Object.entries(terraform)) {
    if (key === CDKTF_METADATA_KEY) continue;
    stripped[key] = ANNOTATED_BLOCK_KINDS.includes(key) ? mapBlocks(value, withoutMetadata) : value;
  }
  return stripped;
}

type Json = Record<string, unknown>;

function withoutMetadata(body: Json): Json {
  // Only the `"//"` key of a block body is CDKTF's: the same key inside an attribute's map is data.
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== CDKTF_METADATA_KEY));
}

/** Applies `change` to every `type.name` body of a resource or data block. */
function mapBlocks(kind: unknown, change: (body: Json) => Json): unknown {
  const types = kind as Record<string, Record<string, Json>>;
  return Object.fromEntries(
    Object.entries(types).map(([type, names]) => [
      type,
      Object.fromEntries(Object.entries(names).map(([name, body]) => [name, change(body)])),
    ]),
  );
}
