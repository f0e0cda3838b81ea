// Wires the payment slice to the kiosk host's devices (through the contract) and to Dexie.
import type { KioskApi } from '../api';
import type { KioskData, PaymentResolution } from '../data';
import type { PaymentDeps } from '../state/payment-slice';

export function paymentDeps(api: () => KioskApi, data: () => Promise<KioskData>): PaymentDeps {
  return {
    getDeviceStatus: () => api().getDeviceStatus({}),
    placeOrder: (order) => api().placeOrder({ order }),
    payByCard: ({ orderId, paymentKey }) => api().payByCard({ orderId, paymentKey }),
    abortPayment: (paymentKey) => api().abortPayment({ paymentKey }),
    resolvePayment: (orderId, paymentKey) => api().resolvePayment({ orderId, paymentKey }),
    printTicket: (input) => api().printTicket(input),
    onPrompt: (listener) =>
      api().onEvent((event) => {
        if (event.type === 'device.paymentPrompt') listener(event.paymentKey, event.prompt);
      }),
    beginPayment: async (orderId) => (await data()).beginPayment(orderId),
    recordPaymentOutcome: async (orderId, outcome) => (await data()).recordPaymentOutcome(orderId, outcome),
    transitionOrder: async (orderId, event) => (await data()).transitionOrder(orderId, event),
    lastAttempt: async (orderId) => (await (await data()).paymentAttempts(orderId)).at(-1),
    ordersInDoubt: async () => (await data()).listOrders(['payment_pending', 'payment_unknown']),
    recover: async () =>
      // The data layer is a chunk of its own (main.tsx): recovery runs once it is open.
      (await import('../data')).recoverOnStart({
        data: await data(),
        // Asked of the terminal through the host: status enquiry / repeat receipt, never a new charge.
        async resolvePayment(order, attempt): Promise<PaymentResolution> {
          if (!attempt) return { result: 'not_paid' };
          const answer = await api().resolvePayment({ orderId: order.orderId, paymentKey: attempt.paymentKey });
          if (answer.result === 'approved') return { result: 'paid', terminal: answer.terminal };
          if (answer.result === 'not_paid') return { result: 'not_paid' };
          return { result: 'unknown', reason: answer.message };
        },
        async checkReceipt(order) {
          const { status } = await api().getTicketStatus({ orderId: order.orderId, kind: 'receipt' });
          return status === 'printed' ? 'printed' : 'not_printed';
        },
      }),
  };
}
