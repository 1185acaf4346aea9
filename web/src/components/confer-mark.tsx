/** Confer's mark: a calendar page with a camera lens, drawn inline so the page needs no image request. */
export function ConferMark({ size = 40 }: { size?: number }) {
  return (
    <svg className="confer-mark" width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect x="2" y="5" width="36" height="33" rx="9" fill="currentColor" />
      <rect x="10" y="1.5" width="4" height="8" rx="2" fill="currentColor" />
      <rect x="26" y="1.5" width="4" height="8" rx="2" fill="currentColor" />
      <rect x="9" y="16" width="15" height="14" rx="4" fill="#fff" />
      <path d="M25.5 21.2 31 17.8v10.4l-5.5-3.4z" fill="#fff" />
    </svg>
  );
}
