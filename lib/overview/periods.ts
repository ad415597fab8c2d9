// The overview's periods, apart from its queries (which are server-only): the URL reading in
// app/(dashboard)/search-params.ts names them too.

/** The overview's one period control: its cards and its chart cover the same local days. */
export const PERIODS = { today: 1, '7d': 7, '30d': 30, '90d': 90 } as const;
export type OverviewPeriod = keyof typeof PERIODS;
