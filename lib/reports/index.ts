// Antom's reconciliation reports (issue 13): import, reconciliation, and the reconciliation's read side.
export {
  DEFAULT_MAX_REPORT_BYTES,
  importReport,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from './import';
export { ReportRefused, reportAmountToMinor, type ReportKind } from './format';
export {
  DIFFERENCE_KINDS,
  MISSING_GRACE_DAYS,
  RECONCILED_AGAIN_DAYS,
  reconcile,
  reconcileRange,
  reconcileRecent,
  type DifferenceKind,
} from './reconcile';
export {
  differencesCsv,
  explainDifference,
  ExplainRefused,
  getDifference,
  getReconciliation,
  getRefundSettlement,
  listReports,
  type CountRow,
  type DifferenceFilter,
  type DifferenceRow,
  type Reconciliation,
  type RefundSettlement,
  type ReportSummary,
} from './queries';
export { DIFFERENCE_WORDS } from './words';
