import {
  type DeliveryRequest,
  type DeliveryResponse,
  type ReceiveDeps,
  receiveDelivery,
} from '../service/receive.js';

/** What a host gives the receiver: the Lambda handler (AWS) or the local host (SQLite). */
export type ReceiverAdapters = ReceiveDeps;

export interface Receiver {
  /** One webhook delivery: verified, parsed, queued, answered. */
  receive(request: DeliveryRequest): Promise<DeliveryResponse>;
}

export function buildReceiver(adapters: ReceiverAdapters): Receiver {
  return { receive: (request) => receiveDelivery(request, adapters) };
}
