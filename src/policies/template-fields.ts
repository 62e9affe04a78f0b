/**
 * What a template may look up: the shape of the data it is rendered with. A field is known when
 * the data has it; in a list, when every item has it (so `{{#each grants}}{{json bucket}}{{/each}}`
 * is checked against the items, whatever their number).
 */

export type TemplateShape =
  | { readonly kind: 'value' }
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, TemplateShape> }
  /** `item` is undefined for an empty list: its body never renders, so nothing inside can be missing. */
  | { readonly kind: 'list'; readonly item: TemplateShape | undefined };

const VALUE: TemplateShape = { kind: 'value' };

/** The shape of a value; `isValue` says which objects are single values (e.g. Terraform references). */
export function shapeOf(value: unknown, isValue: (value: object) => boolean): TemplateShape {
  if (Array.isArray(value)) {
    const items = value.map((item) => shapeOf(item, isValue));
    return { kind: 'list', item: items.length === 0 ? undefined : items.reduce(commonShape) };
  }
  if (value !== null && typeof value === 'object' && !isValue(value)) {
    return { kind: 'object', fields: new Map(Object.entries(value).map(([key, item]) => [key, shapeOf(item, isValue)])) };
  }
  return VALUE;
}

/** What two items of one list have in common: only the fields both have. */
function commonShape(a: TemplateShape, b: TemplateShape): TemplateShape {
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = new Map<string, TemplateShape>();
    for (const [key, shape] of a.fields) {
      const other = b.fields.get(key);
      if (other) fields.set(key, commonShape(shape, other));
    }
    return { kind: 'object', fields };
  }
  if (a.kind === 'list' && b.kind === 'list') {
    if (!a.item || !b.item) return { kind: 'list', item: a.item ?? b.item };
    return { kind: 'list', item: commonShape(a.item, b.item) };
  }
  return VALUE;
}
