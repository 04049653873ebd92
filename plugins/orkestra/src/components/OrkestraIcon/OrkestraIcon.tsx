/** Stacked layers: the patterns Orkestra publishes. Sized by the surrounding font, like other nav icons. */
export const OrkestraIcon = () => (
  <svg
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="currentColor"
    aria-hidden="true"
    focusable="false"
  >
    <path d="M12 2 2 7l10 5 10-5-10-5Zm0 12.24L4.24 10.36 2 11.48l10 5 10-5-2.24-1.12L12 14.24Zm0 4.5-7.76-3.88L2 15.98l10 5 10-5-2.24-1.12L12 18.74Z" />
  </svg>
);
