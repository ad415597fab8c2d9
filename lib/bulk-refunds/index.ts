// Bulk refunds (issue 16): a file of refunds is dry-run (dry-run.ts), confirmed by a person with a
// step-up code, then reserved and sent in the background at a configured rate (runner.ts, worker.ts),
// each row its own refund through the refund engine's front door. Pausing and cancelling (manage.ts);
// progress, rows and the result file (queries.ts); words (words.ts).
export {
  BatchFileRefused,
  batchRefundRequestId,
  dryRunBatch,
  MAX_BATCH_BYTES,
  MAX_BATCH_ROWS,
  type BulkDeps,
  type CurrencyTotal,
  type DryRunResult,
} from './dry-run';
export { BatchRefused, cancelBatch, confirmBatch, pauseBatch, resumeBatch } from './manage';
export {
  batchProgress,
  batchResultCsv,
  batchRows,
  getBatch,
  listBatches,
  rowOutcome,
  type BatchListItem,
  type BatchProgress,
  type BatchRowView,
  type BatchStatus,
  type BatchSummary,
} from './queries';
export { driveBatch, type RunnerOptions } from './runner';
export { startBatchRunner, type BatchRunner } from './worker';
export { BATCH_STATUS_WORDS, PROBLEM_WORDS, REASON_CODES, STAGE_WORDS, VERDICT_WORDS } from './words';
