// Every result code in the five seeds, with the texts the seeds give. A code that appears in more
// than one document keeps each document's own wording (and, where the documents disagree, its own
// status or kind) as a separate `doc`; the DPOS_ in-store spelling and the plain online spelling of
// the same code share one entry. Texts are copied from the seeds; tests check them against the files.
import type { AntomApi } from '../paths';
import type { ResultStatus } from '../schemas/common';

/** What the engine and the UI do about a code. */
export type ResultKind =
  | 'DONE' // the call did what was asked
  | 'WAIT_FOR_RESULT' // accepted, final state later: wait for notifyRefund or inquire; never resend
  | 'RETRY_SAME_ID' // unknown: resending with the same request id is safe and expected
  | 'RETRY_LATER' // throttled or busy: try again after a pause
  | 'NEW_REQUEST' // this request id is spent: a new attempt needs a new id
  | 'FIX_REQUEST' // what we sent is wrong (amount, ids, parameters)
  | 'NOT_REFUNDABLE' // the payment cannot be refunded this way (status, window, method, partial, multiple)
  | 'REJECTED' // refused by Antom's risk control
  | 'MERCHANT_CONFIG' // our integration is misconfigured: keys, signature, client id, URL, terminal
  | 'CONTACT_SUPPORT'; // only Antom can say more

export interface ResultCodeDoc {
  /** Which API's documentation this wording comes from. */
  apis: readonly AntomApi[];
  /** The code exactly as that document prints it (misprints included). */
  printed: string;
  resultStatus: ResultStatus;
  message: string;
  furtherAction: string;
  kind?: ResultKind;
  retrySameId?: boolean;
  /** Documented pause and retry count, where the docs give one (ORDER_NOT_EXIST on online inquiry). */
  retryAfterMs?: number;
  maxRetries?: number;
}

export interface CatalogEntry {
  /** Canonical: the plain spelling, without DPOS_ (and its PAYMENT_/REFUND_ namespace). */
  code: string;
  kind: ResultKind;
  /** Whether resending the same request id is safe and may help (only ever for U results). */
  retrySameId: boolean;
  /** The first doc is the default wording. */
  docs: readonly [ResultCodeDoc, ...ResultCodeDoc[]];
}

const IN_STORE_REFUND = ['refund.inStore', 'inquiryRefund.inStore'] as const;
const REFUND_ONLY = ['refund.inStore'] as const;
const ONLINE_REFUND = ['refund.online', 'notifyRefund.online'] as const;
const ONLINE_INQUIRY = ['inquiryRefund.online'] as const;
const PAYMENT_INQUIRY = ['inquiryPayment.inStore'] as const;

function doc(
  apis: readonly AntomApi[],
  printed: string,
  resultStatus: ResultStatus,
  message: string,
  furtherAction: string,
  extra: Partial<ResultCodeDoc> = {},
): ResultCodeDoc {
  return { apis, printed, resultStatus, message, furtherAction, ...extra };
}

const entry = (code: string, kind: ResultKind, ...docs: [ResultCodeDoc, ...ResultCodeDoc[]]): CatalogEntry => ({
  code,
  kind,
  retrySameId: false,
  docs,
});

const SUPPORT_DETAILED = 'Contact Antom Technical Support for detailed reasons.';
const REFUND_WINDOW_MESSAGE = 'The refund date exceeds the refundable period that is agreed in the contract.';
const REFUND_WINDOW_ACTION =
  'Confirm whether the refund date exceeds the refundable period. Check the refundable period in the contract or contact Antom Technical Support for the specific refundable period.';
const PARTIAL_MESSAGE = 'A partial refund is not supported for this transaction.';
const PARTIAL_ACTION = 'Make a full refund or contact the buyer for an offline refund.';
const ORDER_STATUS_ACTION =
  'Check the order status and take corresponding actions. Wait if the transaction is under process. Do not initiate the refund if the transaction failed. Contact Antom Technical Support for specific reasons.';

