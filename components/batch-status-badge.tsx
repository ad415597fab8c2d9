// The colours of bulk refund batches and their rows; the words come from lib/bulk-refunds.
import { BATCH_STATUS_WORDS, VERDICT_WORDS, type BatchStatus } from '@/lib/bulk-refunds/words';
import { Badge, type Tone } from './badge';

const BATCH_TONES: Record<BatchStatus, Tone> = {
  DRY_RUN: 'violet',
  RUNNING: 'blue',
  PAUSED: 'amber',
  CANCELLED: 'slate',
  DONE: 'green',
};

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return (
    <Badge tone={BATCH_TONES[status]} title={BATCH_STATUS_WORDS[status].hint}>
      {BATCH_STATUS_WORDS[status].label}
    </Badge>
  );
}

const VERDICT_TONES: Record<keyof typeof VERDICT_WORDS, Tone> = {
  READY: 'green',
  NEEDS_APPROVAL: 'amber',
  REFUSED: 'red',
};

export function VerdictBadge({ verdict }: { verdict: keyof typeof VERDICT_WORDS }) {
  return <Badge tone={VERDICT_TONES[verdict]}>{VERDICT_WORDS[verdict]}</Badge>;
}
