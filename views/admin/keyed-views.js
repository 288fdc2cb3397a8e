/**
 * Shows `items` in `container` in their order, one view per item id kept across refreshes in
 * `views` (id → `{node}`): a view is made once (`make`), brought up to date on every refresh
 * (`update`), and dropped when its item is gone. Only nodes out of place are moved: moving a
 * node would take the focus from its button and stop its player. Returns how many are shown.
 */
export function showKeyed(container, views, items, make, update) {
  const ids = new Set(items.map((item) => item.id));
  for (const id of views.keys()) if (!ids.has(id)) views.delete(id);
  const nodes = items.map((item) => {
    let view = views.get(item.id);
    if (!view) {
      view = make(item);
      views.set(item.id, view);
    }
    update(view, item);
    return view.node;
  });
  nodes.forEach((node, index) => {
    const there = container.children[index];
    if (there !== node) container.insertBefore(node, there || null);
  });
  while (container.children.length > nodes.length) container.lastElementChild.remove();
  return nodes.length;
}

/** Each cell but the first names its column: on a narrow screen the rows show as cards. */
export function labelCells(row, columns) {
  [...row.children].forEach((cell, i) => {
    if (i > 0 && columns[i]) cell.setAttribute('data-label', columns[i]);
  });
}