export const RESULT_CODE_CATALOG: readonly CatalogEntry[] = [
  entry(
    'SUCCESS',
    'DONE',
    doc(
      [...IN_STORE_REFUND, ...PAYMENT_INQUIRY, ...ONLINE_REFUND],
      'SUCCESS',
      'S',
      'Success.',
      'No action is required.',
    ),
    doc(
      ONLINE_INQUIRY,
      'SUCCESS',
      'S',
      'Success',
      'The interface was called successfully, no further action is needed.',
    ),
  ),
  entry(
    'ACCESS_DENIED',
    'CONTACT_SUPPORT',
    doc(IN_STORE_REFUND, 'DPOS_PAYMENT_ACCESS_DENIED', 'F', 'Access is denied.', SUPPORT_DETAILED),
  ),
  entry(
    'CURRENCY_NOT_SUPPORT',
    'CONTACT_SUPPORT',
    doc(IN_STORE_REFUND, 'DPOS_PAYMENT_CURRENCY_NOT_SUPPORT', 'F', 'The currency is not supported.', SUPPORT_DETAILED),
  ),
  entry(
    'INVALID_MERCHANT_STATUS',
    'CONTACT_SUPPORT',
    doc(
      IN_STORE_REFUND,
      'DPOS_PAYMENT_INVALID_MERCHANT_STATUS',
      'F',
      'The merchant status is abnormal because restrictions exist.',
      SUPPORT_DETAILED,
    ),
  ),
  entry(
    'ORDER_IS_CLOSED',
    'NEW_REQUEST',
    doc(
      REFUND_ONLY,
      'DPOS_PAYMENT_ORDER_IS_CLOSED',
      'F',
      'The request you initiated has the same paymentRequestId as that of the existed transaction, which is closed.',
      'Use a new paymentRequestId to initiate the refund again.',
    ),
    // The refund guide (seed 002) lists it among the U answers of the online refund.
    doc(
      ONLINE_REFUND,
      'ORDER_IS_CLOSED',
      'U',
      'Usually returned in the inquiryRefund response, refund recall, and notifyRefund request. It may be that the refund cannot be processed in Antom for some reason.',
      'You can change your account and retry.',
    ),
  ),
  entry(
    'ORDER_NOT_EXIST',
    'FIX_REQUEST',
    doc(
      IN_STORE_REFUND,
      'DPOS_PAYMENT_ORDER_NOT_EXIST',
      'F',
      'The order does not exist.',
      'Check whether paymentId is correct. If correct, contact Antom Technical Support for specific reasons.',
    ),
    // Online inquiry: a refund just sent may not be visible yet; after three empty retries it was never placed.
    doc(
      ONLINE_INQUIRY,
      'ORDER_NOT_EXIST',
      'F',
      'The refund order does not exist.',
      'Call the interface again after 15 seconds. If no results are returned after three retries, the order has not been placed.',
      { kind: 'RETRY_LATER', retryAfterMs: 15_000, maxRetries: 3 },
    ),
  ),
  entry(
    'ORDER_STATUS_INVALID',
    'NOT_REFUNDABLE',
    doc(
      IN_STORE_REFUND,
      'DPOS_PAYMENT_ORDER_STATUS_INVALID',
      'F',
      'The order status is invalid. The transaction is under process or the transaction is failed.',
      ORDER_STATUS_ACTION,
    ),
    // The refund guide describes it ("the payment is not successful") but gives no action of its own.
    doc(ONLINE_REFUND, 'ORDER_STATUS_INVALID', 'F', 'The payment is not successful.', ORDER_STATUS_ACTION),
  ),
  entry(
    'REPEAT_REQ_INCONSISTENT',
    'FIX_REQUEST',
    doc(
      IN_STORE_REFUND,
      'DPOS_PAYMENT_REPEAT_REQ_INCONSISTENT',
      'F',
      'The amount or currency is different from the previous request.',
      'Ensure all the fields in the requests are the same or use a new paymentRequestId to initiate the refund again.',
    ),
  ),
  entry(
    'RISK_REJECT',
    'REJECTED',
    doc(
      IN_STORE_REFUND,
      'DPOS_PAYMENT_RISK_REJECT',
      'F',
      'The request is rejected because of the risk control.',
      'Prompt the user that the request is rejected because the risk control failed.',
    ),
  ),
  entry(
    'ORDER_IS_CANCELED',
    'NOT_REFUNDABLE',
    doc(
      IN_STORE_REFUND,
      'DPOS_PAYMENT_ORDER_IS_CANCELED',
      'F',
      'The transaction is canceled.',
      'You cannot refund the transaction because it is canceled.',
    ),
  ),
  entry(
    'SYSTEM_ERROR',
    'CONTACT_SUPPORT',
    // Printed with a space in seeds 000 and 001; lookups ignore whitespace inside a code.
    doc(
      IN_STORE_REFUND,
      'DPOS_SYSTEM_ ERROR',
      'F',
      'A system error occurred.',
      'Do not retry, and contact Antom Technical Support for more details.',
    ),
  ),
  entry(
    'KEY_NOT_FOUND',
    'MERCHANT_CONFIG',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_KEY_NOT_FOUND',
      'F',
      'The private key or public key of Antom or the merchant is not found.',
      'Check whether the private key or public key exists. If not, upload the private key in Antom Dashboard.',
    ),
  ),
  entry(
    'MERCHANT_BALANCE_NOT_ENOUGH',
    'NEW_REQUEST',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_MERCHANT_BALANCE_NOT_ENOUGH',
      'F',
      'The merchant balance is insufficient.',
      'Call the API again after the merchant has sufficient balance. The refundRequestId field needs to be changed when you try again.',
    ),
    doc(
      ONLINE_REFUND,
      'MERCHANT_BALANCE_NOT_ENOUGH',
      'F',
      'The merchant balance is insufficient.',
      'Call the API again after the merchant has sufficient balance. The refundRequestId field needs to be changed when you try again.',
    ),
  ),
  entry(
    'MULTIPLE_REFUNDS_NOT_SUPPORTED',
    'NOT_REFUNDABLE',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_MULTIPLE_REFUNDS_NOT_SUPPORTED',
      'F',
      'Multiple refunds are not supported because restrictions exist in the contract.',
      'Check whether multiple refunds exist. Do not call the refund interface anymore. For each refund, only call the interface once.',
    ),
  ),
  entry(
    'NO_INTERFACE_DEF',
    'MERCHANT_CONFIG',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_NO_INTERFACE_DEF',
      'F',
      'API is not defined.',
      'Check whether the URL is correct. Please refer to the endpoint in the API documentation.',
    ),
  ),
  entry(
    'INVALID_API',
    'CONTACT_SUPPORT',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_INVALID_API',
      'F',
      'The called API is invalid or not active.',
      'Contact Antom Technical Support to resolve the issue.',
    ),
    // Seed 004 treats it as our mistake (wrong API name), the refund documents as Antom's.
    doc(
      PAYMENT_INQUIRY,
      'INVALID_API',
      'F',
      'The called API is invalid.',
      'Check whether the correct API name is used when making the API call. API names are case-insensitive.',
      { kind: 'MERCHANT_CONFIG' },
    ),
  ),
  entry(
    'PROCESS_FAIL',
    'CONTACT_SUPPORT',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_PROCESS_FAIL',
      'F',
      'A general business failure occurred.',
      'Do not retry. Human intervention is usually needed. It is recommended that you contact Antom Technical Support to troubleshoot the issue.',
    ),
    doc(
      PAYMENT_INQUIRY,
      'PROCESS_FAIL',
      'F',
      'A general business failure occurred. Do not retry.',
      'Contact Antom Technical Support to troubleshoot the issue.',
    ),
  ),
  entry(
    'REFUND_AMOUNT_EXCEED',
    'FIX_REQUEST',
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_REFUND_AMOUNT_EXCEED',
      'F',
      'The total refund amount exceeds the payment amount or the refund amount is less than the minimum refund amount.',
      'Confirm whether the total refund amount exceeds the payment amount or whether the refund amount is less than the minimum refund amount. Create a new refund using an amount that is less than or equal to the payment amount and greater than or equal to the minimum refund amount, or contact Antom technical support.',
    ),
  ),
  entry(
    'REFUND_WINDOW_EXCEED',
    'NOT_REFUNDABLE',
    doc(IN_STORE_REFUND, 'DPOS_REFUND_REFUND_WINDOW_EXCEED', 'F', REFUND_WINDOW_MESSAGE, REFUND_WINDOW_ACTION),
    doc(ONLINE_REFUND, 'REFUND_WINDOW_EXCEED', 'F', REFUND_WINDOW_MESSAGE, REFUND_WINDOW_ACTION),
  ),
  entry(
    'REQUEST_TRAFFIC_EXCEED_LIMIT',
    'RETRY_LATER',
    // In-store: F, so never resent automatically. The refund guide lists it among the online U answers.
    doc(
      IN_STORE_REFUND,
      'DPOS_REFUND_REQUEST_TRAFFIC_EXCEED_LIMIT',
      'F',
      'The request traffic exceeds the limit.',
      'Call the API again to resolve the issue. If not resolved, contact Antom Technical Support.',
    ),
    doc(
      ONLINE_REFUND,
      'REQUEST_TRAFFIC_EXCEED_LIMIT',
      'U',
      'Usually caused by Antom system or network issues',
      'you can call the refund API to retry.',
      {
        retrySameId: true,
      },
    ),
  ),
  entry(
    'REFUND_IN_PROCESS',
    'WAIT_FOR_RESULT',
    doc(
      REFUND_ONLY,
      'DPOS_REFUND_REFUND_IN_PROCESS',
      'U',
      'The refund is being processed.',
      'Wait for the asynchronous notification or call the inquiryRefund API to query the final refund status. Do not retry the refund request.',
    ),
    doc(
      ONLINE_REFUND,
      'REFUND_IN_PROCESS',
      'U',
      'Indicates that the refund is being processed.',
      'You can call the inquiryRefund API to obtain the refund result or wait for the refund result notification.',
    ),
  ),
  entry(
    'REFUND_NOT_SUPPORT',
    'NOT_REFUNDABLE',
    doc(
      REFUND_ONLY,
      'DPOS_REFUND_REFUND_NOT_SUPPORT',
      'F',
      'Refunds are not supported for this transaction.',
      'Check the transaction status and the refund policy in the contract. If the transaction is successful and the contract allows refunds, contact Antom Technical Support.',
    ),
  ),
  entry(
    'PARTIAL_REFUND_NOT_SUPPORTED',
    'NOT_REFUNDABLE',
    doc(REFUND_ONLY, 'DPOS_REFUND_PARTIAL_REFUND_NOT_SUPPORTED', 'F', PARTIAL_MESSAGE, PARTIAL_ACTION),
    doc(ONLINE_REFUND, 'PARTIAL_REFUND_NOT_SUPPORTED', 'F', PARTIAL_MESSAGE, PARTIAL_ACTION),
  ),
  entry(
    'PAYMENT_METHOD_NOT_SUPPORTED',
    'NOT_REFUNDABLE',
    doc(
      REFUND_ONLY,
      'DPOS_REFUND_PAYMENT_METHOD_NOT_SUPPORTED',
      'F',
      'The payment method does not support canceling or refunding transactions if the payment status is successful.',
      'Do not retry. Contact Antom Technical Support to get more information.',
    ),
    doc(
      ONLINE_REFUND,
      'PAYMENT_METHOD_NOT_SUPPORTED',
      'F',
      'The payment method does not support canceling or refunding transactions',
      'Do not retry. Contact Antom Technical Support to get more information.',
    ),
  ),
  {
    ...entry(
      'UNKNOWN_EXCEPTION',
      'RETRY_SAME_ID',
      doc(
        ['inquiryRefund.inStore'],
        'DPOS_REFUND_UNKNOWN_EXCEPTION',
        'U',
        'An API call has failed, which is caused by unknown reasons.',
        'Call the interface again to resolve the issue. If not resolved, contact Antom Technical Support.',
      ),
      doc(
        REFUND_ONLY,
        'DPOS_REFUND_UNKNOWN_EXCEPTION',
        'U',
        'An API call has failed, which is caused by unknown reasons.',
        'Call the API again to resolve the issue. If not resolved, contact Antom Technical Support.',
      ),
      doc(
        PAYMENT_INQUIRY,
        'UNKNOWN_EXCEPTION',
        'U',
        'An API calling is failed, which is caused by unknown reasons.',
        'Call the API again.',
      ),
      doc(
        ONLINE_REFUND,
        'UNKNOWN_EXCEPTION',
        'U',
        'Usually caused by Antom system or network issues',
        'you can call the refund API to retry.',
      ),
    ),
    retrySameId: true,
  },
  entry(
    'CLIENT_INVALID',
    'MERCHANT_CONFIG',
    doc(ONLINE_INQUIRY, 'CLIENT_INVALID', 'F', 'The client is invalid.', 'Check whether clientId is correct.'),
    doc(
      PAYMENT_INQUIRY,
      'CLIENT_INVALID',
      'F',
      'The client ID is invalid.',
      'Check whether the correct client ID is used. The payment terminal integration uses the serial number (SN) of the payment terminal as the client ID.',
    ),
  ),
  entry(
    'METHOD_NOT_SUPPORTED',
    'MERCHANT_CONFIG',
    doc(
      ONLINE_INQUIRY,
      'METHOD_NOT_SUPPORTED',
      'F',
      'The server does not implement the requested HTTP method.',
      'Check whether the HTTP method is correct.',
    ),
    doc(
      PAYMENT_INQUIRY,
      'METHOD_NOT_SUPPORTED',
      'F',
      'The server does not implement the requested HTTP method.',
      'Ensure the HTTP method is POST.',
    ),
  ),
  entry(
    'MEDIA_TYPE_NOT_ACCEPTABLE',
    'MERCHANT_CONFIG',
    doc(
      ONLINE_INQUIRY,
      'MEDIA_TYPE_NOT_ACCEPTABLE',
      'F',
      'The server does not implement the media type that is acceptable to the client.',
      'Check whether the media type is correct.',
    ),
  ),
  entry(
    'PARAM_ILLEGAL',
    'FIX_REQUEST',
    doc(
      PAYMENT_INQUIRY,
      'PARAM_ILLEGAL',
      'F',
      'Parameter names or values do not meet the specified requirements. The result message can vary according to the specific error encountered.',
      'Check whether the request parameters, including the header parameters and body parameters, are correct and valid. For more information about the parameters of this API, see the Request header section.',
    ),
  ),
  entry(
    'INVALID_SIGNATURE',
    'MERCHANT_CONFIG',
    doc(
      PAYMENT_INQUIRY,
      'INVALID_SIGNATURE',
      'F',
      'The signature is not validated.',
      'Refer to the sample code to check whether the correct public key, signed message, and signature algorithm are used.',
    ),
  ),
  entry(
    'INVALID_ENCRPT_DATA',
    'MERCHANT_CONFIG',
    doc(
      PAYMENT_INQUIRY,
      'INVALID_ENCRPT_DATA',
      'F',
      'The encrypted data is invalid.',
      'Refer to the sample code to check whether the correct encrypted data is used.',
    ),
  ),
  entry(
    'TERMINAL_NOT_LOGIN',
    'MERCHANT_CONFIG',
    doc(
      PAYMENT_INQUIRY,
      'TERMINAL_NOT_LOGIN',
      'F',
      'The payment terminal is not logged in.',
      'Log in to the payment terminal.',
    ),
  ),
  entry(
    'TERMINAL_BUSY',
    'RETRY_LATER',
    doc(PAYMENT_INQUIRY, 'TERMINAL_BUSY', 'F', 'The payment terminal is busy.', 'Try again later.'),
  ),
  entry(
    'PAYMENT_NOT_EXIST',
    'CONTACT_SUPPORT',
    doc(
      PAYMENT_INQUIRY,
      'PAYMENT_NOT_EXIST',
      'F',
      'The payment does not exist.',
      'Contact Antom Technical Support to troubleshoot the issue.',
    ),
  ),
];
