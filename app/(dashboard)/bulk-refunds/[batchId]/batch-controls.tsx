import { ActionButton } from '@/components/action-button';
import { cancelBatchAction, pauseBatchAction, resumeBatchAction } from './actions';

/** Pause or resume the batch, and cancel what is not sent yet: one button each, on the server's markup. */
export function BatchControls({ batchId, status }: { batchId: string; status: string }) {
  const fields = { batchId };
  return (
    <div className="flex flex-wrap items-center gap-3">
      {status === 'RUNNING' && (
        <ActionButton action={pauseBatchAction} fields={fields} stepUpId="pause-step-up" busy="Pausing…">
          Pause
        </ActionButton>
      )}
      {status === 'PAUSED' && (
        <ActionButton action={resumeBatchAction} fields={fields} stepUpId="resume-step-up" busy="Resuming…">
          Resume
        </ActionButton>
      )}
      <ActionButton action={cancelBatchAction} fields={fields} stepUpId="cancel-step-up" busy="Cancelling…">
        Cancel the rest
      </ActionButton>
    </div>
  );
}
