// A TCP relay between a kiosk's store link and a real broker that reads the MQTT packets it
// passes on, so a test can fail a batch of orders at an exact packet: cut the connection at the
// n-th order PUBLISH (that one and the rest never reach the broker; acknowledgements still on
// their way back are lost), or drop the PUBACK of the n-th order PUBLISH (the broker has the
// message, the kiosk never hears so).
import { createServer, Socket, type AddressInfo } from 'node:net';

const PUBLISH = 3;
const PUBACK = 4;

/** Splits a byte stream into whole MQTT control packets (fixed header + remaining length). */
export function packetSplitter(): (chunk: Buffer) => Buffer[] {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    const packets: Buffer[] = [];
    for (;;) {
      let length = 0;
      let multiplier = 1;
      let offset = 1;
      let complete = false;
      while (offset < pending.length && offset <= 4) {
        const byte = pending[offset]!;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        offset += 1;
        if ((byte & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete || pending.length < offset + length) return packets;
      packets.push(pending.subarray(0, offset + length));
      pending = pending.subarray(offset + length);
    }
  };
}

const packetType = (packet: Buffer): number => packet[0]! >> 4;

/** Offset of the variable header, after the fixed header's remaining-length bytes. */
const bodyOffset = (packet: Buffer): number => {
  let offset = 1;
  while (packet[offset]! & 0x80) offset += 1;
  return offset + 1;
};

/** A QoS 1 PUBLISH: its topic and packet id. */
const readPublish = (packet: Buffer): { topic: string; packetId?: number } => {
  const start = bodyOffset(packet);
  const topicLength = packet.readUInt16BE(start);
  const topic = packet.subarray(start + 2, start + 2 + topicLength).toString('utf8');
  const qos = (packet[0]! >> 1) & 0x03;
  return { topic, ...(qos > 0 ? { packetId: packet.readUInt16BE(start + 2 + topicLength) } : {}) };
};

const isOrderTopic = (topic: string): boolean => /\/order\/[^/]+\/[^/]+$/.test(topic);

export interface OutboxRelay {
  url: string;
  /** Order PUBLISH packets that reached the broker through this relay. */
  orderPublishes(): number;
  /** Cut every connection when the n-th order PUBLISH from now arrives (it is not passed on). */
  cutAtOrderPublish(n: number): void;
  /** Drop the broker's PUBACK for the n-th order PUBLISH from now. */
  dropPubackOfOrderPublish(n: number): void;
  cuts(): number;
  pubacksDropped(): number;
  close(): Promise<void>;
}

export async function outboxRelay(brokerPort: number): Promise<OutboxRelay> {
  const open = new Set<Socket>();
  let published = 0;
  let cutAt: number | undefined;
  let dropAt: number | undefined;
  let dropPacketId: number | undefined;
  let cuts = 0;
  let dropped = 0;

  const cutAll = (): void => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  const server = createServer((inbound) => {
    const outbound = new Socket();
    outbound.connect(brokerPort, '127.0.0.1');
    open.add(inbound);
    open.add(outbound);
    const drop = (): void => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);

    const fromKiosk = packetSplitter();
    inbound.on('data', (chunk: Buffer) => {
      for (const packet of fromKiosk(chunk)) {
        if (packetType(packet) === PUBLISH) {
          const { topic, packetId } = readPublish(packet);
          if (isOrderTopic(topic)) {
            published += 1;
            if (cutAt !== undefined && published >= cutAt) {
              cutAt = undefined;
              cuts += 1;
              published -= 1; // it never reached the broker
              cutAll();
              return;
            }
            if (dropAt !== undefined && published >= dropAt) {
              dropAt = undefined;
              dropPacketId = packetId;
            }
          }
        }
        outbound.write(packet);
      }
    });
    const fromBroker = packetSplitter();
    outbound.on('data', (chunk: Buffer) => {
      for (const packet of fromBroker(chunk)) {
        if (packetType(packet) === PUBACK && dropPacketId !== undefined && packet.readUInt16BE(2) === dropPacketId) {
          dropPacketId = undefined;
          dropped += 1;
          continue;
        }
        inbound.write(packet);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    orderPublishes: () => published,
    cutAtOrderPublish(n) {
      cutAt = published + n;
    },
    dropPubackOfOrderPublish(n) {
      dropAt = published + n;
    },
    cuts: () => cuts,
    pubacksDropped: () => dropped,
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
