// The Antom service layer: everything the refund engine, the webhook and the launcher need.
export { createAntomClient, type AntomClient, type AntomClientOptions } from './client';
export {
  AntomConfigError,
  gatewayKind,
  hasAntomGateway,
  loadAntomConfig,
  SANDBOX_GATEWAY_PATH,
  type AntomConfig,
  type AntomVariables,
} from './config';
export { AntomKeyError, parsePrivateKey, parsePublicKey, privateKeyToBase64, publicKeyToBase64 } from './keys';
export { apiForPath, apiPath, usesAntomSandboxPaths, type AntomApi, type CalledApi } from './paths';
export {
  memoryRecorder,
  noRecorder,
  prismaRecorder,
  redactBody,
  redactHeaders,
  type AntomCallRecord,
  type CallRecorder,
} from './recorder';
export {
  canonicalResultCode,
  catalogEntry,
  printedResultCode,
  resolveResultCode,
  RESULT_CODE_CATALOG,
  type ResultCodeInfo,
  type ResultKind,
} from './result-codes';
export { refundStateOf, refundWordFor, type PaymentState, type RefundState } from './status';
export { AntomRequestError, type TransportOptions } from './transport';
export type { FailureOutcome, UnknownOutcome, UnknownReason } from './outcomes';
export type { RefundInput, RefundOutcome } from './operations/refund';
export type { InquiryRefundInput, InquiryRefundOutcome, RefundReport } from './operations/inquiry-refund';
export type { InquiryPaymentInput, InquiryPaymentOutcome, PaymentReport } from './operations/inquiry-payment';
export {
  NOTIFY_ACK,
  NOTIFY_ACK_BODY,
  NOTIFY_REFUND_ACK,
  NOTIFY_REFUND_ACK_BODY,
  notificationAck,
  notificationRefusal,
  notifyRefundAck,
  paymentStateOfNotification,
  verifyNotifyPayment,
  verifyNotifyRefund,
  type HeaderSource,
  type IncomingNotification,
  type NotificationCheck,
  type NotificationReply,
  type NotifyPaymentCheck,
  type NotifyRefundCheck,
  type PaymentNotification,
  type RefundNotification,
} from './notifications';
export {
  contentToSign,
  formatSignatureHeader,
  parseSignatureHeader,
  signContent,
  signedHeaders,
  verifySignature,
  parseSignedTime,
} from './signing';
// What the sandbox (sandbox/, a program of its own) needs besides: the request schemas it checks
// what it is sent against, and the plain HTTP POST it delivers notifications with.
export { currencySchema, minorValueSchema } from './schemas/common';
export {
  inStoreRefundRequestSchema,
  onlineRefundRequestSchema,
  type InStoreRefundRequest,
  type OnlineRefundRequest,
} from './schemas/refund';
export {
  inquiryPaymentRequestSchema,
  inStoreInquiryRefundRequestSchema,
  onlineInquiryPaymentRequestSchema,
  onlineInquiryRefundRequestSchema,
} from './schemas/inquiry';
export { HttpFailure, postText } from './http';
