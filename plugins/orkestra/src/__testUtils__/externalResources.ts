/**
 * What a rendered DOM would make the browser fetch. jsdom fetches nothing,
 * so a test that wants "no request" looks at the elements and attributes a
 * browser loads from: `<img src>`, `srcset`, `<video poster>`, `<link href>`,
 * `<iframe>`, `<object data>`, SVG `<image href>`, `url()` and `@import` in
 * styles.
 */

/** One thing the browser would load: which element, through which attribute, and from where. */
export interface LoadedResource {
  element: string;
  attribute: string;
  url: string;
}

const URL_ATTRIBUTES = [
  'src',
  'srcset',
  'imagesrcset',
  'poster',
  'data',
  'background',
  'href',
  'xlink:href',
];

/** Elements whose `href` loads something (a link only navigates when clicked). */
const LOADING_HREF = new Set(['link', 'image', 'use', 'feimage']);

/** Elements that load a document or plugin even without a URL attribute. */
const EMBEDDING = new Set(['iframe', 'frame', 'object', 'embed']);

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3/gi;

function cssUrls(text: string): string[] {
  return [...text.matchAll(CSS_URL)].map(m => m[2] ?? m[4] ?? '');
}

/** Every resource the elements under `root` (included) would load. */
export function loadedResources(root: Element): LoadedResource[] {
  const found: LoadedResource[] = [];
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of URL_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value === null || value.trim() === '') continue;
      if (attribute.endsWith('href') && !LOADING_HREF.has(tag)) continue;
      const urls = attribute.endsWith('srcset')
        ? value.split(',').map(candidate => candidate.trim().split(/\s+/)[0])
        : [value];
      for (const url of urls) found.push({ element: tag, attribute, url });
    }
    if (EMBEDDING.has(tag) && !element.getAttribute('src')) {
      found.push({ element: tag, attribute: '(none)', url: 'about:blank' });
    }
    for (const url of cssUrls(element.getAttribute('style') ?? '')) {
      found.push({ element: tag, attribute: 'style', url });
    }
    if (tag === 'style') {
      for (const url of cssUrls(element.textContent ?? '')) {
        found.push({ element: tag, attribute: '(text)', url });
      }
    }
  }
  return found;
}

/** The resources under `root` that come from another origin than the page's (data: URIs included). */
export function foreignResources(root: Element): LoadedResource[] {
  const origin = window.location.origin;
  return loadedResources(root).filter(resource => {
    try {
      return new URL(resource.url, window.location.href).origin !== origin;
    } catch {
      return true;
    }
  });
}

/** Every element under `root` whose `href` does not use http, https or mailto. */
export function unsafeLinks(root: Element): string[] {
  return [...root.querySelectorAll('[href]')]
    .map(element => element.getAttribute('href') ?? '')
    .filter(href => !/^(https?:|mailto:)/i.test(href.trim()));
}
