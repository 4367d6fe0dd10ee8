export {
  createBroker,
  DEFAULT_MAILBOX_CAPACITY,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './broker.js';
export type {
  BrokerErrorCode,
  MessagingErrorKind,
  MessagingErrorOptions,
  WitMessagingError,
} from './errors.js';
export {
  AddressInUseError,
  BrokerClosedError,
  InvalidTopicError,
  isMessagingError,
  MESSAGING_ERROR_KINDS,
  MessagingError,
} from './errors.js';
export type { Mailbox } from './mailbox.js';
export { createMailbox, MAILBOX_BATCH } from './mailbox.js';
export { ERROR_DETAIL_HEADER, ERROR_KIND_HEADER } from './reply.js';
export type { SubscriptionIndex } from './subscriptions.js';
export { createSubscriptionIndex } from './subscriptions.js';
export type { TopicPattern } from './topic-pattern.js';
export {
  compileTopicPattern,
  MAX_TOPIC_LENGTH,
  matchSegments,
  matchTopic,
  validateTopic,
  validateTopicPattern,
} from './topic-pattern.js';
export { createInProcessTransport } from './transports/in-process.js';
export type {
  BroadcastResult,
  Broker,
  BrokerEvents,
  BrokerOptions,
  BrokerStats,
  DeliveryResult,
  HandlerErrorEvent,
  HandlerResult,
  MessageHandler,
  PendingRequest,
  PublishResult,
  RegisterOptions,
  Registration,
  Rejection,
  RequestCallback,
  RequestOptions,
  RequestOutcome,
  RequestStart,
  SendResult,
  Transport,
  TransportReceiver,
} from './types.js';
