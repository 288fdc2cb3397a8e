/* The editor's queue chooser, kept to the queue list of the table's last refresh. */
import { el } from './dom.js';

/** Refills the <select> with `queues` (from GET /admin/api/queues), keeping the selection. */
export function offerQueues(select, queues) {
  const wanted = queues.map((q) => {
    const label = q.displayName || q.name;
    return [q.name, label === q.name ? q.name : `${label} (${q.name})`];
  });
  const current = [...select.options].map((o) => [o.value, o.textContent]);
  // Unchanged: leave the list alone, so a refresh never disturbs someone choosing.
  if (JSON.stringify(wanted) === JSON.stringify(current)) return;
  const selected = select.value;
  select.replaceChildren(
    ...wanted.map(([name, text]) => el('option', { value: name, textContent: text })),
  );
  if (wanted.some(([name]) => name === selected)) select.value = selected;
}

/** Time zones for the time-zone field: a suggestion list only, the server has the final word. */
export function suggestTimeZones(datalist) {
  if (typeof Intl.supportedValuesOf === 'function') {
    datalist.replaceChildren(
      ...Intl.supportedValuesOf('timeZone').map((zone) => el('option', { value: zone })),
    );
  }
}
