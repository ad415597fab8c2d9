// The typed client the refund engine and the app use: configuration and a recorder bound once.
import type { AntomConfig } from './config';
import { inquiryPayment, type InquiryPaymentInput, type InquiryPaymentOutcome } from './operations/inquiry-payment';
import { inquiryRefund, type InquiryRefundInput, type InquiryRefundOutcome } from './operations/inquiry-refund';
import { refund, type RefundInput, type RefundOutcome } from './operations/refund';
import type { TransportOptions } from './transport';
import {
  verifyNotifyPayment,
  verifyNotifyRefund,
  type IncomingNotification,
  type NotifyPaymentCheck,
  type NotifyRefundCheck,
} from './notifications';

export interface AntomClient {
  readonly config: AntomConfig;
  refund(input: RefundInput): Promise<RefundOutcome>;
  inquiryRefund(input: InquiryRefundInput): Promise<InquiryRefundOutcome>;
  inquiryPayment(input: InquiryPaymentInput): Promise<InquiryPaymentOutcome>;
  verifyNotifyRefund(incoming: IncomingNotification): NotifyRefundCheck;
  verifyNotifyPayment(incoming: IncomingNotification): NotifyPaymentCheck;
}

export type AntomClientOptions = TransportOptions;

export function createAntomClient(options: AntomClientOptions): AntomClient {
  return {
    config: options.config,
    refund: (input) => refund(options, input),
    inquiryRefund: (input) => inquiryRefund(options, input),
    inquiryPayment: (input) => inquiryPayment(options, input),
    verifyNotifyRefund: (incoming) => verifyNotifyRefund(options.config, incoming),
    verifyNotifyPayment: (incoming) => verifyNotifyPayment(options.config, incoming),
  };
}
