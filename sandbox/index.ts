// The Antom sandbox: a local Antom the dashboard talks to when no real gateway is configured.
export {
  DEFAULT_SANDBOX_CLIENT_ID,
  startSandbox,
  type RunningSandbox,
  type SandboxAppEnv,
  type SandboxOptions,
} from './server';
export { sandboxAdmin, type LedgerView, type SandboxAdmin } from './admin-client';
export { DELIVERY_FAULTS, REQUEST_FAULTS, type ActiveRule, type FaultName, type FaultRule } from './faults';
export { ANTOM_NOTIFY_SCHEDULE_MS } from './notifier';
export type { RegisterPaymentInput } from './admin';
export { hasPendingStep, type TakePaymentInput } from './payments';
export type { NotificationDelivery, SandboxPayment, SandboxRefund } from './ledger';
