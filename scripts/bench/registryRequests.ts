/** Registry requests by kind, counted by a `fetch` wrapper given to the RegistryClient. */
export type RequestKind =
  | 'catalog'
  | 'tagList'
  | 'manifestHead'
  | 'manifestGet'
  | 'blobGet'
  | 'other';

export type RequestCounts = Record<RequestKind, number>;

const KINDS: RequestKind[] = [
  'catalog',
  'tagList',
  'manifestHead',
  'manifestGet',
  'blobGet',
  'other',
];

function kindOf(pathname: string, method: string): RequestKind {
  if (pathname === '/v2/_catalog') return 'catalog';
  if (pathname.endsWith('/tags/list')) return 'tagList';
  if (pathname.includes('/manifests/'))
    return method === 'HEAD' ? 'manifestHead' : 'manifestGet';
  if (pathname.includes('/blobs/') && method === 'GET') return 'blobGet';
  return 'other';
}

export function countingFetch() {
  const counts = Object.fromEntries(KINDS.map(k => [k, 0])) as RequestCounts;
  const fetcher: typeof fetch = (input, init) => {
    const { pathname } = new URL(String(input));
    counts[kindOf(pathname, init?.method ?? 'GET')]++;
    return fetch(input, init);
  };
  /** The requests `work` made. */
  const during = async <T>(work: () => Promise<T>) => {
    const before = { ...counts };
    const result = await work();
    const delta = Object.fromEntries(
      KINDS.map(k => [k, counts[k] - before[k]]),
    ) as RequestCounts;
    return { result, delta };
  };
  return { fetcher, during };
}

export const totalOf = (c: RequestCounts) =>
  KINDS.reduce((sum, k) => sum + c[k], 0);

export function formatCounts(c: RequestCounts): string {
  return (
    `${totalOf(c)} requests (catalog ${c.catalog}, tags/list ${c.tagList}, ` +
    `manifest HEAD ${c.manifestHead}, manifest GET ${c.manifestGet}, ` +
    `blob GET ${c.blobGet}, other ${c.other})`
  );
}

/** Peak resident set size of this process while `work` runs, sampled every 20 ms. */
export async function withPeakRss<T>(work: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
