'use client';

/** "Refund again": the refund form is on this page, so the link takes the person to its first field. */
export function RefundAgainLink({ children }: { children: string }) {
  return (
    <a
      href="#refund-panel-heading"
      onClick={(e) => {
        const field = document.querySelector<HTMLElement>('#refund-form input, #refund-form button');
        if (!field) return; // nothing left to refund: the link shows the panel's reason
        e.preventDefault();
        field.scrollIntoView({ block: 'center' });
        field.focus();
      }}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
    >
      {children}
    </a>
  );
}
