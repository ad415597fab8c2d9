// Every Antom call the app, the notification fast path and the worker make passes here on its way to
// antom_calls (lib/refunds/engine-deps.ts wraps their recorder): stamped with the request or job id it
// was made for, counted and timed (metrics.ts), and logged (what was asked and how it ended; never the
// bodies or headers). Kept out of lib/antom so the sandbox and the command-line tools, which use that
// layer too, do not load the logger and the metrics.
import type { AntomCallRecord, CallRecorder } from '../antom/recorder';
import { log } from './log';
import { countAntomCall } from './metrics';
import { currentRequestId } from './request-context';

export function observedRecorder(recorder: CallRecorder): CallRecorder {
  return {
    async record(call: AntomCallRecord) {
      const stamped = { ...call, requestId: call.requestId ?? currentRequestId() ?? null };
      countAntomCall(call.operation, call.outcome, call.latencyMs);
      log('antom').info(
        {
          operation: call.operation,
          path: call.path,
          refundRequestId: call.refundRequestId,
          attempt: call.attempt,
          outcome: call.outcome,
          httpStatus: call.httpStatus,
          resultCode: call.resultCode,
          latencyMs: call.latencyMs,
        },
        'antom call',
      );
      await recorder.record(stamped);
    },
  };
}
