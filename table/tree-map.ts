// Rebuilds a syntax tree with some nodes replaced (a window's `w.start` by `window_start`), sharing what is unchanged.
export function mapTree<T>(node: T, replace: (node: object) => object | undefined): T {
  if (typeof node !== "object" || node === null) return node;
  const replaced = replace(node);
  if (replaced !== undefined) return replaced as T;
  if (Array.isArray(node)) {
    const items = node.map((item) => mapTree(item, replace));
    return (items.some((item, i) => item !== node[i]) ? items : node) as T;
  }
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const mapped = key === "span" ? value : mapTree(value, replace);
    if (mapped !== value) changed = true;
    copy[key] = mapped;
  }
  return (changed ? copy : node) as T;
}
