/**
 * Where a copy of the page is published, read from what a user typed (`url --base`,
 * HOTPLUG_BASE_URL), as the two parts of window.location a link is made of. The app reads
 * only the fragment, so a query or fragment of the base is dropped; a path that names a
 * folder without its final "/" gets it, because the page's assets load relative to it.
 */
export function readBaseUrl(text: string): { origin: string; pathname: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `"${text}" is not a URL: give the address the page is published at, e.g. https://example.org/hotplug/` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: `"${text}" is not a web address (${url.protocol}): the page must be served over http or https, e.g. https://example.org/hotplug/` };
  }
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const pathname = last === '' || last.includes('.') ? url.pathname : `${url.pathname}/`;
  return { origin: url.origin, pathname };
}
